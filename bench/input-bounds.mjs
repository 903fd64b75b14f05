#!/usr/bin/env node
// Measures parse-and-lint time against the number of keys in one mapping, and peak memory against file
// size for a file of many tiny values (issue 24, bounds). Usage: node --expose-gc bench/input-bounds.mjs
import { Linter } from '../packages/core/dist/index.js';
import { builtinPlugins, presetConfig } from '../packages/cli/dist/index.js';

const configs = [{ plugins: builtinPlugins }, presetConfig('recommended')];
const lint = (text) => new Linter().lint([{ filePath: 'x.yaml', text }], configs);

console.log('keys in one mapping -> time (ms)');
for (const keys of [5_000, 10_000, 20_000, 40_000]) {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: keys }, (_, i) => `  k${i}: v`).join('\n')}\n`;
  const started = performance.now();
  lint(text);
  console.log(`  ${keys}\t${Math.round(performance.now() - started)}`);
}
console.log('tiny values: file size (MB) -> heap growth (MB), ratio');
for (const items of [100_000, 200_000, 400_000]) {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  list: |\n    x\nbinaryData: {}\n---\napiVersion: v1\nkind: List\nitems:\n${'  - 1\n'.repeat(items)}`;
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const results = lint(text);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(timer);
  const mb = text.length / 1e6;
  console.log(`  ${mb.toFixed(1)}\t${((peak - before) / 1e6).toFixed(0)}\t${((peak - before) / text.length).toFixed(0)}x\t(${results[0].messages.length} findings)`);
}
