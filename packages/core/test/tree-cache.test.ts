import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Linter } from '../src/linter.js';
import { parseSourceFile } from '../src/parse.js';
import { testPlugin } from './helpers.js';

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  initContainers:
    - name: init
  containers:
    - name: web # served
`;

const inputs = [
  { filePath: 'a.yaml', text: `${pod('a')}---\n${pod('b')}` },
  { filePath: 'b.yaml', text: pod('c') },
];

function lint(treeCacheChars?: number) {
  const settings = treeCacheChars === undefined ? {} : { treeCacheChars };
  return new Linter().lint(inputs, [{ plugins: { test: testPlugin }, rules: { 'test/containers': 'error' }, settings }]);
}

test('dropping YAML trees to save memory changes nothing in the results', () => {
  const kept = lint();
  const dropped = lint(0);
  assert.is(kept.flatMap((result) => result.messages).length, 6);
  assert.equal(dropped, kept);
});

test('a released file parses again on demand, to the same positions', () => {
  const text = pod('a');
  const source = parseSourceFile('a.yaml', text);
  const before = source.locate(0, '/spec/containers/0/name');
  source.releaseTrees();
  assert.equal(source.locate(0, '/spec/containers/0/name'), before);
  assert.is(source.documents[0]!.yaml.toString(), text);
});

test.run();
