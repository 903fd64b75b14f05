import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSourceFile } from '../src/parse.js';

test('every document of a file is parsed, each with its index', () => {
  const file = parseSourceFile('f.yaml', 'kind: A\n---\nkind: B\n---\n');
  assert.is(file.documents.length, 3);
  assert.equal(file.documents.map((d) => d.value), [{ kind: 'A' }, { kind: 'B' }, null]);
  assert.equal(file.problems, []);
});

test('a syntax error is fatal for its document only', () => {
  const file = parseSourceFile('f.yaml', 'kind: A\n---\nkind: [B\n---\nkind: C\n');
  assert.equal(file.documents.map((d) => d.lintable), [true, false, true]);
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, null);
  assert.match(file.problems[0]!.message, /^YAML syntax error \([A-Z_]+\) at line \d+, column \d+: /);
  assert.is(file.problems[0]!.documentIndex, 1);
});

test('a duplicate key is reported at the key and the document is still read', () => {
  const file = parseSourceFile('f.yaml', 'kind: A\nmetadata:\n  name: a\n  name: b\n');
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, 'kubelore/duplicate-key');
  assert.equal([file.problems[0]!.range.line, file.problems[0]!.range.column], [4, 3]);
  assert.ok(file.documents[0]!.lintable);
});

test('template syntax stops a document with a message to render it first', () => {
  const file = parseSourceFile('t.yaml', 'kind: A\n---\n# {{ comments are fine }}\nkind: B\nmetadata:\n  name: {{ .Release.Name }}\n');
  assert.equal(file.documents.map((d) => d.lintable), [true, false]);
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, 'kubelore/unrendered-template');
  assert.equal([file.problems[0]!.range.line, file.problems[0]!.range.column], [6, 9]);
});

test('templates inside quoted and block scalars are data, not unrendered templates', () => {
  const text = [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'spec:',
    '  description: "{{ $labels.instance }} is down"',
    "  summary: '{{ $value }}'",
    '  script: |',
    '    sed "s/{{PROJECT_ID}}/x/" in > out',
    '    {%- if tools %}',
    '',
  ].join('\n');
  const file = parseSourceFile('rule.yaml', text);
  assert.equal(file.problems, []);
  assert.ok(file.documents[0]!.lintable);
  const control = parseSourceFile('c.yaml', '{{- if .Values.enabled }}\nkind: A\n{{- end }}\n');
  assert.equal([control.problems[0]!.ruleId, control.problems[0]!.range.line], ['kubelore/unrendered-template', 1]);
  assert.match(control.problems[0]!.message, /^Document skipped: /);
  assert.is(control.documents[0]!.lintable, false);
});

test('a placeholder inside a plain value is noted once and the document is still linted', () => {
  // Argo Workflows parameters and Helm values in plain scalars: the structure is as written.
  const text = 'kind: Workflow\nmetadata:\n  name: web-{{ .Release.Name }}\nspec:\n  args: [echo]\n  command: echo {{inputs.parameters.message}}\n';
  const file = parseSourceFile('p.yaml', text);
  assert.equal(
    file.problems.map((problem) => [problem.ruleId, problem.range.line, problem.range.column]),
    [['kubelore/template-placeholder', 3, 13]],
  );
  assert.is(file.documents[0]!.lintable, true);
  assert.equal((file.documents[0]!.value as { spec: unknown }).spec, { args: ['echo'], command: 'echo {{inputs.parameters.message}}' });
});

test('where {{ }} is the object\'s own language (Argo, Prometheus), a plain-scalar template is not a placeholder', () => {
  const workflow = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  templates:\n    - name: client-{{workflow.uid}}\n';
  assert.equal(parseSourceFile('w.yaml', workflow).problems, []);
  const rule = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          annotations:\n            description: PVC {{ $labels.pvc }} is full\n';
  assert.equal(parseSourceFile('r.yaml', rule).problems, []);
  // Another group's object keeps the note.
  const other = workflow.replace('argoproj.io/v1alpha1', 'example.com/v1');
  assert.equal(parseSourceFile('o.yaml', other).problems.map((problem) => problem.ruleId), ['kubelore/template-placeholder']);
});

