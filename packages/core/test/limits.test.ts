import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Linter } from '../src/linter.js';
import { parseSourceFile } from '../src/parse.js';

/** A mapping `k:` nested `levels` deep in block style, ending in a scalar. */
function nestedBlock(levels: number): string {
  return Array.from({ length: levels }, (_, depth) => `${'  '.repeat(depth)}k:`).join('\n') + ' 1\n';
}

test('a document nested deeper than maxDepth is refused at the first level past the limit', () => {
  const file = parseSourceFile('deep.yaml', `kind: A\n---\n${nestedBlock(6)}`, { maxFileSize: 1e6, maxAliasCount: 100, maxDepth: 4 });
  assert.equal(file.documents.map((d) => d.lintable), [true, false]);
  assert.is(file.problems.length, 1);
  const [problem] = file.problems;
  assert.is(problem!.ruleId, 'kubelore/input-limit');
  assert.is(problem!.message, 'Document nests deeper than 4 levels (setting maxDepth); not linted.');
  // Depth 5 is the mapping under the fourth `k:` (line 6, column 7); collections are reported at their key.
  assert.equal([problem!.range.line, problem!.range.column], [6, 7]);
});

test('exactly maxDepth levels are accepted; the default allows 100', () => {
  assert.equal(parseSourceFile('ok.yaml', nestedBlock(4), { maxFileSize: 1e6, maxAliasCount: 100, maxDepth: 4 }).problems, []);
  assert.equal(parseSourceFile('ok.yaml', nestedBlock(100)).problems, []);
  assert.is(parseSourceFile('deep.yaml', nestedBlock(101)).problems[0]!.ruleId, 'kubelore/input-limit');
});

test('depth gained through aliases counts', () => {
  const text = 'a: &x {b: {c: {d: 1}}}\ne: {f: *x}\n';
  const file = parseSourceFile('alias.yaml', text, { maxFileSize: 1e6, maxAliasCount: 100, maxDepth: 4 });
  assert.is(file.problems[0]!.ruleId, 'kubelore/input-limit');
  assert.is(file.documents[0]!.lintable, false);
});

test('nesting deep enough to exhaust the parser stack is an input-limit finding, not a crash', () => {
  const file = parseSourceFile('flow.yaml', `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, 'kubelore/input-limit');
  assert.match(file.problems[0]!.message, /nests too deeply to parse/);
  assert.is(file.problems[0]!.range.line, 1);
});



test('a long line full of `{{` without `}}` is read without backtracking (a quadratic scan would not finish)', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'{{'.repeat(200_000)}"\n  b: x {{ y }}\n`;
  const file = parseSourceFile('long.yaml', text);
  assert.is(file.problems.length, 1);
  assert.is(file.problems[0]!.ruleId, 'kubelore/template-placeholder');
  assert.equal([file.problems[0]!.range.line, file.problems[0]!.range.column], [5, 8]);
});

test('lines after a syntax error the parser recovers from are counted from the text (the parser skips some)', () => {
  // The yaml package's own LineCounter loses line breaks inside this error: later findings moved up.
  const text = '  - /export\napiVersion: batch/v1\n      backoffLimit: 1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n';
  const file = parseSourceFile('recover.yaml', text);
  assert.is(file.documents[1]!.lintable, true);
  const at = file.locate(1, '/metadata/name', 'value');
  assert.equal([at.line, at.column], [8, 9]);
});
test('a refused file (NUL bytes) still has its lines: findings on it are located within the file', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n# kubelore-disable-next-line\nx: "\0"\n';
  const result = new Linter().lintText(text, [{ rules: { 'kubelore/unused-directive': 'warn' } }], 'nul.yaml');
  assert.equal(result.messages.map((m) => [m.ruleId, m.line, m.column]), [[null, 1, 1], ['kubelore/unused-directive', 3, 1]]);
});


test('a file with more lines and commas than maxNodes is refused before parsing; the rest of the input is linted', () => {
  const limits = { maxFileSize: 1e6, maxAliasCount: 100, maxNodes: 1000 };
  const block = parseSourceFile('tiny.yaml', `kind: List\nitems:\n${'  - 1\n'.repeat(1000)}`, limits);
  assert.equal(block.documents, []);
  assert.equal(block.problems.map((problem) => [problem.ruleId, problem.range.line, problem.range.column, problem.message]), [
    ['kubelore/input-limit', 1, 1, 'File has more than 1000 lines and commas (about one YAML node each; setting maxNodes), so parsing it would take about 1 MB or more; not linted.'],
  ]);
  // One line of flow items: the commas count.
  const flow = parseSourceFile('flow.yaml', `kind: List\nitems: [${Array(1000).fill('1').join(',')}]\n`, limits);
  assert.equal(flow.problems.map((problem) => problem.ruleId), ['kubelore/input-limit']);
  assert.equal(parseSourceFile('ok.yaml', `kind: List\nitems: [${Array(990).fill('1').join(',')}]\n`, limits).problems, []);
  const results = new Linter().lint(
    [{ filePath: 'tiny.yaml', text: block.text }, { filePath: 'ok.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }],
    [{ settings: { maxNodes: 1000 } }],
  );
  assert.equal(results.map((result) => [result.filePath, result.messages.map((message) => message.ruleId)]), [['tiny.yaml', ['kubelore/input-limit']], ['ok.yaml', []]]);
});

test.run();
