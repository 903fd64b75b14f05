#!/usr/bin/env node
// Benchmark for issue 23: the fast parse path (parseFast + locate) against today's (parseAllDocuments +
// toJS, rangeOfPointer on the retained trees), over the same files in one process, the two arms
// alternating, medians of several rounds. Each arm keeps everything it produced for the whole round, as
// a SourceFile keeps it while rules run, and the heap it retains is measured after a full GC.
//
//   npx pnpm run build && node bench/fast-parse.mjs [--rounds 7] [--corpus DIR] [--every 25]
//
// `--every n`: locate every n-th pointer of every document (both targets), standing in for findings.
// The corpus is ../shared/corpus (or /work/shared/corpus) when it exists, else the repository's own YAML.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

if (typeof globalThis.gc !== 'function') {
  // Retained heap needs a full collection on demand.
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, corpus: { type: 'string' }, every: { type: 'string', default: '25' } } });
const rounds = Number(values.rounds);
const every = Number(values.every);

const requireCore = createRequire(join(ROOT, 'packages/core/package.json'));
const { parseAllDocuments, LineCounter } = await import(pathToFileURL(requireCore.resolve('yaml')).href);
const { parseFast, PARSE_OPTIONS } = await import(pathToFileURL(join(ROOT, 'packages/core/dist/fast-parse/index.js')).href);
const { rangeOfPointer } = await import(pathToFileURL(join(ROOT, 'packages/core/dist/position.js')).href);
const { joinPointer } = await import(pathToFileURL(join(ROOT, 'packages/core/dist/pointer.js')).href);

function yamlFiles(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.git') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out.sort();
}

const corpusDir = values.corpus ?? [join(ROOT, '..', 'shared', 'corpus'), '/work/shared/corpus'].find((dir) => existsSync(dir));
const dirs = corpusDir ? [corpusDir] : ['examples', 'test', 'packages'].map((dir) => join(ROOT, dir));
const texts = dirs.flatMap((dir) => yamlFiles(dir)).map((file) => readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

// Only files the fast path accepts are compared (the rest would take today's path in both arms).
const accepted = texts.filter((text) => parseFast(text) !== undefined);
const chars = accepted.reduce((sum, text) => sum + text.length, 0);

/** The pointers each arm locates: every `every`-th pointer of each document's value, found once up front. */
function samplePointers(value) {
  const out = [];
  let count = 0;
  const walk = (node, pointer) => {
    if (count++ % every === 0) out.push(pointer);
    if (node !== null && typeof node === 'object')
      for (const [key, child] of Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node)) walk(child, joinPointer(pointer, key));
  };
  walk(value, '');
  return out;
}
const pointers = accepted.map((text) => parseFast(text).documents.map((doc) => samplePointers(doc.value)));
const lookups = pointers.flat(2).length * 2;
// The position tables' integers alone (six 32-bit integers per node), to put the retained heap in context.
const tableMb = accepted.reduce((sum, text) => sum + parseFast(text).documents.reduce((n, doc) => n + doc.table.size * 6 * 4, 0), 0) / 1024 / 1024;

function lineCounterOf(text) {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}
const lineCounters = accepted.map(lineCounterOf);

