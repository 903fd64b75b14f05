#!/usr/bin/env node
// Measures parse-and-lint time against the number of keys in one mapping, and peak memory against file
// size for a file of many tiny values (issue 24, bounds). Usage: node bench/input-bounds.mjs
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Linter } from '../packages/core/dist/index.js';
import { builtinPlugins, presetConfig } from '../packages/cli/dist/index.js';

const configs = [{ plugins: builtinPlugins }, presetConfig('recommended')];
const lint = (text) => new Linter().lint([{ filePath: 'x.yaml', text }], configs);
const tinyValues = (items) => `apiVersion: v1\nkind: List\nitems:\n${'  - 1\n'.repeat(items)}`;

// Peak memory is the peak RSS of a child process that lints one such file, less that of a child that
// lints an empty list: a heap figure sampled after a synchronous lint misses the parse's transient peak.
if (process.argv[2] === '--child') {
  const results = lint(tinyValues(Number(process.argv[3])));
  console.log(JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024, messages: results[0].messages.map((m) => m.ruleId) }));
  process.exit(0);
}

console.log('keys in one mapping -> time (ms)');
for (const keys of [5_000, 10_000, 20_000, 40_000]) {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: keys }, (_, i) => `  k${i}: v`).join('\n')}\n`;
  const started = performance.now();
  lint(text);
  console.log(`  ${keys}\t${Math.round(performance.now() - started)}`);
}

console.log('tiny values (`- 1` items): file size (MB) -> peak RSS over a baseline (MB), ratio, time (ms), findings');
const child = (items) => {
  const started = performance.now();
  const out = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(items)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  return { ...out, ms: Math.round(performance.now() - started) };
};
const baseline = child(0).maxRSS;
// The last size is past the default maxNodes (2,000,000 lines and commas): refused before parsing.
for (const items of [100_000, 200_000, 400_000, 1_000_000, 2_500_000]) {
  const { maxRSS, messages, ms } = child(items);
  const size = tinyValues(items).length;
  console.log(`  ${(size / 1e6).toFixed(1)}\t${((maxRSS - baseline) / 1e6).toFixed(0)}\t${((maxRSS - baseline) / size).toFixed(0)}x\t${ms}\t${messages.join(' ') || 'none'}`);
}
