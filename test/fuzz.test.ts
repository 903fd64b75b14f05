// Seeded fuzzing (issue 12): real manifests (test/fuzz/seeds) truncated, byte-flipped, with keys deleted,
// documents duplicated, nesting deepened, types changed, lines shuffled and files spliced; every rule of
// the strict preset runs on each mutant, and fixes on a quarter of them. Asserts no crash, no hang, every
// finding inside the file, the same output twice in one process and across two processes.
//
// Default: 450 mutants per process (about 1.5 s, two processes side by side). Longer:
//   KUBELORE_FUZZ=20000 node scripts/run-tests.mjs fuzz      (KUBELORE_FUZZ_SEED=n to change the seed)
// A failure prints the iteration; replay it with: node test/fuzz/run.mjs --seed S --iterations N --only I --dump
// A rule that throws on a mutant (a kubelore/rule-error finding) fails the test: the run goes on for users,
// but a rule that cannot read odd input is a bug to fix.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './cli-helpers.js';

interface FuzzReport {
  iterations: number;
  digest: string;
  slowest: number;
  failures: Array<{ iteration: number; seed: string; applied: string[]; problem: string; input: string }>;
  ruleErrors: Array<{ iteration: number; seed: string; applied: string[]; message: string }>;
}

const iterations = Number(process.env.KUBELORE_FUZZ ?? 450);
const seed = Number(process.env.KUBELORE_FUZZ_SEED ?? 12);
// A hang is a child that outlives this: far more than the slowest mutant needs.
const timeoutMs = 30_000 + iterations * 50;

function fuzz(): Promise<FuzzReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/fuzz/run.mjs'), '--seed', String(seed), '--iterations', String(iterations)], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fuzz run hung: no result after ${timeoutMs} ms (seed ${seed}, ${iterations} iterations)`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`fuzz run exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as FuzzReport);
    });
  });
}

test(`${iterations} mutants of real manifests: no crash, no hang, findings inside the file, deterministic`, async () => {
  const [first, second] = await Promise.all([fuzz(), fuzz()]);
  const explain = (failure: FuzzReport['failures'][number]) =>
    `iteration ${failure.iteration} (${failure.seed}, ${failure.applied.join(' + ')}): ${failure.problem}\n` +
    `replay: node test/fuzz/run.mjs --seed ${seed} --iterations ${iterations} --only ${failure.iteration} --dump`;
  assert.is(first.failures.length, 0, first.failures.slice(0, 5).map(explain).join('\n\n'));
  assert.is(first.iterations, iterations);
  assert.is(second.digest, first.digest, 'two processes gave different output for the same mutants');
  if (first.ruleErrors.length > 0) {
    const distinct = [...new Map(first.ruleErrors.map((error) => [error.message.replace(/ on .*?:/, ':'), error])).values()];
    const listing = distinct.map((error) => `  iteration ${error.iteration} (${error.applied.join(' + ')}): ${error.message}`).join('\n');
    assert.unreachable(`rules threw on ${first.ruleErrors.length} mutants:\n${listing}`);
  }
});

test.run();
