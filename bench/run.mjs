#!/usr/bin/env node
// The benchmark of issue 23: kubelore measured as users run it. Cold processes of the real CLI
// (`--preset strict --format json -o out.json` over the corpus) against the floor (bench/floor.mjs: the
// same files read and parsed by yaml's parseAllDocuments with a LineCounter), alternating run by run,
// medians of wall and CPU time, peak RSS of each process; the corpus copied 1x, 2x and 4x; the one-file
// own time (`kubelore one.yaml` minus `node -e 0`); the rules' share of a cold run with --stats; and, in one
// process, the per-rule times of --stats of a second lint.
//
//   node bench/run.mjs [--runs 5] [--corpus DIR] [--sizes 1,2,4] [--cli dist/bin.mjs] [--write]
//
// The CLI is the bundle by default: every way users install kubelore runs it (the npm package's bin,
// pre-commit, the Action, a checkout). Its code cache is written by a first run that is not counted, as
// a user's runs after the first start from it. `--cli packages/cli/bin/kubelore.js` times the
// workspace's compiled modules instead.
//
// The corpus is ../shared/corpus (or /work/shared/corpus) without its _invalid and _unrendered samples.
// --write rewrites the figures in docs/performance.md and the README's performance line.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    corpus: { type: 'string' },
    sizes: { type: 'string', default: '1,2,4' },
    cli: { type: 'string', default: 'dist/bin.mjs' },
    write: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const CLI = join(ROOT, values.cli);
const FLOOR = join(ROOT, 'bench/floor.mjs');
const RUSAGE = join(ROOT, 'bench/rusage.cjs');
const SKIPPED = new Set(['_invalid', '_unrendered']);

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function corpusDir() {
  const candidates = [values.corpus, join(ROOT, '..', 'shared', 'corpus'), '/work/shared/corpus'].filter(Boolean);
  const dir = candidates.find((candidate) => existsSync(candidate));
  if (!dir) throw new Error('no corpus: pass --corpus DIR');
  return dir;
}

/** A temporary folder with `size` copies of the corpus's sources (copy-0/, copy-1/, …). */
function copies(dir, size) {
  const target = mkdtempSync(join(tmpdir(), `kubelore-bench-${size}x-`));
  for (let copy = 0; copy < size; copy++) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) cpSync(join(dir, entry.name), join(target, `copy-${copy}`, entry.name), { recursive: true });
    }
  }
  return target;
}

/** The V8 code caches beside a bundle's bin (none for the compiled modules). */
function codeCaches(bin) {
  return readdirSync(dirname(bin)).filter((name) => /^\.kubelore-.*\.cache$/.test(name));
}

/** One cold process: wall time, and the process's own CPU time and peak RSS (bench/rusage.cjs). */
function measure(args, cwd) {
  const usageFile = join(tmpdir(), `kubelore-bench-rusage-${process.pid}.json`);
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', RUSAGE, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_RUSAGE: usageFile } });
  const wallMs = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageFile);
  return { wallMs, ...usage };
}

/** Floor and CLI over the same folder, alternating, `count` times each. */
function coldPair(folder, count) {
  const floor = [];
  const cli = [];
  if (codeCaches(CLI).length === 0 && existsSync(join(dirname(CLI), 'kubelore.cjs'))) measure([CLI, '--preset', 'strict', '--format', 'json', '-o', join(folder, '..', 'warm-up.json'), '.'], folder);
  for (let run = 0; run < count; run++) {
    floor.push(measure([FLOOR, '.'], folder));
    cli.push(measure([CLI, '--preset', 'strict', '--format', 'json', '-o', join(folder, '..', `${folder.split('/').pop()}-out.json`), '.'], folder));
  }
  const summary = (list) => ({ wallMs: median(list.map((r) => r.wallMs)), cpuMs: median(list.map((r) => r.cpuMs)), rssMb: median(list.map((r) => r.rssMb)) });
  return { floor: summary(floor), cli: summary(cli) };
}

/** The CLI with --concurrency off and with N workers over the same folder, alternating (the same output). */
function concurrencyPair(folder, workers, count) {
  const off = [];
  const on = [];
  const out = (name) => join(folder, '..', `${folder.split('/').pop()}-${name}.json`);
  for (let run = 0; run < count; run++) {
    off.push(measure([CLI, '--preset', 'strict', '--format', 'json', '-o', out('off'), '--concurrency', 'off', '.'], folder));
    on.push(measure([CLI, '--preset', 'strict', '--format', 'json', '-o', out('on'), '--concurrency', String(workers), '.'], folder));
  }
  const same = readFileSync(out('off')).equals(readFileSync(out('on')));
  const summary = (list) => ({ wallMs: median(list.map((r) => r.wallMs)), cpuMs: median(list.map((r) => r.cpuMs)), rssMb: median(list.map((r) => r.rssMb)) });
  return { off: summary(off), on: summary(on), same };
}

