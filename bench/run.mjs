#!/usr/bin/env node
// Benchmark: kubelore with every rule on against the floor, the bare `yaml` parse of the same files
// (parseAllDocuments with a LineCounter), measured in the same run. Prints both, the ratio, documents per
// second and peak RSS for the corpus at 1x, 2x and 4x, then cold single-file start against `node -e 0`.
//
//   node bench/run.mjs [--runs 5] [--corpus DIR] [--sizes 1,2,4]
//
// The corpus is ../shared/corpus when it exists (real-world manifests), otherwise a generated one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    corpus: { type: 'string' },
    sizes: { type: 'string', default: '1,2,4' },
    child: { type: 'string' },
    rss: { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(path);
  }
  return out;
}

function generatedCorpus() {
  const files = [];
  for (let i = 0; i < 400; i++) {
    files.push({
      filePath: `generated/app-${i}.yaml`,
      text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app-${i}:1.${i}
          ports: [{containerPort: 8080, name: http}]
          env:
            - {name: UPSTREAM_URL, value: "https://api-${i}.example.com/v1"}
          readinessProbe: {httpGet: {path: /ready, port: http}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 128Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: http}]
`,
    });
  }
  return files;
}

function loadCorpus() {
  const dir = values.corpus ?? join(ROOT, '..', 'shared', 'corpus');
  if (!existsSync(dir)) return { name: 'generated (400 Deployment+Service files)', files: generatedCorpus() };
  const files = walk(dir).map((path) => ({ filePath: relative(dir, path), text: readFileSync(path, 'utf8') }));
  return { name: relative(process.cwd(), dir) || dir, files };
}

/** The parser, the linter with every rule on, and the corpus copied `size` times, for one child process. */
async function setup(size) {
  // The same copy of `yaml` that core uses, so both sides parse with the same code.
  const yamlPath = createRequire(join(ROOT, 'packages/core/package.json')).resolve('yaml');
  const { parseAllDocuments, LineCounter } = await import(pathToFileURL(yamlPath).href);
  const { Linter } = await import(pathToFileURL(join(ROOT, 'packages/core/dist/index.js')).href);
  const { builtinPlugins, presetConfig } = await import(pathToFileURL(join(ROOT, 'packages/cli/dist/index.js')).href);
  const corpus = loadCorpus();
  const inputs = [];
  for (let copy = 0; copy < size; copy++) {
    for (const file of corpus.files) inputs.push({ filePath: `copy-${copy}/${file.filePath}`, text: file.text });
  }
  const parse = (text) => parseAllDocuments(text, { lineCounter: new LineCounter() });
  return { corpus, inputs, parse, linter: new Linter(), configs: [{ plugins: builtinPlugins }, presetConfig('strict')] };
}

async function child(size) {
  const { corpus, inputs, parse: parseFile, linter, configs } = await setup(size);
  let documents = 0;
  const parseTimes = [];
  const lintTimes = [];
  const noSchemaTimes = [];
  // The same run without the schema plugin, to show what OpenAPI validation costs on its own.
  const withoutSchema = [...configs, { rules: { 'schema/valid': 'off', 'schema/deprecated-api': 'off', 'schema/unknown-kind': 'off' } }];
  let findings = 0;
  for (let run = 0; run < runs + 1; run++) {
    let start = performance.now();
    let count = 0;
    for (const input of inputs) count += parseFile(input.text).length ?? 1;
    const parse = performance.now() - start;
    start = performance.now();
    const results = linter.lint(inputs, configs);
    const lint = performance.now() - start;
    start = performance.now();
    linter.lint(inputs, withoutSchema);
    const noSchema = performance.now() - start;
    // The first run warms the JIT and loads lazy validators; it is not counted.
    if (run === 0) continue;
    documents = count;
    parseTimes.push(parse);
    lintTimes.push(lint);
    noSchemaTimes.push(noSchema);
    findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ corpus: corpus.name, files: inputs.length, documents, parse: median(parseTimes), lint: median(lintTimes), noSchema: median(noSchemaTimes), findings, rssMb }));
}

/** Peak RSS of one lint of the corpus at a size, alone in its process, next to one bare parse of it. */
async function rssChild(size, what) {
  const { inputs, parse, linter, configs } = await setup(size);
  if (what === 'parse') {
    // The floor keeps every document, as a linter that answers cross-file questions must keep something.
    const kept = inputs.map((input) => parse(input.text));
    process.stdout.write(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024, kept: kept.length }));
  } else {
    const results = linter.lint(inputs, configs);
    process.stdout.write(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024, results: results.length }));
  }
}

/** Rewrites the measured part of docs/performance.md between its markers. */
function writePerformancePage(lines) {
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
  console.log('\nwrote docs/performance.md');
}

function coldStart() {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bench-'));
  const file = join(dir, 'api.yaml');
  writeFileSync(file, readFileSync(join(ROOT, 'examples/ravelin-termination/fixed/api.yaml')));
  const time = (args) => {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - start;
  };
  const nodeTimes = [];
  const ourTimes = [];
  for (let run = 0; run < Math.max(runs, 5); run++) {
    nodeTimes.push(time(['-e', '0']));
    ourTimes.push(time([join(ROOT, 'packages/cli/bin/kubelore.js'), file]));
  }
  return { node: median(nodeTimes), kubelore: median(ourTimes) };
}

if (values.child) {
  await child(Number(values.child));
} else if (values.rss) {
  const [size, what] = values.rss.split(':');
  await rssChild(Number(size), what);
} else {
  const sizes = values.sizes.split(',').map(Number);
  const lines = [];
  const print = (line = '') => {
    console.log(line);
    lines.push(line);
  };
  const spawnChild = (args) => {
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, '--runs', String(runs), ...(values.corpus ? ['--corpus', values.corpus] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.status !== 0) {
      console.error(result.stderr);
      process.exit(1);
    }
    return JSON.parse(result.stdout);
  };
  print(`kubelore benchmark: all rules (strict preset), medians of ${runs} runs after one warm-up`);
  print();
  print('| size | files | documents | yaml parse ms | kubelore ms | ratio | docs/s | findings | peak RSS MB (parse only / kubelore) |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  let corpusName = '';
  const rows = [];
  for (const size of sizes) {
    const r = spawnChild(['--child', String(size)]);
    const parseRss = spawnChild(['--rss', `${size}:parse`]).rssMb;
    const lintRss = spawnChild(['--rss', `${size}:lint`]).rssMb;
    corpusName = r.corpus;
    rows.push(r);
    print(
      `| ${size}x | ${r.files} | ${r.documents} | ${r.parse.toFixed(0)} | ${r.lint.toFixed(0)} | ${(r.lint / r.parse).toFixed(2)} | ${Math.round((r.documents / r.lint) * 1000)} | ${r.findings} | ${parseRss.toFixed(0)} / ${lintRss.toFixed(0)} |`,
    );
  }
  print();
  print(`corpus: ${corpusName}`);
  print(`schema validation (the schema plugin) adds ${((rows[0].lint / rows[0].noSchema - 1) * 100).toFixed(0)}% to the lint time at 1x`);
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    print(`growth: ${(last.files / first.files).toFixed(1)}x the files took ${(last.lint / first.lint).toFixed(2)}x the time`);
  }
  const cold = coldStart();
  print(`cold start, one file: node -e 0 ${cold.node.toFixed(0)} ms, kubelore ${cold.kubelore.toFixed(0)} ms (ours: ${(cold.kubelore - cold.node).toFixed(0)} ms over Node)`);
  if (values.write) writePerformancePage(lines);
}