test('{{ }} in the descriptions of a CRD documents its kind, on both parse paths; elsewhere it is still noted', () => {
  const crd =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: runs.example.com}\nspec:\n  group: example.com\n  names: {kind: Run, plural: runs}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            end:\n              description: The end time, e.g. now() - duration("{{args.lookback}}")\n              type: string\n';
  for (const fast of [true, false]) assert.equal(parseSourceFile('crd.yaml', crd, undefined, { fast }).problems, [], `fast: ${fast}`);
  const configMap = crd.replace('apiextensions.k8s.io/v1\nkind: CustomResourceDefinition', 'v1\nkind: ConfigMap');
  for (const fast of [true, false]) assert.equal(parseSourceFile('cm.yaml', configMap, undefined, { fast }).problems.map((problem) => problem.ruleId), ['kubelore/template-placeholder'], `fast: ${fast}`);
});

test('a syntax error before any template is reported as the syntax error, not as template structure', () => {
  // A multi-line quoted scalar closed at its key's indentation breaks the tree; a template further down
  // would otherwise look structural.
  const text = 'kind: A\nspec:\n  args: ["\n    echo hi\n  "]\n  image: "{{inputs.parameters.image}}"\n';
  const file = parseSourceFile('s.yaml', text);
  assert.equal(file.problems.map((problem) => [problem.ruleId, problem.range.line]), [[null, 4]]);
  assert.match(file.problems[0]!.message, /^YAML syntax error \(MISSING_CHAR\) at line 4, column 12: a double-quoted string is not closed/);
});

test('a template that shapes the document (a key, an unquoted whole value) skips it', () => {
  const key = parseSourceFile('k.yaml', 'kind: A\nmetadata:\n  labels:\n    {{ .Values.labelKey }}: web\n');
  assert.equal(key.problems.map((problem) => [problem.ruleId, problem.range.line, problem.range.column]), [['kubelore/unrendered-template', 4, 5]]);
  assert.is(key.documents[0]!.lintable, false);
  // YAML reads an unquoted `{{ x }}` as a flow mapping: the value's type depends on rendering.
  const whole = parseSourceFile('w.yaml', 'kind: A\nspec:\n  replicas: {{ .Values.replicas }}\n');
  assert.equal(whole.problems.map((problem) => [problem.ruleId, problem.range.line, problem.range.column]), [['kubelore/unrendered-template', 3, 13]]);
});

// What the skipped document's message asks for, on both parse paths: the same text, the same advice.
function skipMessages(path: string, text: string): string[] {
  const messages = [true, false].map((fast) => parseSourceFile(path, text, undefined, { fast }).problems.filter((p) => p.ruleId === 'kubelore/unrendered-template').map((p) => p.message));
  assert.equal(messages[0], messages[1], 'both parse paths');
  return messages[0]!;
}

test('an unquoted `{{ … }}` value of a tool other than Helm: the message says to quote it, not to run helm template', () => {
  const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nspec:\n  metrics:\n    - annotations:\n        linkerd.io/inject: {{args.linkerd-enabled}} # set by the controller\n';
  assert.equal(skipMessages('examples/rollout.yaml', argo), [
    'Document skipped: the unquoted value `{{args.linkerd-enabled}}` starts with `{`, so YAML (and kubectl) read it as a flow mapping, not as text. Quote the value: "{{args.linkerd-enabled}}".',
  ]);
  // A list item and a value that goes on after the braces, as a script's placeholder: the whole value is quoted.
  const items = 'kind: Secret\nstringData:\n  token: {{HF_TOKEN}}-suffix\n---\nkind: Pod\nspec:\n  args:\n    - {{workflow.name}}\n';
  assert.equal(skipMessages('deploy/secret.yaml', items), [
    'Document skipped: the unquoted value `{{HF_TOKEN}}-suffix` starts with `{`, so YAML (and kubectl) read it as a flow mapping, not as text. Quote the value: "{{HF_TOKEN}}-suffix".',
    'Document skipped: the unquoted value `{{workflow.name}}` starts with `{`, so YAML (and kubectl) read it as a flow mapping, not as text. Quote the value: "{{workflow.name}}".',
  ]);
});