/**
 * `kubelore one.yaml` against `node -e 0`, alternating, cold. With `codeCacheDir` (the bundle's folder),
 * as a pre-commit user runs it: the code caches there are removed, one first run (not counted) writes
 * the cache again, and the pairs are the second and later runs, which start from it.
 */
function oneFile(cli, count, codeCacheDir) {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bench-one-'));
  const file = join(dir, 'api.yaml');
  writeFileSync(file, readFileSync(join(ROOT, 'examples/ravelin-termination/fixed/api.yaml')));
  if (codeCacheDir) {
    const caches = () => readdirSync(codeCacheDir).filter((name) => /^\.kubelore-.*\.cache$/.test(name));
    for (const name of caches()) rmSync(join(codeCacheDir, name));
    measure([cli, file], dir);
    if (caches().length !== 1) throw new Error(`the bundle's first run wrote no code cache in ${codeCacheDir}`);
  }
  const node = [];
  const ours = [];
  for (let run = 0; run < count; run++) {
    node.push(measure(['-e', '0'], dir));
    ours.push(measure([cli, file], dir));
  }
  rmSync(dir, { recursive: true });
  return { node: median(node.map((r) => r.wallMs)), kubelore: median(ours.map((r) => r.wallMs)), own: median(ours.map((r, i) => r.wallMs - node[i].wallMs)) };
}

/** Parse time, rule time and the slowest rules of a --stats JSON report (wall clock, as --stats times). */
function statsOf(results) {
  const rules = new Map();
  let parse = 0;
  let total = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse.total;
      total += pass.total;
      for (const [id, time] of Object.entries(pass.rules)) rules.set(id, (rules.get(id) ?? 0) + time.total);
    }
  }
  const ruleTotal = [...rules.values()].reduce((sum, time) => sum + time, 0);
  return { parse, total, ruleTotal, top: [...rules].sort((a, b) => b[1] - a[1]).slice(0, 8) };
}

/**
 * The rules' share of a run as users run it: the CLI, cold, with --stats, `count` times; medians of the
 * rules' time, the parse time and the process's wall time. The slowest rules are those of the run whose
 * rule time is the median.
 */
function coldStats(folder, count) {
  const out = join(folder, '..', 'stats-out.json');
  const runs = [];
  for (let run = 0; run < count; run++) {
    const timed = measure([CLI, '--preset', 'strict', '--stats', '--format', 'json', '-o', out, '.'], folder);
    runs.push({ ...statsOf(JSON.parse(readFileSync(out, 'utf8'))), wallMs: timed.wallMs, cpuMs: timed.cpuMs });
  }
  const middle = [...runs].sort((a, b) => a.ruleTotal - b.ruleTotal)[Math.floor(runs.length / 2)];
  return { ruleTotal: median(runs.map((r) => r.ruleTotal)), parse: median(runs.map((r) => r.parse)), total: median(runs.map((r) => r.total)), wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), top: middle.top };
}

/** Per-rule and parse time of one in-process lint of the corpus with --stats, after a warm-up lint. */
async function perRule(folder) {
  const { Kubelore } = await import(pathToFileURL(join(ROOT, 'packages/cli/dist/index.js')).href);
  // As the command does before it lints (packages/cli/src/environment.ts), so that parse times are the command's.
  const { useEnvironmentCopy } = await import(pathToFileURL(join(ROOT, 'packages/cli/dist/environment.js')).href);
  useEnvironmentCopy();
  const kubelore = new Kubelore({ cwd: folder, preset: 'strict', stats: true, configLookup: false });
  await kubelore.lintFiles(['.']);
  return statsOf(await kubelore.lintFiles(['.']));
}

