import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { YamlEditor } from '../src/edits.js';
import { applyEdit } from '../src/fixes.js';
import { goYamlPlainValue, kubectlMayReadOtherwise, kubectlReadingAt, plainScalarAt } from '../src/kubectl-reading.js';
import { parseSourceFile, positionTableOf } from '../src/parse.js';

// go-yaml v2's readings, as sigs.k8s.io/yaml/goyaml.v2 resolve.go states them: the forms where YAML 1.1
// (kubectl) and YAML 1.2 (kubelore) differ, and the forms where they agree.
test('goYamlPlainValue: the YAML 1.1 booleans in go-yaml\'s cases, and only those', () => {
  for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) assert.is(goYamlPlainValue(word), true, word);
  for (const word of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) assert.is(goYamlPlainValue(word), false, word);
  for (const word of ['yES', 'oN', 'nO', 'OfF', 'tRUE', 'yeah', 'nope', 'enabled']) assert.is(goYamlPlainValue(word), word, word);
});

test('goYamlPlainValue: Go integer syntax after dropping underscores', () => {
  const cases: Array<[string, number]> = [
    ['0644', 420],
    ['-0644', -420],
    ['+0755', 493],
    ['0o644', 420],
    ['0O644', 420],
    ['0x1F', 31],
    ['0X1F', 31],
    ['-0x1F', -31],
    ['0b101', 5],
    ['0B101', 5],
    ['-0b101', -5],
    ['1_000', 1000],
    ['1_000.5', 1000.5],
    ['0', 0],
    ['00', 0],
    ['420', 420],
    ['1e3', 1000],
    ['.5', 0.5],
    ['+.5', 0.5],
    // 8 and 9 are not octal digits: Go's integer parse fails and the float parse reads decimal.
    ['0080', 80],
    ['0999', 999],
  ];
  for (const [text, value] of cases) assert.is(goYamlPlainValue(text), value, text);
});

test('goYamlPlainValue: nulls, special floats, and what stays text (timestamps, sexagesimal, `=`, out of range)', () => {
  for (const word of ['~', 'null', 'Null', 'NULL', '']) assert.is(goYamlPlainValue(word), null, JSON.stringify(word));
  assert.is(goYamlPlainValue('.inf'), Infinity);
  assert.is(goYamlPlainValue('-.Inf'), -Infinity);
  assert.is(goYamlPlainValue('+.INF'), Infinity);
  assert.ok(Number.isNaN(goYamlPlainValue('.NaN')));
  for (const text of ['2001-12-14', '2001-12-14T21:59:43.10Z', '1:20', '190:20:30', '=', '<<', '0x', '1e400', '-', '0b102', '100m', '1Gi', '.iNf']) {
    assert.is(goYamlPlainValue(text), text, text);
  }
});

test('where both YAML versions agree, goYamlPlainValue gives what kubelore parses', () => {
  for (const text of ['true', 'False', '~', 'null', '0o17', '0x1F', '12', '-3', '1.5', '1e3', '.inf', '-.inf', '2001-12-14', '1:20', 'nginx', '=']) {
    assert.equal(goYamlPlainValue(text), parse(`v: ${text}`).v, text);
  }
});

const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
  labels: {enabled: on, quoted: "yes", single: 'no'}
data:
  verbose: yes
  mode: 0644
  decimal: 644
  script: |
    yes
  words: yes
    and no
  list: [off, "off", 1_000]
