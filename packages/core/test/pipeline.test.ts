// The run as core owns it: bytes in, fixes applied in passes, secret values masked in everything handed out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin, defineRule, fixedTextOf, Linter, PARSE_ERROR_ID, presetConfig, REDACTED, type ConfigArray } from '../src/index.js';
import { editorFor, joinPointer } from '../src/index.js';

// A third-party plugin: one rule flags a token value (and says so in its meta), one fixes the namespace,
// one quotes every env value in its message (as a careless schema message might).
const vault = definePlugin({
  name: 'vault',
  rules: {
    token: defineRule({
      meta: { type: 'problem', docs: { description: 'token', story: 'leaks', recommended: true }, messages: { token: 'env {{name}} holds a token' }, reportsSecretValues: true },
      create: (context) => ({
        Container(view) {
          (view.container.env ?? []).forEach((entry, index) => {
            if (typeof entry.value === 'string' && entry.value.startsWith('tok_')) {
              context.report({ node: view, pointer: joinPointer(view.pointer, 'env', index, 'value'), messageId: 'token', data: { name: entry.name } });
            }
          });
        },
      }),
    }),
    namespace: defineRule({
      meta: { type: 'suggestion', fixable: 'code', docs: { description: 'ns', story: 'ns', recommended: true }, messages: { missing: 'no namespace' } },
      create: (context) => ({
        Deployment(deployment) {
          if (deployment.object.metadata?.namespace) return;
          context.report({ node: deployment, pointer: '/metadata', messageId: 'missing', fix: editorFor(deployment).insertKey('/metadata', 'namespace', 'web') });
        },
      }),
    }),
    quote: defineRule({
      meta: { type: 'problem', docs: { description: 'q', story: 'q', recommended: true }, messages: { quote: 'value is "{{value}}"' } },
      create: (context) => ({
        Container(view) {
          (view.container.env ?? []).forEach((entry, index) => {
            context.report({ node: view, pointer: joinPointer(view.pointer, 'env', index, 'value'), messageId: 'quote', data: { value: String(entry.value) } });
          });
        },
      }),
    }),
  },
});

const configs: ConfigArray = [{ plugins: { vault }, rules: { 'vault/token': 'error', 'vault/namespace': 'error', 'vault/quote': 'warn' } }];

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: web
          env:
            - name: API_TOKEN
              value: tok_9f8e7d6c5b4a
