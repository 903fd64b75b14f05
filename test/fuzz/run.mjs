#!/usr/bin/env node
// The fuzz loop, run in a child process by test/fuzz.test.ts so that a hang is a timeout, not a stuck
// suite. Prints one JSON line: iterations, a digest of every output, and the failures.
//
//   node test/fuzz/run.mjs --seed 1 --iterations 200 [--only 17 [--dump]]   (--only replays one iteration,
//   --dump writes its input to stderr)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kubelore } from '../../packages/cli/dist/index.js';
import { mutate, random } from './mutations.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, iterations: { type: 'string', default: '200' }, only: { type: 'string' }, dump: { type: 'boolean' } } });
const SEEDS_DIR = fileURLToPath(new URL('seeds/', import.meta.url));
const seeds = readdirSync(SEEDS_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), 'utf8') }));

// Every rule, so every rule meets the mutants; fixes on a quarter of them.
const options = { cwd: tmpdir(), configLookup: false, preset: 'strict' };
const SLOW_MS = 3000;

function positionProblems(results, text) {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineLengths = body.split('\n').map((line) => line.length);
  const problems = [];
  for (const result of results) {
    for (const message of result.messages) {
      const { line, column, endLine, endColumn } = message;
      const valid =
        Number.isInteger(line) && line >= 1 && line <= lineLengths.length &&
        Number.isInteger(column) && column >= 1 && column <= lineLengths[line - 1] + 1 &&
        (endLine === undefined || (endLine >= line && endLine <= lineLengths.length)) &&
        (endColumn === undefined || endColumn >= 1);
      if (!valid) problems.push(`${message.ruleId} at ${line}:${column}-${endLine}:${endColumn} outside ${lineLengths.length} lines`);
    }
  }
  return problems;
}

const seed = Number(values.seed);
const iterations = Number(values.iterations);
const digest = createHash('sha256');
const failures = [];
const ruleErrors = [];
let slowest = 0;
for (let iteration = 0; iteration < iterations; iteration++) {
  if (values.only !== undefined && Number(values.only) !== iteration) continue;
  const rng = random(seed * 1_000_003 + iteration);
  const source = rng.pick(seeds);
  const { text, applied } = mutate(source.text, rng, seeds);
  if (values.dump) process.stderr.write(text);
  const fail = (problem) => failures.push({ iteration, seed: source.name, applied, problem, input: text.slice(0, 3000) });
  try {
    const started = performance.now();
    const results = await new Kubelore(options).lintText(text, { filePath: 'fuzz.yaml' });
    const elapsed = performance.now() - started;
    slowest = Math.max(slowest, elapsed);
    if (elapsed > SLOW_MS) fail(`took ${Math.round(elapsed)} ms`);
    const output = JSON.stringify(results);
    const again = JSON.stringify(await new Kubelore(options).lintText(text, { filePath: 'fuzz.yaml' }));
    if (again !== output) fail('two runs on the same input gave different output');
    for (const problem of positionProblems(results, text)) fail(problem);
    for (const result of results) {
      for (const message of result.messages) if (message.ruleId === 'kubelore/rule-error') ruleErrors.push({ iteration, seed: source.name, applied, message: message.message });
    }
    digest.update(output);
    if (iteration % 4 === 0) {
      const [fixed] = await new Kubelore({ ...options, fix: true }).lintText(text, { filePath: 'fuzz.yaml' });
      for (const problem of positionProblems([fixed], fixed.output ?? text)) fail(`after fixing: ${problem}`);
      digest.update(fixed.output ?? '');
    }
  } catch (error) {
    fail(`threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.stdout.write(`${JSON.stringify({ iterations, digest: digest.digest('hex'), slowest: Math.round(slowest), failures, ruleErrors })}\n`);
