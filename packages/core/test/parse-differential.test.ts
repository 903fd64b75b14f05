// parseSourceFile with the fast path against parseSourceFile without it (issue 23): the repository's
// YAML files, the shared corpus when this clone has it, small cases for each input problem, and seeded
// mutants. Whatever path a file takes, documents, values, problems and positions are the same.
//
// Default: every 5th corpus file, with a sample of pointers (every pointer of files up to 2 KB, every
// 40th of larger ones; documents, values, problems and trees always), and 150 mutants: a few seconds.
// KUBELORE_PARSE_DIFFERENTIAL=full compares every pointer of every file; KUBELORE_PARSE_DIFFERENTIAL_FUZZ=n runs n mutants.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFast } from '../src/fast-parse/index.js';
import { mutant, random } from './fast-parse-mutations.js';
import { parseDifferential } from './parse-differential.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const CORPUS_DIR = existsSync(CORPUS) ? CORPUS : '/work/shared/corpus';
const full = process.env.KUBELORE_PARSE_DIFFERENTIAL === 'full';
const mutants = Number(process.env.KUBELORE_PARSE_DIFFERENTIAL_FUZZ ?? 150);

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.git') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(path);
  }
  return out.sort();
}

function assertSame(text: string, label: string, stride = 1): number {
  const verdict = parseDifferential(text, stride);
  assert.equal(verdict.differences.slice(0, 5), [], label);
  return verdict.lookups;
}

test('template verdicts: the fast path classifies value scalars as the tree does', () => {
  const cases = [
    'kind: A\nmetadata:\n  name: app-{{ .Release.Name }}\n',
    'kind: A\ndata:\n  script: |\n    echo {{ x }}\n  quoted: "{{ y }}"\n',
    'kind: A\n# {{ in a comment }}\nspec: {a: b}\n',
    'kind: A\nlabels: [a, "{{ b }}"]\nimage: x:{{ y }}\n',
    'kind: A\nlabels: [a, "{{ b }}", c{{d}}]\n',
    "kind: A\nx: '{{ a }}'\ny: {{ b }}\n",
    '{{- if .Values.enabled }}\nkind: A\n{{- end }}\n',
  ];
  for (const text of cases) assertSame(text, JSON.stringify(text));
  // The first four take the fast path; the rest (a flow sequence that is not one, a bare `{{ }}` value, a control line) are declined and parsed the ordinary way.
  assert.equal(cases.map((text) => parseFast(text) !== undefined), [true, true, true, true, false, false, false]);
});

test('input problems: files the fast path declines keep their messages and ranges', () => {
  const cases = [
    'kind: A\nmetadata:\n  name: a\n  name: b\n',
    'kind: A\n---\nkind: [B\n---\nkind: C\n',
    'a: &x [1]\nb: *x\n',
    `${'- '.repeat(120)}x\n`,
    `${'['.repeat(120)}${']'.repeat(120)}\n`,
    'kind: A\r\nmetadata:\r\n  name: "x"\r\n',
    '',
    '# only a comment\n',
    '---\n---\n',
    'just a scalar\n',
    // Minified JSON: every collection on one line (the fast path finds each first-line end once per line).
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 50 }, (_, i) => ({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: `m${i}` }, data: { a: [i, { b: 'c' }] } })) }),
  ];
  for (const text of cases) assertSame(text, JSON.stringify(text));
});

test("the repository's own YAML and JSON files", () => {
  const files = ['examples', 'test', 'packages'].flatMap((dir) => yamlFiles(join(ROOT, dir)));
  let lookups = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lookups += assertSame(text, relative(ROOT, file), full || text.length <= 8 * 1024 ? 1 : 40);
  }
  console.log(`\n  parse differential: ${files.length} repository files, ${lookups} lookups identical`);
});

test('the shared real-world corpus', () => {
  if (!existsSync(CORPUS_DIR)) {
    console.log(`\n  parse differential: corpus check skipped: no corpus at ${CORPUS_DIR}`);
    return;
  }
  // Both parses of the whole corpus take several seconds; by default every 5th file (a fixed sample).
  const files = yamlFiles(CORPUS_DIR).filter((_, index) => full || index % 5 === 0);
  let lookups = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lookups += assertSame(text, relative(CORPUS_DIR, file), full || text.length <= 2 * 1024 ? 1 : 40);
  }
  console.log(`\n  parse differential: ${files.length} corpus files, ${lookups} lookups identical${full ? '' : ' (sampled in large files)'}`);
});

test(`seeded mutants (${mutants})`, () => {
  const seedDirs = [join(ROOT, 'test/fuzz/seeds'), join(ROOT, 'packages/core/test/fast-parse-seeds')];
  const seeds = seedDirs.flatMap((dir) => yamlFiles(dir).map((file) => readFileSync(file, 'utf8')));
  const rng = random(2323);
  for (let iteration = 0; iteration < mutants; iteration++) {
    const text = mutant(rng.pick(seeds), rng, seeds);
    assertSame(text, `mutant ${iteration}: ${JSON.stringify(text)}`);
  }
});

test.run();
