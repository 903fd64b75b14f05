import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { YamlEditor } from '../src/edits.js';
import { applyEdit } from '../src/fixes.js';
import type { TextEdit } from '../src/rule.js';
import { parseSourceFile } from '../src/parse.js';

function edit(text: string, build: (editor: YamlEditor) => TextEdit | null, documentIndex = 0): string {
  const source = parseSourceFile('test.yaml', text);
  const change = build(new YamlEditor(source, documentIndex));
  assert.ok(change, 'expected an edit');
  const output = applyEdit(text, change);
  for (const doc of parseAllDocuments(output)) assert.equal(doc.errors, [], `output does not parse:\n${output}`);
  return output;
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web # the pod
spec:
  # the network
  hostNetwork: true # on purpose
  containers:
    - name: web
      image: web:1
# after the pod
`;

test('insertKey adds an entry after the last one, indented like its siblings, keeping every comment', () => {
  const output = edit(pod, (editor) => editor.insertKey('/spec', 'dnsPolicy', 'ClusterFirstWithHostNet'));
  assert.is(
    output,
    pod.replace('      image: web:1\n', '      image: web:1\n  dnsPolicy: ClusterFirstWithHostNet\n'),
  );
});

test('insertKey renders nested values as indented blocks', () => {
  const output = edit(pod, (editor) => editor.insertKey('/spec', 'dnsConfig', { options: [{ name: 'ndots', value: '2' }] }));
  assert.ok(output.includes('      image: web:1\n  dnsConfig:\n    options:\n      - name: ndots\n        value: "2"\n# after the pod\n'), output);
});

test('insertKey keeps a trailing comment on the line it follows', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true # on purpose\n';
  assert.is(
    edit(text, (editor) => editor.insertKey('/spec', 'dnsPolicy', 'ClusterFirstWithHostNet')),
    'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true # on purpose\n  dnsPolicy: ClusterFirstWithHostNet\n',
  );
});

test('insertKey into a mapping that is a list item', () => {
  const text = 'spec:\n  containers:\n    - name: web\n      image: web:1\n    - name: side\n';
  assert.is(
    edit(text, (editor) => editor.insertKey('/spec/containers/0', 'tty', true)),
    'spec:\n  containers:\n    - name: web\n      image: web:1\n      tty: true\n    - name: side\n',
  );
});

test('insertKey into flow mappings, empty or not', () => {
  assert.is(
    edit('spec: {hostNetwork: true}\n', (editor) => editor.insertKey('/spec', 'dnsPolicy', 'ClusterFirstWithHostNet')),
    'spec: {hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet}\n',
  );
  assert.is(edit('spec: {}\n', (editor) => editor.insertKey('/spec', 'a', { b: 1 })), 'spec: { a: { b: 1 } }\n');
});

test('insertKey declines an existing key or a path that is not a mapping', () => {
  const source = parseSourceFile('x.yaml', pod);
  const editor = new YamlEditor(source, 0);
  assert.is(editor.insertKey('/spec', 'hostNetwork', false), null);
  assert.is(editor.insertKey('/spec/containers', 'x', 1), null);
  assert.is(editor.insertKey('/spec/missing', 'x', 1), null);
});

test('replaceEntry swaps a block entry for another, comments around it intact', () => {
  const text = `spec:
  lifecycle:
    preStop:
      # wait for the load balancer
      exec:
        command: ["sleep", "5"]
      # done
`;
  assert.is(
    edit(text, (editor) => editor.replaceEntry('/spec/lifecycle/preStop/exec', 'sleep', { seconds: 5 })),
    `spec:
  lifecycle:
    preStop:
      # wait for the load balancer
      sleep:
        seconds: 5
      # done
`,
  );
});

test('replaceEntry in a flow mapping', () => {
  assert.is(
    edit('preStop: {exec: {command: [sleep, "5"]}}\n', (editor) => editor.replaceEntry('/preStop/exec', 'sleep', { seconds: 5 })),
    'preStop: {sleep: { seconds: 5 }}\n',
  );
});

test('setScalar keeps quoting style', () => {
  assert.is(edit('apiVersion: extensions/v1beta1\n', (e) => e.setScalar('/apiVersion', 'apps/v1')), 'apiVersion: apps/v1\n');
  assert.is(edit('apiVersion: "extensions/v1beta1"\n', (e) => e.setScalar('/apiVersion', 'apps/v1')), 'apiVersion: "apps/v1"\n');
  assert.is(edit("apiVersion: 'extensions/v1beta1'\n", (e) => e.setScalar('/apiVersion', 'apps/v1')), "apiVersion: 'apps/v1'\n");
  assert.is(edit('value: abc\n', (e) => e.setScalar('/value', '2')), 'value: "2"\n');
});

test('CRLF files get CRLF edits', () => {
  const text = 'spec:\r\n  hostNetwork: true\r\n  containers:\r\n    - name: web\r\n';
  assert.is(
    edit(text, (editor) => editor.insertKey('/spec', 'dnsConfig', { options: [{ name: 'ndots', value: '2' }] })),
    'spec:\r\n  hostNetwork: true\r\n  containers:\r\n    - name: web\r\n  dnsConfig:\r\n    options:\r\n      - name: ndots\r\n        value: "2"\r\n',
  );
});

test('edits address the right document of a multi-document file', () => {
  const text = 'kind: A\nspec:\n  x: 1\n---\nkind: B\nspec:\n  x: 1\n';
  assert.is(edit(text, (editor) => editor.insertKey('/spec', 'y', 2), 1), 'kind: A\nspec:\n  x: 1\n---\nkind: B\nspec:\n  x: 1\n  y: 2\n');
});

test('the same entry inserted again, and entries that differ only where JSON is blind, each render as written', () => {
  // Renderings are kept by the JSON of the value (edits.ts): a repeat must not change, and values JSON
  // cannot tell apart (-0 and 0, NaN and null, a Map) must not share a rendering.
  const crlf = pod.replace(/\n/g, '\r\n');
  const value = { preStop: { sleep: { seconds: 5 } } };
  const first = edit(pod, (editor) => editor.insertKey('/spec/containers/0', 'lifecycle', value));
  assert.ok(first.includes('      image: web:1\n      lifecycle:\n        preStop:\n          sleep:\n            seconds: 5\n'), first);
  assert.is(edit(pod, (editor) => editor.insertKey('/spec/containers/0', 'lifecycle', value)), first);
  assert.is(edit(crlf, (editor) => editor.insertKey('/spec/containers/0', 'lifecycle', value)), first.replace(/\n/g, '\r\n'));
  const other = edit(pod, (editor) => editor.insertKey('/spec/containers/0', 'lifecycle', { preStop: { sleep: { seconds: 10 } } }));
  assert.ok(other.includes('            seconds: 10\n'), other);
  const rendered = (entry: unknown) => edit(pod, (editor) => editor.insertKey('/spec', 'x', entry)).split('\n').find((line) => line.startsWith('  x:'));
  assert.is(rendered(0), '  x: 0');
  assert.is(rendered(-0), '  x: -0');
  assert.is(rendered(null), '  x: null');
  assert.is(rendered(Number.NaN), '  x: .nan');
  assert.is(rendered(new Map([['a', 1]])), '  x:');
});

test.run();