/** CPU time of this process since `start` (user + system): steadier than wall time on a busy machine. */
function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const arms = {
  yaml() {
    const kept = [];
    const cpuStart = process.cpuUsage();
    const parseStart = performance.now();
    for (const text of accepted) {
      const docs = parseAllDocuments(text, PARSE_OPTIONS);
      kept.push({ docs, values: docs.map((doc) => doc.toJS({ maxAliasCount: 100 })) });
    }
    const parseMs = performance.now() - parseStart;
    const parseCpuMs = cpuMs(cpuStart);
    const locateStart = performance.now();
    let sink = 0;
    kept.forEach(({ docs }, file) =>
      docs.forEach((doc, index) => {
        for (const pointer of pointers[file][index])
          sink += rangeOfPointer(doc, accepted[file], lineCounters[file], pointer, 'value').offset + rangeOfPointer(doc, accepted[file], lineCounters[file], pointer, 'key').endOffset;
      }),
    );
    return { kept, parseMs, parseCpuMs, locateMs: performance.now() - locateStart, sink };
  },
  fast() {
    const kept = [];
    const cpuStart = process.cpuUsage();
    const parseStart = performance.now();
    for (const text of accepted) kept.push(parseFast(text));
    const parseMs = performance.now() - parseStart;
    const parseCpuMs = cpuMs(cpuStart);
    const locateStart = performance.now();
    let sink = 0;
    kept.forEach((parsed, file) =>
      parsed.documents.forEach((doc, index) => {
        // rangeOfOffsets is the caller's, on both paths; the fast arm pays for it too.
        for (const pointer of pointers[file][index]) {
          const [start] = doc.locate(pointer, 'value');
          const [, end] = doc.locate(pointer, 'key');
          sink += lineCounters[file].linePos(start).line + lineCounters[file].linePos(end).col;
        }
      }),
    );
    return { kept, parseMs, parseCpuMs, locateMs: performance.now() - locateStart, sink };
  },
};

function measure(name) {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = arms[name]();
  globalThis.gc();
  const retainedMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  // Keep the results alive until after the measurement.
  if (result.kept.length !== accepted.length) throw new Error('lost results');
  return { parseMs: result.parseMs, parseCpuMs: result.parseCpuMs, locateMs: result.locateMs, retainedMb };
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// One warm-up round of each, then alternate (which one goes first alternates too).
measure('yaml');
measure('fast');
const samples = { yaml: [], fast: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['yaml', 'fast'] : ['fast', 'yaml'];
  for (const name of order) samples[name].push(measure(name));
}

const summary = Object.fromEntries(
  Object.entries(samples).map(([name, list]) => [
    name,
    { parseMs: median(list.map((s) => s.parseMs)), parseCpuMs: median(list.map((s) => s.parseCpuMs)), locateMs: median(list.map((s) => s.locateMs)), retainedMb: median(list.map((s) => s.retainedMb)) },
  ]),
);
// The floor: what the plain values alone retain (the fast arm's results with everything else dropped).
globalThis.gc();
const valuesBefore = process.memoryUsage().heapUsed;
const valuesKept = accepted.map((text) => parseFast(text).documents.map((doc) => doc.value));
globalThis.gc();
const valuesMb = (process.memoryUsage().heapUsed - valuesBefore) / 1024 / 1024;
if (valuesKept.length !== accepted.length) throw new Error('lost values');

const fmt = (n, digits = 1) => n.toFixed(digits);
console.log(`corpus: ${corpusDir ?? 'repository YAML'}; ${accepted.length} of ${texts.length} files accepted by the fast path (${fmt(chars / 1e6, 2)} M characters), ${lookups} lookups per round, ${rounds} rounds, medians`);
console.log('arm                          parse ms (wall)   parse ms (CPU)   locate ms   retained MB');
for (const [label, name] of [['parseAllDocuments + toJS', 'yaml'], ['parseFast', 'fast']])
  console.log(
    `${label.padEnd(28)} ${fmt(summary[name].parseMs).padStart(15)}   ${fmt(summary[name].parseCpuMs).padStart(14)}   ${fmt(summary[name].locateMs).padStart(9)}   ${fmt(summary[name].retainedMb).padStart(11)}`,
  );
console.log(`(of which position tables: ${fmt(tableMb)} MB of integers; the plain values alone, which both arms keep, retain ${fmt(valuesMb)} MB)`);
console.log(
  `fast / yaml: parse ${fmt(summary.fast.parseMs / summary.yaml.parseMs, 2)}x wall, ${fmt(summary.fast.parseCpuMs / summary.yaml.parseCpuMs, 2)}x CPU, locate ${fmt(summary.fast.locateMs / summary.yaml.locateMs, 2)}x, retained heap ${fmt(summary.fast.retainedMb / summary.yaml.retainedMb, 2)}x`,
);