`;

test('lintAndFix applies fixes in passes and hands out masked output; the text to write is separate', () => {
  const [result] = new Linter().lintAndFix([{ filePath: 'a.yaml', text: deployment }], configs);
  assert.ok(result);
  assert.is(fixedTextOf(result), deployment.replace('  name: api\n', '  name: api\n  namespace: web\n'));
  assert.is(result.output, fixedTextOf(result)!.replace('tok_9f8e7d6c5b4a', REDACTED));
  assert.equal(result.messages.map((message) => [message.ruleId, message.line, message.column, message.message]), [
    ['vault/quote', 13, 22, `value is "${REDACTED}"`],
    ['vault/token', 13, 22, 'env API_TOKEN holds a token'],
  ]);
  assert.not.ok(JSON.stringify(result).includes('tok_9f8e7d6c5b4a'), 'no serialised part of the result carries the value');
});

test('lint masks a flagged value in every message of the file, whichever rule wrote it', () => {
  const result = new Linter().lintText(deployment, configs, 'a.yaml');
  assert.equal(result.messages.map((message) => message.message), ['no namespace', `value is "${REDACTED}"`, 'env API_TOKEN holds a token']);
  assert.is(result.output, undefined);
});

test('fixTypes and a fix filter choose which fixes apply', () => {
  const linter = new Linter();
  const [problemsOnly] = linter.lintAndFix([{ filePath: 'a.yaml', text: deployment }], configs, { fixTypes: ['problem'] });
  assert.is(problemsOnly!.output, undefined);
  const [filtered] = linter.lintAndFix([{ filePath: 'a.yaml', text: deployment }], configs, { fix: (message) => message.ruleId !== 'vault/namespace' });
  assert.is(filtered!.output, undefined);
});

test('a byte order mark is kept on the fixed text and fixes land where the findings are', () => {
  const [result] = new Linter().lintAndFix([{ filePath: 'a.yaml', text: `\ufeff${deployment}` }], configs);
  assert.is(fixedTextOf(result!), `\ufeff${deployment.replace('  name: api\n', '  name: api\n  namespace: web\n')}`);
});

test('bytes are decoded by the linter: a bad file is a fatal finding and the other files are linted', () => {
  const linter = new Linter();
  const results = linter.lint(
    [
      { filePath: 'bad.yaml', bytes: new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a]) },
      { filePath: 'binary.yaml', bytes: new Uint8Array([0x00, 0x01]) },
      { filePath: 'a.yaml', bytes: new TextEncoder().encode(deployment) },
      { filePath: 'notes.yaml', bytes: new TextEncoder().encode('title: not a manifest\n'), skipUnlessManifest: true },
    ],
    configs,
  );
  assert.equal(results.map((result) => result.filePath), ['bad.yaml', 'binary.yaml', 'a.yaml']);
  assert.equal(results[0]!.messages.map((message) => [message.ruleId, message.fatal, message.line, message.column]), [[null, true, 1, 7]]);
  assert.match(results[0]!.messages[0]!.message, /not valid UTF-8 \(first invalid byte at line 1, column 7/);
  assert.match(results[1]!.messages[0]!.message, /^Binary file/);
  assert.is(results[2]!.messages.length, 3);
});

test('a fix or suggestion that the rule meta does not declare is a rule error, as in ESLint', () => {
  const sloppy = definePlugin({
    name: 'sloppy',
    rules: {
      fixes: defineRule({
        meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'x' } },
        create: (context) => ({ Deployment: (resource) => context.report({ node: resource, messageId: 'x', fix: { range: [0, 0], text: '#' } }) }),
      }),
      suggests: defineRule({
        meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'x' } },
        create: (context) => ({ Deployment: (resource) => context.report({ node: resource, messageId: 'x', suggest: [{ desc: 'd', fix: { range: [0, 0], text: '#' } }] }) }),
      }),
    },
  });
  const result = new Linter().lintText(deployment, [{ plugins: { sloppy }, rules: { 'sloppy/fixes': 'error', 'sloppy/suggests': 'error' } }]);
  assert.equal(result.messages.map((message) => message.message), [
    'Rule "sloppy/fixes" failed on Deployment api: rule "sloppy/fixes" returned a fix but its meta.fixable is not "code"',
    'Rule "sloppy/suggests" failed on Deployment api: rule "sloppy/suggests" returned suggestions but its meta.hasSuggestions is not true',
  ]);
});

test('definePlugin gives new rule objects with ids and urls, leaving the given rules as they were', () => {
  const rule = defineRule({ meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'x' } }, create: () => ({}) });
  const one = definePlugin({ name: 'one', rules: { r: rule } });
  const two = definePlugin({ name: 'two', rules: { r: rule }, docsBaseUrl: 'https://example.test' });
  assert.is(rule.meta.id, undefined);
  assert.is(rule.meta.docs.url, undefined);
  assert.equal([one.rules.r!.meta.id, two.rules.r!.meta.id, two.rules.r!.meta.docs.url], ['one/r', 'two/r', 'https://example.test/two/r.md']);
});

test('presets are the union of the plugins\' configs, a pure function of them', () => {
  assert.equal(presetConfig('recommended', [vault]), { name: 'kubelore:recommended', rules: { 'vault/token': 'error', 'vault/namespace': 'error', 'vault/quote': 'error' } });
  assert.equal(presetConfig('recommended', [vault]), presetConfig('recommended', [vault]));
});

test('a fatal finding is reported as kubelore/parse-error, an engine rule with its own entry', async () => {
  const { corePlugin, ruleIdOf } = await import('../src/index.js');
  assert.is(PARSE_ERROR_ID, 'kubelore/parse-error');
  assert.ok(corePlugin.rules['parse-error']);
  assert.is(ruleIdOf({ ruleId: null }), PARSE_ERROR_ID);
});

test('a duplicate key names the key and the line of its first occurrence', () => {
  const result = new Linter().lintText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n  y: "2"\n  x: "3"\n', []);
  assert.equal(result.messages.map((message) => [message.ruleId, message.line, message.column, message.message]), [
    ['kubelore/duplicate-key', 8, 3, 'Duplicate key "x" (first at line 6): YAML requires unique keys, and tools disagree on which value wins.'],
  ]);
});

test('the index reads CRDs once (their cluster scope applies to their objects) and memoises per-run facts', async () => {
  const { ResourceIndex } = await import('../src/index.js');
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Cluster
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      schema:
        openAPIV3Schema: {type: object}
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
  let seen: InstanceType<typeof ResourceIndex> | undefined;
  const probe = definePlugin({
    name: 'probe',
    rules: {
      index: defineRule({
        meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: '{{namespace}} {{count}}' } },
        create: (context) => ({
          Widget(widget) {
            seen = context.index;
            const count = context.index.memo('probe/index:count', () => context.index.resources.length);
            context.report({ node: widget, messageId: 'x', data: { namespace: widget.namespace ?? 'cluster', count } });
          },
        }),
      }),
    },
  });
  const result = new Linter().lintText(crd, [{ plugins: { probe }, rules: { 'probe/index': 'error' } }]);
  assert.equal(result.messages.map((message) => message.message), ['cluster 2']);
  const custom = seen!.customKinds().get('example.com/Widget');
  assert.equal([custom?.scope, [...(custom?.versions.keys() ?? [])], custom?.versions.get('v1')], ['Cluster', ['v1'], { type: 'object' }]);
  let calls = 0;
  seen!.memo('k', () => ++calls);
  seen!.memo('k', () => ++calls);
  assert.is(calls, 1);
});

test.run();
