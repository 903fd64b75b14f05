// Seeded differential mutation fuzz of the fast parse path (issue 23): mutants of the repository's fuzz
// seeds (test/fuzz/seeds) and of fast-parse-seeds/, with characters and lines deleted, duplicated,
// inserted and replaced (and now and then the repository fuzz's own mutations). For every mutant the
// fast path must decline what yaml reports any error or warning for, and whatever it accepts must match
// today's path exactly: values, ranges, and every pointer located with both targets.
//
// Default: 300 mutants (a few seconds). Longer: KUBELORE_FAST_PARSE_FUZZ=100000 node scripts/run-tests.mjs fast-parse-fuzz
// (KUBELORE_FAST_PARSE_FUZZ_SEED=n for another sequence). A failure prints the seed, the iteration and the mutant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { differential } from './fast-parse-differential.js';
import { mutant, random } from './fast-parse-mutations.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SEED_DIRS = [join(ROOT, 'test/fuzz/seeds'), join(ROOT, 'packages/core/test/fast-parse-seeds')];
const iterations = Number(process.env.KUBELORE_FAST_PARSE_FUZZ ?? 300);
const seed = Number(process.env.KUBELORE_FAST_PARSE_FUZZ_SEED ?? 23);

test(`differential fuzz: ${iterations} mutants, seed ${seed}`, () => {
  const seeds = SEED_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .sort()
      .map((file) => readFileSync(join(dir, file), 'utf8')),
  );
  assert.ok(seeds.length > 0);
  const rng = random(seed);
  let accepted = 0;
  let lookups = 0;
  const started = Date.now();
  for (let iteration = 0; iteration < iterations; iteration++) {
    const text = mutant(rng.pick(seeds), rng, seeds);
    const verdict = differential(text);
    if (verdict.differences.length > 0)
      assert.unreachable(`seed ${seed}, iteration ${iteration}: ${verdict.differences.slice(0, 3).join('; ')}\nmutant: ${JSON.stringify(text)}`);
    if (verdict.accepted) accepted++;
    lookups += verdict.lookups;
  }
  console.log(
    `\n  fast-parse fuzz: ${iterations} mutants (seed ${seed}), ${accepted} accepted by the fast path, ${lookups} lookups identical, 0 differences, ${Date.now() - started} ms`,
  );
});

test.run();
