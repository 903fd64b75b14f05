// The catalogue of bad input (issue 12): each case is linted next to a good file, and asserts the exact
// finding for the bad part plus prestop-delay on the good document after it, so "the rest was still
// linted" is observed, not assumed. The fixtures are under fixtures/; large ones are made at run time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture, goodDeployment, lintCase, positions, prestopAt, type Finding } from './helpers.js';

type Expected = Array<[string | null, number, number]>;

interface Case {
  file: string;
  what: string;
  expected: Expected;
  /** Messages of the findings without a rule id (fatal), in order. */
  messages?: RegExp[];
}

const CASES: Case[] = [
  {
    file: 'malformed-yaml.yaml',
    what: 'malformed YAML: a syntax error stops its document only',
    expected: [[null, 5, 1], prestopAt(6)],
    messages: [/^YAML syntax error \(BAD_INDENT\) at line 5, column 1: a flow list \(`\[ … \]`\) in a block is not indented past its key or not closed with `\]`\.$/],
  },
  {
    file: 'tabs.yaml',
    what: 'tabs used for indentation',
    expected: [[null, 4, 1], prestopAt(6)],
    messages: [/^YAML syntax error \(TAB_AS_INDENT\) at line 4, column 1: a tab is used for indentation; YAML allows only spaces\.$/],
  },
  {
    file: 'duplicate-keys.yaml',
    what: 'a duplicate key is reported at the second key and the document is still linted',
    expected: [['kubelore/duplicate-key', 7, 3], ['termination/prestop-delay', 15, 11]],
  },
  {
    file: 'non-mapping.yaml',
    what: 'documents that are a sequence, a string and a number',
    expected: [['kubelore/not-a-resource', 1, 1], ['kubelore/not-a-resource', 4, 1], ['kubelore/not-a-resource', 6, 1], prestopAt(8)],
  },
  {
    file: 'no-apiversion-kind.yaml',
    what: 'mappings without apiVersion and kind',
    expected: [['kubelore/not-a-resource', 1, 1], ['kubelore/not-a-resource', 6, 1], prestopAt(10)],
  },
  {
    file: 'helm-template.yaml',
    what: 'an unrendered Helm template is reported at the template, not linted',
    expected: [['kubelore/unrendered-template', 4, 9], prestopAt(6)],
  },
  {
    file: 'manifest.json',
    what: 'a JSON manifest is linted with JSON lines and columns',
    expected: [['termination/prestop-delay', 22, 11]],
  },
  {
    file: 'truncated.json',
    what: 'a truncated JSON manifest is a syntax error with a line',
    expected: [[null, 5, 1]],
    messages: [/^YAML syntax error \(BAD_INDENT\) at line 5, column 1: a flow mapping \(`\{ … \}`\) in a block is not indented past its key or not closed with `\}`\.$/],
  },
  {
    file: 'binary.yaml',
    what: 'a binary file',
    expected: [[null, 1, 1]],
    messages: [/^Binary file \(contains NUL bytes\): not a YAML or JSON manifest\.$/],
  },
  {
    file: 'latin1.yaml',
    what: 'a non-UTF-8 (Latin-1) file names the line and column of the first bad byte',
    expected: [[null, 6, 16]],
    messages: [/^File is not valid UTF-8 \(first invalid byte at line 6, column 16, offset 76\); Kubernetes manifests must be UTF-8\.$/],
  },
  {
    file: 'utf16.yaml',
    what: 'a UTF-16 file',
    expected: [[null, 1, 1]],
    messages: [/^File is UTF-16 encoded; Kubernetes manifests must be UTF-8\. Convert it/],
  },
  {
    file: 'bom.yaml',
    what: 'a UTF-8 byte order mark does not shift lines or columns',
    expected: [prestopAt(1)],
  },
  {
    file: 'crlf.yaml',
    what: 'CRLF line endings give the same lines and columns as LF',
    expected: [prestopAt(6)],
  },
  { file: 'empty.yaml', what: 'an empty file has no findings', expected: [] },
  {
    file: 'empty-documents.yaml',
    what: 'empty documents and a comment-only document are skipped silently',
    expected: [prestopAt(5)],
  },
  {
    file: 'deep-nesting.yaml',
    what: 'a document nested deeper than maxDepth is refused at the level past the limit',
    // Root mapping is level 1, `data` 2, so `k98`'s value is level 101: reported at key k98.
    expected: [['kubelore/input-limit', 104, 199], prestopAt(127)],
  },
  {
    file: 'alias-bomb.yaml',
    what: 'an alias bomb (billion laughs) is refused',
    expected: [['kubelore/input-limit', 1, 1], prestopAt(16)],
  },
  {
    file: 'unknown-kind.yaml',
    what: 'a misspelt built-in kind and a misspelt group of a known project',
    expected: [['schema/unknown-kind', 2, 7], ['schema/unknown-kind', 6, 13], prestopAt(11)],
  },
  {
    file: 'list.yaml',
    what: 'a List: each item is linted at its own lines',
    expected: [['termination/prestop-delay', 17, 15]],
  },
  {
    file: 'wrong-types.yaml',
    what: 'numbers and booleans where strings belong (and the reverse) are schema findings; no rule crashes',
    expected: [
      ['schema/valid', 4, 9],
      // A list where a mapping belongs: at the list, not at its key.
      ['schema/valid', 5, 11],
      ['schema/valid', 7, 13],
      ['schema/valid', 14, 38],
      ['termination/prestop-delay', 16, 11],
      ['schema/valid', 16, 17],
      ['schema/valid', 17, 18],
      ['schema/valid', 18, 35],
      ['schema/valid', 20, 36],
      ['schema/valid', 25, 11],
      ['schema/valid', 26, 1],
      ['schema/valid', 29, 19],
      prestopAt(31),
    ],
  },
];

