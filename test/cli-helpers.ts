import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/kubelore.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with colours off. */
export function kubelore(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding the given files (paths relative to it). */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * A Deployment of one container with a port, a readiness probe and resources, and no preStop delay:
 * with a Service selecting it (or none in the input) `termination/prestop-delay` fires on it, at line 14
 * column 11 (15 with a namespace). `namedPort` names the port `http` and probes it by name; `afterImage`
 * is written right after the image (more container fields, their lines indented by 10).
 */
export function servedDeployment(name = 'api', options: { namespace?: string; namedPort?: boolean; afterImage?: string } = {}): string {
  const port = options.namedPort ? '{name: http, containerPort: 8080}' : '{containerPort: 8080}';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${options.namespace ? `  namespace: ${options.namespace}\n` : ''}spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ghcr.io/acme/${name}:1.0${options.afterImage ?? ''}
          ports: [${port}]
          readinessProbe: {httpGet: {path: /, port: ${options.namedPort ? 'http' : '8080'}}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 128Mi}
`;
}

export const SERVED_DEPLOYMENT = servedDeployment();

/** A StatefulSet whose headless Service is in HEADLESS_SERVICE: cross-file context fixtures. */
export const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16.4
          resources:
            requests: {cpu: 100m, memory: 256Mi}
            limits: {memory: 256Mi}
`;

export const HEADLESS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
`;
