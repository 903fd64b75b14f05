#!/usr/bin/env node
// Runs every uvu test file of the repository in one process (TypeScript through tsx) and ends with the
// line `N passed, N failed` that CI counts. Usage: node scripts/run-tests.mjs [filter-regex]
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv[2] ? new RegExp(process.argv[2]) : null;
const SKIP = new Set(['node_modules', 'dist', '.git', 'fixtures']);

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (/\.test\.(ts|mjs|js)$/.test(entry)) out.push(path);
  }
  return out;
}

const files = ['packages', 'test', 'examples', 'docs', 'bench']
  .map((dir) => join(root, dir))
  .filter((dir) => { try { return statSync(dir).isDirectory(); } catch { return false; } })
  .flatMap((dir) => findTests(dir))
  .filter((file) => !filter || filter.test(relative(root, file)))
  .sort();

if (files.length === 0) {
  console.log('No test files found.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Tests are type-checked as strictly as the code (tsx, which runs them, only strips types). A type error
// counts as one failed test, so the last line still tells the whole story.
let typeCheckFailed = 0;
if (!filter) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.test.json')], { cwd: root, encoding: 'utf8' });
  if (tsc.status === 0) console.log('Type check of the tests: clean.');
  else {
    console.log(`Type check of the tests failed (tsc -p tsconfig.test.json):\n${tsc.stdout}${tsc.stderr}`);
    typeCheckFailed = 1;
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/uvu-child.mjs'), ...files], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: process.env.NO_COLOR ? '0' : process.env.FORCE_COLOR },
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const number = (label) => Number((new RegExp(`${label}:\\s+(\\d+)`).exec(plain) ?? [])[1] ?? NaN);
  const total = number('Total');
  const passed = number('Passed');
  const skipped = number('Skipped') || 0;
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    console.log(`\nThe test process exited with code ${code} before reporting totals.`);
    console.log(`${Number.isNaN(passed) ? 0 : passed} passed, ${1 + typeCheckFailed} failed`);
    process.exit(1);
  }
  const failed = Math.max(total - passed - skipped, code === 0 ? 0 : 1) + typeCheckFailed;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
