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
import { tmpdir } from 'node:os';
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

async function child(size) {
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
  const configs = [{ plugins: builtinPlugins }, presetConfig('strict')];
  const linter = new Linter();
  let documents = 0;
  const parseTimes = [];
  const lintTimes = [];
  let findings = 0;
  for (let run = 0; run < runs + 1; run++) {
    let start = performance.now();
    let count = 0;
    for (const input of inputs) count += parseAllDocuments(input.text, { lineCounter: new LineCounter() }).length ?? 1;
    const parse = performance.now() - start;
    start = performance.now();
    const results = linter.lint(inputs, configs);
    const lint = performance.now() - start;
    // The first run warms the JIT and loads lazy validators; it is not counted.
    if (run === 0) continue;
    documents = count;
    parseTimes.push(parse);
    lintTimes.push(lint);
    findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ corpus: corpus.name, files: inputs.length, documents, parse: median(parseTimes), lint: median(lintTimes), findings, rssMb }));
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
} else {
  const sizes = values.sizes.split(',').map(Number);
  console.log(`kubelore benchmark: all rules (strict preset), medians of ${runs} runs after one warm-up\n`);
  console.log('size  files  documents  yaml parse ms  kubelore ms  ratio  docs/s (kubelore)  findings  peak RSS MB');
  for (const size of sizes) {
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(size), '--runs', String(runs), ...(values.corpus ? ['--corpus', values.corpus] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.status !== 0) {
      console.error(result.stderr);
      process.exit(1);
    }
    const r = JSON.parse(result.stdout);
    if (size === sizes[0]) console.log(`corpus: ${r.corpus}`);
    console.log(
      `${`${size}x`.padEnd(6)}${String(r.files).padEnd(7)}${String(r.documents).padEnd(11)}${r.parse.toFixed(0).padEnd(15)}${r.lint.toFixed(0).padEnd(13)}${(r.lint / r.parse).toFixed(2).padEnd(7)}${Math.round((r.documents / r.lint) * 1000).toString().padEnd(19)}${String(r.findings).padEnd(10)}${r.rssMb.toFixed(0)}`,
    );
  }
  const cold = coldStart();
  console.log(`\ncold start, one file: node -e 0 ${cold.node.toFixed(0)} ms, kubelore ${cold.kubelore.toFixed(0)} ms (ours: ${(cold.kubelore - cold.node).toFixed(0)} ms over Node)`);
}
