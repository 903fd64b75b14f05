// The fast parse path (issue 23) against today's path: small cases, then the repository's own YAML
// files, then the shared real-world corpus when this clone has it. Every document the fast path accepts
// must give the same value as toJS, the same ranges, and the same location for every pointer (both
// targets, missing children included) as position.ts' rangeOfPointer.
//
// The corpus check compares every pointer of files up to 8 KB and every 7th pointer of larger ones (values
// and ranges always); KUBELORE_FAST_PARSE_CORPUS=full compares every pointer of every file (about a minute).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFast, whyNotFast } from '../src/fast-parse/index.js';
import { differential } from './fast-parse-differential.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const CORPUS_DIR = existsSync(CORPUS) ? CORPUS : '/work/shared/corpus';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.git') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out.sort();
}

function assertSame(text: string, label = JSON.stringify(text)): void {
  const verdict = differential(text);
  assert.equal(verdict.differences, [], label);
}

test('yaml is pinned to exactly the version installed: the fast path mirrors its composer', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8'));
  const require = createRequire(join(ROOT, 'packages/core/package.json'));
  const installed = JSON.parse(readFileSync(join(require.resolve('yaml').replace(/dist[\\/].*$/, ''), 'package.json'), 'utf8'));
  assert.is(manifest.dependencies.yaml, installed.version);
});

test('values, ranges and positions of a small manifest', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web" # comment\n  labels: {app: web}\nspec:\n  containers:\n    - name: a\n      args: [1, "2", ~]\n';
  const fast = parseFast(text)!;
  assert.ok(fast);
  assert.is(fast.documents.length, 1);
  const doc = fast.documents[0]!;
  assert.equal(doc.value, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'a', args: [1, '2', null] }] } });
  assert.equal(doc.locate('/metadata/name'), [text.indexOf('"web"'), text.indexOf('"web"') + 5]);
  assert.equal(doc.locate('/metadata/name', 'key'), [text.indexOf('name'), text.indexOf('name') + 4]);
  // A collection is reported at its key, a missing field at its nearest ancestor's key.
  assert.equal(doc.locate('/metadata/labels'), [text.indexOf('labels'), text.indexOf('labels') + 6]);
  assert.equal(doc.locate('/spec/containers/0/missing'), [text.indexOf('- name') + 2, text.indexOf('- name') + 2 + text.slice(text.indexOf('- name') + 2).indexOf('\n')]);
  assert.equal(doc.templateSafeRanges, [[text.indexOf('"web"'), text.indexOf('"web"') + 5], [text.indexOf('"2"'), text.indexOf('"2"') + 3]]);
  assertSame(text);
});

test('empty files and comment-only files have no documents, like parseAllDocuments', () => {
  assert.equal(parseFast('')?.documents, []);
  assert.equal(parseFast('# only a comment\n')?.documents, []);
  assertSame('');
  assertSame('---\n');
  assertSame('--- # c\n...\n');
});

test('declines what it cannot reproduce exactly, and says why', () => {
  const declined: Record<string, string> = {
    anchors: 'a: &x 1\nb: *x\n',
    tags: 'a: !!str 1\n',
    directives: '%YAML 1.1\n---\na: yes\n',
    'duplicate keys': 'a: 1\na: 2\n',
    'keys with the same string': '1: a\n"1": b\n',
    'merge keys': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
    'null keys': '~: a\n',
    'empty keys': ': a\n',
    'explicit keys': '? a\n: b\n',
    'collection keys': '[a]: b\n',
    'syntax errors': 'a: [1, 2\nb: 3\n',
    'bad indentation': 'a:\n  b: 1\n c: 2\n',
    'a tab in indentation': 'a:\n\tb: 1\n',
    'proto keys': '__proto__: x\n',
    'flow pairs in sequences': 'a: [b: c]\n',
    'keys over 1024 characters': `${'k'.repeat(1100)}: v\n`,
    'nesting deeper than the fast path goes': `${'['.repeat(300)}${']'.repeat(300)}\n`,
  };
  for (const [name, text] of Object.entries(declined)) {
    assert.is(parseFast(text), undefined, name);
    assert.type(whyNotFast(text), 'string', name);
  }
});

test('scalars of every core-schema type, quoted and block scalars, empty values, document markers', () => {
  const text = readFileSync(join(ROOT, 'packages/core/test/fast-parse-seeds/edge-cases.yaml'), 'utf8');
  assert.ok(parseFast(text), whyNotFast(text));
  assertSame(text, 'edge-cases.yaml');
  for (const small of ['a:\n', 'a: # c\nb: 1\n', '- \n- # c\n', 'a: |\n  x\n# c\n', '"k": [ ]\n', 'x: {a: 1, b: }\n', '--- a\n...\n--- b\n', 'k: v\n...\n'])
    assertSame(small);
});

test("the repository's own YAML files", () => {
  const files = ['examples', 'test', 'packages'].flatMap((dir) => yamlFiles(join(ROOT, dir)));
  let accepted = 0;
  let lookups = 0;
  for (const file of files) {
    const verdict = differential(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    assert.equal(verdict.differences, [], relative(ROOT, file));
    if (verdict.accepted) accepted++;
    lookups += verdict.lookups;
  }
  console.log(`\n  fast-parse: accepted ${accepted} of ${files.length} repository YAML files; ${lookups} lookups identical`);
  assert.ok(accepted > files.length / 2);
});

test('the shared real-world corpus', () => {
  if (!existsSync(CORPUS_DIR)) {
    console.log(`\n  fast-parse: corpus check skipped: no corpus at ${CORPUS_DIR} (only some clones have it)`);
    return;
  }
  const full = process.env.KUBELORE_FAST_PARSE_CORPUS === 'full';
  const files = yamlFiles(CORPUS_DIR);
  let accepted = 0;
  let lookups = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const verdict = differential(text, full || text.length <= 8 * 1024 ? 1 : 7);
    assert.equal(verdict.differences, [], relative(CORPUS_DIR, file));
    if (verdict.accepted) accepted++;
    lookups += verdict.lookups;
  }
  console.log(
    `\n  fast-parse: accepted ${accepted} of ${files.length} corpus files (${((100 * accepted) / files.length).toFixed(1)}%); ${lookups} lookups identical${full ? '' : ' (sampled in large files)'}`,
  );
  assert.ok(accepted >= files.length * 0.9, `only ${accepted} of ${files.length} accepted`);
});

test.run();
