#!/usr/bin/env node
// Scaling in the number of objects (issue 23): generated inputs of N objects, linted by cold processes
// of the real CLI, with the time per object printed so that growth faster than linear shows.
//
//   node bench/scale.mjs [--sizes 1000,2000,4000,8000] [--runs 3] [--shapes files,one-file,pairs,ns-object,unmatched,no-ns,named]
//                        [--cli packages/cli/bin/kubelore.js] [--preset recommended] [--keep]
//
// Each application is six objects of one namespace (`shop`, see `application`), labelled as Helm charts
// label them (`app.kubernetes.io/instance` on every pod, Services selecting name and instance), so every
// cross-object rule has work. Shapes:
//   files      one folder, one file per application (`kubectl apply -f dir`)
//   one-file   one file of every object, as `helm template` of a large chart writes
//   no-ns      like files, without namespaces (the default namespace)
//   ns-object  one folder, a file per workload and its Service, each file also defining the Namespace
//              (a common habit: every file applies alone)
//   named      like files, every file named on the command line (as pre-commit passes them)
//   pairs      one file of workloads and their Services only (two objects per application): the most
//              Services for the number of objects
//   unmatched  like files, every Service's selector one typo away from its pods' labels
// A size is the number of objects (rounded to whole applications). CPU time and peak RSS come from
// bench/rusage.cjs preloaded into each process; the figures are medians of --runs cold processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,2000,4000,8000' },
    runs: { type: 'string', default: '3' },
    shapes: { type: 'string', default: 'files,one-file,pairs,ns-object,unmatched' },
    cli: { type: 'string', default: 'packages/cli/bin/kubelore.js' },
    preset: { type: 'string', default: 'recommended' },
    keep: { type: 'boolean', default: false },
  },
});
const CLI = resolve(ROOT, values.cli);
const RUSAGE = join(ROOT, 'bench/rusage.cjs');

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The objects of application `i`, as YAML documents: a ConfigMap, a ServiceAccount, the workload (a
 * Deployment, every other one a StatefulSet with a headless Service), the Service selecting its pods, a
 * PodDisruptionBudget and a HorizontalPodAutoscaler. Every cross-object question has an answer in the
 * input: the Service has pods, the pod's account, config and budget exist.
 */
function application(i, namespace, unmatched = false) {
  const name = `app-${i}`;
  const ns = namespace ? `\n  namespace: ${namespace}` : '';
  const stateful = i % 2 === 1;
  const kind = stateful ? 'StatefulSet' : 'Deployment';
  return [
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config${ns}
data:
  LOG_LEVEL: info
  config.yaml: |
    listen: 8080
`,
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}${ns}
`,
    `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}${ns}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/instance: shop
spec:
  replicas: 2${stateful ? `\n  serviceName: ${name}` : ''}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
      app.kubernetes.io/instance: shop
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/instance: shop
    spec:
      serviceAccountName: ${name}
      containers:
        - name: web
          image: registry.example.com/${name}:1.0.${i}
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${name}-config
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 128Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          volumeMounts:
            - name: config
              mountPath: /etc/app
      volumes:
        - name: config
          configMap:
            name: ${name}-config
`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns}
spec:${stateful ? '\n  clusterIP: None' : ''}
  selector:
    app.kubernetes.io/name: ${unmatched ? `${name}-typo` : name}
    app.kubernetes.io/instance: shop
  ports:
    - name: http
      port: 80
      targetPort: http
`,
    `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
      app.kubernetes.io/instance: shop
`,
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${name}
  minReplicas: 2
  maxReplicas: 4
`,
  ];
}

const PER_APPLICATION = application(0).length;

/** Writes the input of `objects` objects in `shape` into a new folder; returns the folder. */
function generate(shape, objects) {
  const dir = mkdtempSync(join(tmpdir(), `kubelore-scale-${shape}-${objects}-`));
  const input = join(dir, 'manifests');
  mkdirSync(input);
  const namespace = shape === 'no-ns' ? undefined : 'shop';
  if (shape === 'ns-object') {
    // The Namespace, the workload and its Service.
    const files = Math.round(objects / 3);
    const head = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n`;
    for (let i = 0; i < files; i++) writeFileSync(join(input, `app-${i}.yaml`), [head, ...application(i, namespace).slice(2, 4)].join('---\n'));
    return { dir, input, objects: files * 3 };
  }
  if (shape === 'pairs') {
    const apps = Math.round(objects / 2);
    const documents = [];
    for (let i = 0; i < apps; i++) documents.push(...application(i, namespace).slice(2, 4));
    writeFileSync(join(input, 'all.yaml'), documents.map((d) => `---\n${d}`).join(''));
    return { dir, input, objects: apps * 2 };
  }
  const apps = Math.round(objects / PER_APPLICATION);
  if (shape === 'one-file') {
    const documents = [];
    for (let i = 0; i < apps; i++) documents.push(...application(i, namespace));
    writeFileSync(join(input, 'all.yaml'), documents.map((d) => `---\n${d}`).join(''));
  } else {
    for (let i = 0; i < apps; i++) writeFileSync(join(input, `app-${i}.yaml`), application(i, namespace, shape === 'unmatched').join('---\n'));
  }
  return { dir, input, objects: apps * PER_APPLICATION };
}

/** One cold process of the CLI over `input`: wall ms, CPU ms, peak RSS MB, and the report's size. */
function measure(input, out, shape) {
  const usageFile = join(tmpdir(), `kubelore-scale-rusage-${process.pid}.json`);
  const args = ['--require', RUSAGE, CLI, '--no-config-lookup', '--preset', values.preset, '--format', 'json', '-o', out, ...(shape === 'named' ? readdirSync(input).sort().map((name) => join(input, name)) : [input])];
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_RUSAGE: usageFile } });
  const wallMs = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageFile);
  return { wallMs, ...usage };
}

console.log(`${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${values.runs} cold runs each, medians; --preset ${values.preset}`);
console.log('shape\tobjects\twall ms\tCPU ms\twall µs/object\tCPU µs/object\tpeak RSS MB\tmessages');
for (const shape of values.shapes.split(',')) {
  for (const size of values.sizes.split(',').map(Number)) {
    const { dir, input, objects } = generate(shape, size);
    const out = join(dir, 'out.json');
    const runs = Array.from({ length: Number(values.runs) }, () => measure(input, out, shape));
    const messages = JSON.parse(readFileSync(out, 'utf8')).reduce((sum, file) => sum + file.messages.length, 0);
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = median(runs.map((r) => r.rssMb));
    console.log(`${shape}\t${objects}\t${Math.round(wall)}\t${Math.round(cpu)}\t${Math.round((wall * 1000) / objects)}\t${Math.round((cpu * 1000) / objects)}\t${Math.round(rss)}\t${messages}`);
    if (values.keep) console.log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true });
  }
}
console.log(`load after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