test('helm template is the advice for a chart template: in a templates/ folder, or with Helm-only syntax', () => {
  const helm = 'Document skipped: Helm template syntax (`{{ … }}`) outside a value shapes it, so what it holds is known only once rendered. Render the chart (`helm template`), then lint the output.';
  assert.equal(skipMessages('chart/templates/service.yaml', 'kind: Service\nmetadata:\n  name: {{ name }}\n'), [helm]);
  for (const syntax of ['{{ .Values.name }}', '{{ .Release.Name }}', '{{ include "x.name" . }}', '{{- $name := "a" }}', '{{ toYaml .labels | nindent 4 }}']) {
    assert.equal(skipMessages('deploy/service.yaml', `kind: Service\nmetadata:\n  name: {{ x }}\n  other: ${syntax}\n`), [helm], syntax);
  }
  // Neither Helm nor a value: a key, a line of its own.
  assert.equal(skipMessages('deploy/service.yaml', 'kind: Service\nmetadata:\n  labels:\n    {{ key }}: web\n'), [
    'Document skipped: template syntax (`{{ … }}`) outside a value shapes it, so what it holds is known only once rendered. Render it with the tool that owns the template, then lint the output.',
  ]);
});

test('a `<<` merge key is merged, as kubectl\'s go-yaml (YAML 1.1) merges it', () => {
  const source = parseSourceFile('m.yaml', 'base: &base {name: app, image: nginx}\nc:\n  <<: *base\n  name: sidecar\nd:\n  <<: [{a: 1}, {a: 2, b: 2}]\n  <<: {e: 5}\n');
  assert.equal(source.documents[0]!.value, { base: { name: 'app', image: 'nginx' }, c: { name: 'sidecar', image: 'nginx' }, d: { a: 1, b: 2, e: 5 } });
  assert.equal(source.problems, [], 'two merge keys are not duplicate keys');
  const quoted = parseSourceFile('q.yaml', '"<<": {a: 1}\n');
  assert.equal(quoted.documents[0]!.value, { '<<': { a: 1 } }, 'a quoted `<<` is an ordinary key, for go-yaml too');
});

test('an alias bomb is refused within the alias limit', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const file = parseSourceFile('bomb.yaml', lines.join('\n') + '\n', { maxAliasCount: 100, maxFileSize: 1e6 });
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, 'kubelore/input-limit');
  assert.not.ok(file.documents[0]!.lintable);
});

test('binary content and oversized files are reported, not parsed', () => {
  assert.is(parseSourceFile('b.yaml', 'kind: A\0\0').problems[0]!.ruleId, null);
  const big = parseSourceFile('big.yaml', 'kind: A\n'.repeat(10), { maxFileSize: 20, maxAliasCount: 100 });
  assert.is(big.problems[0]!.ruleId, 'kubelore/input-limit');
  assert.is(big.documents.length, 0);
});


// Issue 24, item 17: yaml's uniqueKeys check is quadratic in a mapping's keys (40,000 keys: 19 s; see
// docs/reliability.md for the measurement). Duplicates are found by kubelore's own linear pass: the
// parser is not asked to compare keys, and the finding still names the key and its first line.
test('duplicate keys are found by our own linear pass, with the key and the line of its first occurrence', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: v`).join('\n');
  const file = parseSourceFile('f.yaml', `kind: A\ndata:\n${keys}\n  k7: again\n  "k8": quoted\n  9: number\n  "9": string\n`);
  assert.equal(file.documents[0]!.yaml.errors.map((error) => error.code), [], 'the parser did not compare keys');
  assert.equal(
    file.problems.map((problem) => [problem.message, problem.range.line]),
    [
      ['Duplicate key "k7" (first at line 10): YAML requires unique keys, and tools disagree on which value wins.', 2003],
      ['Duplicate key "k8" (first at line 11): YAML requires unique keys, and tools disagree on which value wins.', 2004],
    ],
  );
});

test.run();