`;

// The same text read on the fast path (a position table) and the ordinary one (a node tree).
function bothPaths(text: string) {
  const fast = parseSourceFile('flags.yaml', text);
  const tree = parseSourceFile('flags.yaml', text, undefined, { fast: false });
  assert.ok(positionTableOf(fast, 0), 'the fast path takes the manifest');
  assert.not.ok(positionTableOf(tree, 0), 'the ordinary path has no table');
  return [fast, tree];
}

test('plainScalarAt: the text of a plain scalar, nothing for quoted, block and missing ones, alike on both paths', () => {
  for (const source of bothPaths(manifest)) {
    const at = (pointer: string) => plainScalarAt(source, 0, pointer)?.text;
    assert.is(at('/metadata/labels/enabled'), 'on');
    assert.is(at('/data/verbose'), 'yes');
    assert.is(at('/data/mode'), '0644');
    assert.is(at('/data/list/0'), 'off');
    assert.is(at('/metadata/labels/quoted'), undefined);
    assert.is(at('/metadata/labels/single'), undefined);
    assert.is(at('/data/script'), undefined);
    assert.is(at('/data/list/1'), undefined);
    assert.is(at('/data/missing'), undefined);
    assert.is(at('/data'), undefined);
    const range = plainScalarAt(source, 0, '/data/verbose')!.range;
    assert.is(source.text.slice(range[0], range[1]), 'yes');
  }
});

test('kubectlReadingAt: what kubectl sends where it differs from what kubelore read, alike on both paths', () => {
  for (const source of bothPaths(manifest)) {
    const resource = { source, documentIndex: 0 };
    const value = (pointer: string) => pointer.split('/').slice(1).reduce<any>((node, key) => node?.[key], source.documents[0]!.value);
    const reading = (pointer: string) => kubectlReadingAt(resource, pointer, value(pointer))?.value;
    assert.is(reading('/metadata/labels/enabled'), true);
    assert.is(reading('/data/verbose'), true);
    assert.is(reading('/data/mode'), 420, 'kubelore reads 644');
    assert.is(reading('/data/list/0'), false);
    assert.is(reading('/data/list/2'), 1000);
    // Read alike: quoted words, a decimal, a block scalar, a folded plain scalar.
    for (const same of ['/metadata/labels/quoted', '/metadata/labels/single', '/data/decimal', '/data/script', '/data/words', '/data/list/1', '/metadata/name']) {
      assert.is(kubectlReadingAt(resource, same, value(same)), undefined, same);
    }
  }
});

test('kubectlReadingAt: a leading-zero integer is found wherever YAML lets a number start, and a pointer may be a function', () => {
  // Whether a file holds one is looked up once per file from the digits (kubectl-reading.ts): after a
  // space, a colon, a comma, `[`, `{` or `-`, with a sign or not, at the start of the text; not inside a word.
  const cases: Array<[string, string, unknown, number | undefined]> = [
    ['0644\n', '', 644, 420],
    ['-0644\n', '', -644, -420],
    ['+0644\n', '', 644, 420],
    ['a: 0644\n', '/a', 644, 420],
    ['a: -0644\n', '/a', -644, -420],
    ['a: [1, 0644]\n', '/a/1', 644, 420],
    ['a: {b: 0644}\n', '/a/b', 644, 420],
    ['a:\n- 0755\n', '/a/0', 755, 493],
    ['a: x0644\nb: 644\n', '/b', 644, undefined],
  ];
  for (const [text, pointer, value, sent] of cases) {
    const resource = { source: parseSourceFile('a.yaml', text), documentIndex: 0 };
    assert.is(kubectlReadingAt(resource, pointer, value)?.value, sent, text);
    assert.is(kubectlReadingAt(resource, () => pointer, value)?.value, sent, `${text} (pointer as a function)`);
  }
});

test('kubectlMayReadOtherwise holds wherever kubectlReadingAt finds a reading, and not for what reads alike', () => {
  const values = ['yes', 'No', 'on', 'y', '~', 'null', '', '0x1F', '1_000', '0644', '-0b1', '.inf', 'web', 'true', '1.5', '1:20', 'yesterday', 644, -755, 420, 8, 9.5, 1e21, true, null, {}];
  for (const value of values) {
    const text = `a: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}\nb: 0644\n`;
    const resource = { source: parseSourceFile('a.yaml', text), documentIndex: 0 };
    if (kubectlReadingAt(resource, '/a', value) !== undefined) assert.ok(kubectlMayReadOtherwise(value), String(value));
  }
  // A word, a timestamp-like text, a decimal, an integer with an 8 or a 9, what is not a scalar of either kind.
  for (const alike of ['web', '1:20', 'yesterday', 8, 9.5, 1e21, 980, true, null, {}]) assert.not.ok(kubectlMayReadOtherwise(alike), String(alike));
  assert.ok(kubectlMayReadOtherwise('yes'));
  assert.ok(kubectlMayReadOtherwise(644));
});

test('kubectlReadingAt: an alias and a `<<` merge read as the scalar they repeat, marked as shared text (the ordinary path)', () => {
  const source = parseSourceFile('a.yaml', 'a: &flag yes\nb: *flag\nc: &quoted "yes"\nd: *quoted\nbase: &base {debug: on}\ne:\n  <<: *base\n');
  const resource = { source, documentIndex: 0 };
  assert.equal(kubectlReadingAt(resource, '/a', 'yes'), { value: true, text: 'yes', range: [9, 12] });
  assert.equal(kubectlReadingAt(resource, '/b', 'yes'), { value: true, text: 'yes', range: [9, 12], alias: true });
  assert.is(kubectlReadingAt(resource, '/d', 'yes'), undefined);
  assert.equal(kubectlReadingAt(resource, '/e/debug', 'on')?.alias, true);
  assert.is(new YamlEditor(source, 0).quoteScalar('/e/debug'), null, 'the merged text is shared: no edit through the merge');
});

test('quoteScalar quotes a plain scalar as written, in the quotes the file mostly uses, on both paths', () => {
  for (const source of bothPaths(manifest)) {
    const edit = new YamlEditor(source, 0).quoteScalar('/data/verbose');
    assert.ok(edit);
    // One double-quoted and one single-quoted scalar besides the list's: two doubles, one single.
    assert.is(applyEdit(manifest, edit), manifest.replace('verbose: yes', 'verbose: "yes"'));
    assert.is(new YamlEditor(source, 0).quoteScalar('/metadata/labels/quoted'), null, 'already quoted');
    assert.is(new YamlEditor(source, 0).quoteScalar('/data/script'), null, 'a block scalar');
    assert.is(new YamlEditor(source, 0).quoteScalar('/data/words'), null, 'a plain scalar over two lines');
  }
  const single = "a: 'x'\nb: 'y'\nc: on\n";
  const edit = new YamlEditor(parseSourceFile('s.yaml', single), 0).quoteScalar('/c');
  assert.is(applyEdit(single, edit!), "a: 'x'\nb: 'y'\nc: 'on'\n");
  const json = '{"a": "x", "b": \'y\', "c": on}\n';
  const jsonEdit = new YamlEditor(parseSourceFile('j.json', json), 0).quoteScalar('/c');
  assert.is(applyEdit(json, jsonEdit!), '{"a": "x", "b": \'y\', "c": "on"}\n');
});

test.run();
