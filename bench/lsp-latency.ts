// Measures the language server as an editor sees it, with the tests' real LSP client over stdio:
// 1. the index build time for a folder (default ../shared/corpus; the server logs it);
// 2. the time from an edit of a 300-line manifest to its diagnostics, in a workspace of 2,000 files
//    copied from the corpus into a temporary folder (after the initial index).
//
//   node --import tsx bench/lsp-latency.ts [corpus] [--edits N] [--debounce MS] [--cpu-prof DIR] [--unmatched]   (or: pnpm run bench:lsp)
//
// --cpu-prof DIR writes a V8 CPU profile of the 2,000-file workspace's server into DIR (open it in Chrome's
// DevTools or `node --cpu-prof`'s usual viewers) to see where an edit's time goes. --unmatched gives the
// probe's Service a selector that matches nothing (a typo mid-edit), which asks for the closest label sets.
//
// Run `pnpm run build` first (the server runs from dist/). Prints the machine's load before and after.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient, workspace } from '../packages/language-server/test/client.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
// The corpus beside the repository (../shared/corpus), or beside the folder holding it (a git worktree).
const repository = join(here, '..');
const given = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
const corpus = resolve(given ?? [join(repository, '../shared/corpus'), join(repository, '../../shared/corpus')].find((path) => existsSync(path)) ?? join(repository, '../shared/corpus'));
const edits = option('--edits', 30);
const debounceMs = option('--debounce', 50);
const WORKSPACE_FILES = 2000;
const profileAt = args.indexOf('--cpu-prof');
const profileDir = profileAt === -1 ? undefined : resolve(args[profileAt + 1]!);
const serviceApp = args.includes('--unmatched') ? 'latency-prob' : 'latency-probe';

function manifestsUnder(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) manifestsUnder(path, out);
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(path);
  }
  return out.sort();
}

/** A 300-line manifest: a Deployment, its Service and a ConfigMap whose data fills the rest. */
function manifest300(replicas: number): string {
  const head = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: latency-probe
  namespace: probe
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: latency-probe}
  template:
    metadata:
      labels: {app: latency-probe}
    spec:
      containers:
        - name: app
          image: registry.example/app:1.0
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
---
apiVersion: v1
kind: Service
metadata:
  name: latency-probe
  namespace: probe
spec:
  selector: {app: ${serviceApp}}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: latency-probe
  namespace: probe
data:
`;
  const lines = head.split('\n').length - 1;
  let body = '';
  for (let line = lines; line < 300; line++) body += `  key-${line}: "value ${line}"\n`;
  return head + body;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

/** CPU time a process has used, in ms (Linux: utime + stime of /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function indexTime(root: string): Promise<{ files: number; ms: number; wall: number }> {
  const started = performance.now();
  const client = await TestClient.start({ root, settings: { debounceMs } });
  try {
    for (;;) {
      const line = client.logs.map((log) => /^kubelore: indexed (\d+) files in (\d+) ms/.exec(log)).find(Boolean);
      if (line) return { files: Number(line[1]), ms: Number(line[2]), wall: Math.round(performance.now() - started) };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.stop();
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average before: ${load()}`);

const corpusFiles = manifestsUnder(corpus);
const corpusIndex = await indexTime(corpus);
console.log(`index of ${relative(process.cwd(), corpus) || corpus}: ${corpusIndex.files} files in ${corpusIndex.ms} ms (server's count; ${corpusIndex.wall} ms from spawn to index ready)`);

// The 2,000-file workspace: copies of the corpus files under copy-N/ (their own folders kept), and the probe.
const folder = workspace({});
try {
  let copied = 0;
  for (let round = 0; copied < WORKSPACE_FILES - 1; round++) {
    for (const file of corpusFiles) {
      if (copied >= WORKSPACE_FILES - 1) break;
      const target = join(folder.root, `copy-${round}`, relative(corpus, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      copied++;
    }
  }
  const probePath = 'probe/app.yaml';
  folder.write(probePath, manifest300(2));
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const client = await TestClient.start({ root: folder.root, settings: { debounceMs }, nodeArgs });
  try {
    const uri = folder.uri(probePath);
    const opened = client.diagnostics(uri, undefined, 120_000);
    const openStarted = performance.now();
    await client.open(uri, manifest300(2));
    const first = await opened;
    const firstMs = performance.now() - openStarted;
    const indexLine = client.logs.find((log) => log.includes('indexed'));
    console.log(`workspace: ${indexLine?.replace('kubelore: ', '')}; first diagnostics ${Math.round(firstMs)} ms after open (index included), ${first.diagnostics.length} findings`);
    const times: number[] = [];
    const cpuBefore = cpuMs(client.child.pid);
    for (let edit = 0; edit < edits; edit++) {
      const text = manifest300(3 + (edit % 5));
      const version = edit + 2;
      const published = client.diagnostics(uri, (params) => params.version === version, 60_000);
      const started = performance.now();
      await client.change(uri, text);
      await published;
      times.push(performance.now() - started);
      // Quiet between edits, as between a typist's bursts: each edit is its own lint.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const cpuAfter = cpuMs(client.child.pid);
    const round = (value: number) => Math.round(value);
    if (cpuBefore !== undefined && cpuAfter !== undefined) console.log(`server CPU time per edit (lint, diagnostics and the JSON-RPC around them; what a machine of its own would take): ${round((cpuAfter - cpuBefore) / edits)} ms`);
    console.log(`edit → diagnostics (${edits} edits, 300-line manifest${serviceApp === 'latency-probe' ? '' : ', its Service selecting nothing'}, ${WORKSPACE_FILES} files, debounce ${debounceMs} ms): median ${round(median(times))} ms, p90 ${round(percentile(times, 90))} ms, max ${round(Math.max(...times))} ms (an edit after quiet is linted at once; the debounce holds back the rest of a burst)`);
  } finally {
    await client.stop();
  }
} finally {
  folder.remove();
}
console.log(`load average after: ${load()}`);
