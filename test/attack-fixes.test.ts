// Issue 24, items 8 to 11: fixes never corrupt. A fix never removes an anchor an alias uses nor edits
// through one into another object; edits to JSON keep it JSON; explicit keys get no broken edit and an
// end-of-line comment survives a replaced entry; a third party's fix is checked (range, parses, same
// documents) and dropped with a kubelore/fix-rejected finding when it would corrupt the file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defineRule, definePlugin, fixedTextOf, Linter, type ConfigArray, type LintResult } from '../packages/core/dist/index.js';
import { builtinPlugins } from '../packages/cli/dist/index.js';
import { parseAllDocuments } from 'yaml';

const linter = new Linter();
const base: ConfigArray = [{ plugins: builtinPlugins }];

function fix(text: string, rules: Record<string, 'error'>, filePath = 'a.yaml', configs: ConfigArray = base): LintResult {
  return linter.lintAndFix([{ filePath, text }], [...configs, { rules }])[0]!;
}

function assertParses(text: string): void {
  for (const doc of parseAllDocuments(text)) {
    assert.equal(doc.errors.map((e) => e.code), [], text);
    doc.toJS();
  }
}

const SLEEP = { 'termination/prestop-sleep-action': 'error' } as const;

test('item 8: an anchor that an alias uses is not deleted; the fix is refused with a finding', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: x:1
      lifecycle:
        preStop:
          exec: &sleep
            command: [sleep, "5"]
  initContainers:
    - name: init
      image: y:1
      command: *sleep
`;
  const result = fix(text, SLEEP);
  assert.is(fixedTextOf(result), undefined, 'nothing changed');
  const refused = result.messages.filter((m) => m.ruleId === 'kubelore/fix-rejected');
  assert.equal(refused.map((m) => [m.line, m.message]), [
    [11, 'The fix of termination/prestop-sleep-action was not applied: it edits a node that an alias elsewhere uses (its anchor, or the object the alias copies).'],
  ]);
  const finding = result.messages.find((m) => m.ruleId === 'termination/prestop-sleep-action')!;
  assert.is(finding.fix, null, 'the refused fix is not offered');
});

test('item 8: an edit is not made through an alias into the object it copies', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers:
        - &app
          name: app
          image: x:1
          lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      containers:
        - *app
`;
  const result = fix(text, SLEEP);
  assert.is(fixedTextOf(result), undefined);
  assert.ok(result.messages.some((m) => m.ruleId === 'kubelore/fix-rejected'));
});

test('item 9: --fix on a JSON manifest keeps it JSON (inserted and replaced entries)', () => {
  const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"hostNetwork": true, "containers": [{"name": "a", "image": "x:1", "args": ["--api=http://api.shop.svc:80"], "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}}}]}\n}\n';
  const result = fix(text, { ...SLEEP, 'dns/host-network-policy': 'error' }, 'pod.json');
  const fixed = fixedTextOf(result)!;
  const parsed = JSON.parse(fixed) as { spec: { dnsPolicy: string; containers: Array<{ lifecycle: unknown }> } };
  assert.is(parsed.spec.dnsPolicy, 'ClusterFirstWithHostNet');
  assert.equal(parsed.spec.containers[0]!.lifecycle, { preStop: { sleep: { seconds: 5 } } });
});

test('item 10: an explicit key (`? exec`) gets no edit that breaks the file; a replaced entry keeps its end-of-line comment', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: x:1
      lifecycle:
        preStop:
          exec: # wait for the load balancer
            command: [sleep, "5"]
    - name: two
      image: x:1
      lifecycle:
        preStop:
          ? exec
          : command: [sleep, "5"]
`;
  const result = fix(text, SLEEP);
  const fixed = fixedTextOf(result)!;
  assertParses(fixed);
  assert.ok(fixed.includes('          sleep: # wait for the load balancer\n            seconds: 5\n'), fixed);
  assert.ok(fixed.includes('          ? exec\n          : command: [sleep, "5"]\n'), 'the explicit key is left for a person');
});

// A third party's fixes: one empties the file, one points past its end, one breaks the syntax, one is fine.
const vandal = definePlugin({
  name: 'vandal',
  rules: {
    truncate: defineRule({
      meta: { type: 'problem', fixable: 'code', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'truncates' } },
      create: (context) => ({ Pod: (pod) => context.report({ node: pod, messageId: 'x', fix: { range: [0, context.source.text.length], text: '' } }) }),
    }),
    outside: defineRule({
      meta: { type: 'problem', fixable: 'code', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'outside' } },
      create: (context) => ({ Pod: (pod) => context.report({ node: pod, messageId: 'x', fix: { range: [5, context.source.text.length + 100], text: 'x' } }) }),
    }),
    breaks: defineRule({
      meta: { type: 'problem', fixable: 'code', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'breaks' } },
      create: (context) => ({ Pod: (pod) => context.report({ node: pod, messageId: 'x', fix: { range: [0, 0], text: 'kind: [\n' } }) }),
    }),
  },
});

test('item 11: third-party fixes that empty the file, point outside it or break its syntax are refused with findings', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: "x:1", args: ["--api=http://api.shop.svc:80"]}]\n';
  const configs: ConfigArray = [{ plugins: { ...builtinPlugins, vandal } }];
  const result = fix(text, { 'vandal/truncate': 'error', 'vandal/outside': 'error', 'vandal/breaks': 'error', 'dns/host-network-policy': 'error' }, 'a.yaml', configs);
  const fixed = fixedTextOf(result)!;
  assert.is(fixed, `${text}  dnsPolicy: ClusterFirstWithHostNet\n`, 'the good fix still lands');
  const refused = result.messages.filter((m) => m.ruleId === 'kubelore/fix-rejected').map((m) => m.message).sort();
  assert.equal(refused, [
    'The fix of vandal/breaks was not applied: the fixed text would not parse.',
    `The fix of vandal/outside was not applied: the fix range [5, ${fixed.length + 100}] is outside the text (0 to ${fixed.length}).`,
    'The fix of vandal/truncate was not applied: the fixed text would have a different number of documents.',
  ]);
});

test.run();
