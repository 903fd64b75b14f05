// Determinism (issue 12): the same input gives byte-identical output across runs, whatever the order of
// the files on the command line, the time zone or the locale, in every formatter. There is no thread
// count to vary: linting runs on one thread (cross-file rules see every object of the run).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project, ROOT } from './cli-helpers.js';

const SEEDS = join(ROOT, 'test/fuzz/seeds');
const FIXTURES = join(ROOT, 'test/bad-input/fixtures');

// Real manifests twice (cross-file duplicates and references), and the bad-input catalogue.
const files: Record<string, Buffer> = {};
for (const name of readdirSync(SEEDS).filter((name) => name.endsWith('.yaml'))) {
  files[`apps/${name}`] = readFileSync(join(SEEDS, name));
  files[`copy/${name}`] = readFileSync(join(SEEDS, name));
}
for (const name of readdirSync(FIXTURES)) files[`bad/${name}`] = readFileSync(join(FIXTURES, name));
const dir = project(files);

const FORMATS = ['json', 'stylish', 'sarif', 'github', 'junit', 'gitlab'];

function run(patterns: string[], format: string, env: Record<string, string> = {}) {
  const result = kubelore([...patterns, '--preset', 'strict', '--no-config-lookup', '-f', format], { cwd: dir, env });
  assert.is(result.status, 1, result.stderr);
  return result.stdout;
}

test('the inputs give findings of many rules, so there is something to order', () => {
  const results = JSON.parse(run(['apps', 'copy', 'bad'], 'json')) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  const rules = new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId)));
  assert.ok(rules.size >= 15, `only ${rules.size} rules fired`);
  assert.ok(results.length >= 30);
});

const OTHER_PLACE = { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };

test('json: byte-identical across runs, folder orders, named-file orders, time zones and locales', () => {
  const reference = run(['apps', 'copy', 'bad'], 'json');
  assert.is(run(['apps', 'copy', 'bad'], 'json'), reference, 'second run');
  assert.is(run(['bad', 'copy', 'apps'], 'json'), reference, 'folders in another order');
  assert.is(run(['apps', 'copy', 'bad'], 'json', OTHER_PLACE), reference, 'another time zone and locale');
  // Named files are always linted (found ones only when they mention a kind), so compare named with named.
  const named = Object.keys(files).sort();
  assert.is(run([...named].reverse(), 'json'), run(named, 'json'), 'files named one by one, in reverse order');
});

for (const format of FORMATS.filter((name) => name !== 'json')) {
  test(`${format}: byte-identical across runs in another time zone and locale`, () => {
    assert.is(run(['apps', 'copy', 'bad'], format, OTHER_PLACE), run(['bad', 'copy', 'apps'], format));
  });
}

test.run();