function assertMessages(findings: Finding[], messages: RegExp[] | undefined): void {
  const fatal = findings.filter((finding) => finding.ruleId === null).map((finding) => finding.message);
  assert.is(fatal.length, messages?.length ?? 0, `fatal messages: ${JSON.stringify(fatal)}`);
  messages?.forEach((pattern, index) => assert.match(fatal[index]!, pattern));
}

for (const { file, what, expected, messages } of CASES) {
  test(`${file}: ${what}`, async () => {
    const results = await lintCase({ [file]: fixture(file) });
    const findings = results.get(file)!;
    assert.equal(positions(findings), expected);
    assertMessages(findings, messages);
  });
}

test('input-limit findings say which setting to change', async () => {
  const results = await lintCase({ 'deep.yaml': fixture('deep-nesting.yaml'), 'laughs.yaml': fixture('alias-bomb.yaml') });
  assert.is(results.get('deep.yaml')![0]!.message, 'Document nests deeper than 100 levels (setting maxDepth); not linted.');
  assert.is(results.get('laughs.yaml')![0]!.message, 'Document expands more than 100 aliases (setting maxAliasCount): refused as a possible alias bomb.');
});

test('settings.maxDepth is an option: raised, the deep document is read (and ConfigMap data must be strings)', async () => {
  const results = await lintCase({ 'deep.yaml': fixture('deep-nesting.yaml') }, { maxDepth: 200 });
  // `k0` is a mapping where a string belongs: reported at the mapping (line 7), not at its key.
  assert.equal(positions(results.get('deep.yaml')!), [['schema/valid', 7, 5], prestopAt(127)]);
});

test('a file over settings.maxFileSize is one input-limit finding; the other file is still linted', async () => {
  const text = `${goodDeployment('big')}---\n${'# padding\n'.repeat(20_000)}`;
  const results = await lintCase({ 'big.yaml': text }, { maxFileSize: 100_000 });
  const findings = results.get('big.yaml')!;
  assert.equal(positions(findings), [['kubelore/input-limit', 1, 1]]);
  assert.is(findings[0]!.message, `File is ${text.length} characters, over the limit of 100000 (setting maxFileSize); not linted.`);
});

test('a very long line (4 MB annotation, 200,000 `{{` in a quoted value) is read quickly; the document is linted', async () => {
  const long = 'x'.repeat(4_000_000);
  const braces = '{{'.repeat(200_000);
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\n  annotations:\n    note: ${long}\ndata:\n  braces: "${braces}"\n---\n${goodDeployment('long')}`;
  const started = performance.now();
  const results = await lintCase({ 'long.yaml': text });
  assert.ok(performance.now() - started < 5000, `took ${Math.round(performance.now() - started)} ms`);
  assert.equal(positions(results.get('long.yaml')!), [prestopAt(10)]);
});

test('nesting deep enough to exhaust the YAML parser (20,000 flow levels) is an input-limit finding', async () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flow\ndata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n${goodDeployment('flow')}`;
  const results = await lintCase({ 'flow.yaml': text });
  const findings = results.get('flow.yaml')!;
  assert.equal(findings.map((finding) => [finding.ruleId, finding.line]), [['kubelore/input-limit', 6], ['termination/prestop-delay', 21]]);
  assert.match(findings[0]!.message, /^Document nests too deeply to parse/);
});

test('a large file (about 5 MB, 4,000 documents) is linted whole', async () => {
  const documents = Array.from({ length: 4000 }, (_, index) => goodDeployment(`app-${index}`));
  const text = documents.join('---\n');
  assert.ok(text.length > 1_900_000);
  const results = await lintCase({ 'large.yaml': text });
  const findings = results.get('large.yaml')!;
  assert.is(findings.length, 4000);
  assert.equal(positions([findings[3999]!]), [prestopAt(3999 * 21 + 1)]);
});

test.run();