const lines = [];
const print = (line = '') => {
  console.log(line);
  lines.push(line);
};
const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');
const sizes = values.sizes.split(',').map(Number);
const source = corpusDir();
print(`Cold processes, medians of ${runs} alternating runs; CLI: \`${values.cli} --preset strict --format json -o out.json .\`; floor: \`bench/floor.mjs .\`.`);
print(`Load average before: ${load()} (${os.cpus().length} cores).`);
print();
print('| size | floor wall ms | kubelore wall ms | ratio (wall) | floor CPU ms | kubelore CPU ms | ratio (CPU) | peak RSS MB floor / kubelore |');
print('| --- | --- | --- | --- | --- | --- | --- | --- |');
const rows = [];
let oneX;
for (const size of sizes) {
  const folder = copies(source, size);
  const { floor, cli } = coldPair(folder, size === 1 ? runs : Math.max(1, Math.ceil(runs / 2)));
  rows.push({ size, floor, cli });
  print(
    `| ${size}x | ${floor.wallMs.toFixed(0)} | ${cli.wallMs.toFixed(0)} | ${(cli.wallMs / floor.wallMs).toFixed(2)} | ${floor.cpuMs.toFixed(0)} | ${cli.cpuMs.toFixed(0)} | ${(cli.cpuMs / floor.cpuMs).toFixed(2)} | ${floor.rssMb.toFixed(0)} / ${cli.rssMb.toFixed(0)} |`,
  );
  if (size === 1) oneX = folder;
  else rmSync(folder, { recursive: true });
}
print();
if (rows.length > 1) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  print(`growth ${first.size}x→${last.size}x: kubelore took ${(last.cli.wallMs / first.cli.wallMs).toFixed(2)}x the wall time (${(last.cli.cpuMs / first.cli.cpuMs).toFixed(2)}x the CPU time); the floor ${(last.floor.wallMs / first.floor.wallMs).toFixed(2)}x.`);
}
// Short runs vary more than long ones: at least 21 pairs.
const MODULES = join(ROOT, 'packages/cli/bin/kubelore.js');
const one = oneFile(MODULES, Math.max(runs, 21));
print(`one file, cold, the compiled modules (packages/cli/bin/kubelore.js, the workspace's bin): node -e 0 ${one.node.toFixed(0)} ms, kubelore ${one.kubelore.toFixed(0)} ms, own time (median of paired differences) ${one.own.toFixed(0)} ms.`);
const BUNDLE = join(ROOT, 'dist/bin.mjs');
let bundled;
if (existsSync(BUNDLE)) {
  // The bundle's first run writes its code cache (dist/.kubelore-*.cache); the median is of later runs.
  bundled = oneFile(BUNDLE, Math.max(runs, 21), join(ROOT, 'dist'));
  print(`one file, cold, the bundle (dist/bin.mjs; the npm package's bin is the same bundle): node -e 0 ${bundled.node.toFixed(0)} ms, kubelore ${bundled.kubelore.toFixed(0)} ms, own time ${bundled.own.toFixed(0)} ms.`);
}
if (oneX) {
  const workers = 2;
  const pair = concurrencyPair(oneX, workers, runs);
  print(
    `--concurrency ${workers} against off at 1x (${os.cpus().length} cores; workers read and parse, the main thread lints): wall ${pair.off.wallMs.toFixed(0)} → ${pair.on.wallMs.toFixed(0)} ms, CPU ${pair.off.cpuMs.toFixed(0)} → ${pair.on.cpuMs.toFixed(0)} ms (main thread and workers), peak RSS ${pair.off.rssMb.toFixed(0)} → ${pair.on.rssMb.toFixed(0)} MB; output ${pair.same ? 'byte-identical' : 'DIFFERENT'}.`,
  );
  const cold = coldStats(oneX, runs);
  print(
    `the rules' share of a cold run (\`--stats\`, ${runs} run${runs === 1 ? '' : 's'}, medians): rules ${cold.ruleTotal.toFixed(0)} ms of a ${cold.wallMs.toFixed(0)} ms run = ${((100 * cold.ruleTotal) / cold.wallMs).toFixed(0)}% of its wall time (parse ${cold.parse.toFixed(0)} ms; rules ${((100 * cold.ruleTotal) / cold.total).toFixed(0)}% of the per-file time); slowest rules: ${cold.top.map(([id, time]) => `${id} ${time.toFixed(0)}`).join(', ')} (ms).`,
  );
  const stats = await perRule(oneX);
  print(
    `in one process (--stats, second lint of 1x): parse ${stats.parse.toFixed(0)} ms, rules ${stats.ruleTotal.toFixed(0)} ms = ${((100 * stats.ruleTotal) / stats.total).toFixed(0)}% of the per-file time; slowest rules: ${stats.top.map(([id, time]) => `${id} ${time.toFixed(0)}`).join(', ')} (ms).`,
  );
  rmSync(oneX, { recursive: true });
}
print(`Load average after: ${load()}.`);

if (values.write) {
  const page = join(ROOT, 'docs/performance.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const text = readFileSync(page, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/performance.md lacks the ${start} … ${end} markers`);
  const cpu = os.cpus();
  const machine = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`;
  writeFileSync(page, `${text.slice(0, from + start.length)}\n${machine}\n\n${lines.join('\n')}\n${text.slice(to)}`);
  const readme = join(ROOT, 'README.md');
  const first = rows[0];
  const figure = `<!-- bench:figure -->${(first.cli.wallMs / first.floor.wallMs).toFixed(2)}x the bare yaml parse, cold, on the corpus (${(first.cli.cpuMs / first.floor.cpuMs).toFixed(2)}x in CPU time); ${(bundled ?? one).own.toFixed(0)} ms of own start-up for one file${bundled ? ' (the bundle, as pre-commit runs it)' : ''}<!-- /bench:figure -->`;
  const readmeText = readFileSync(readme, 'utf8');
  if (readmeText.includes('<!-- bench:figure -->')) writeFileSync(readme, readmeText.replace(/<!-- bench:figure -->.*?<!-- \/bench:figure -->/, figure));
  console.log('\nwrote docs/performance.md and the README figure');
}
