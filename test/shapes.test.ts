// Every rule of the strict preset must read objects of the wrong shape without throwing (issue 17: a
// chainsaw assert with `volumes` as a mapping crashed dns/ndots). Starting from objects that use most
// of the fields rules read, each list and mapping is replaced, one at a time, by a mapping, a list, a
// string and null; no run may give a kubelore/rule-error finding.
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kubelore } from '../packages/cli/src/index.js';

const container = (name: string) => ({
  name,
  image: 'registry.example/app:1.0',
  command: ['/app', '--port=8080'],
  args: ['--upstream=http://api.shop.svc.cluster.local:80', '--db=db.example.com'],
  ports: [{ name: 'http', containerPort: 8080 }],
  env: [
    { name: 'API_URL', value: 'http://api.shop:80' },
    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
  ],
  envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds' } }],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
  livenessProbe: { tcpSocket: { port: 8080 } },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
  volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
  securityContext: { capabilities: { add: ['NET_ADMIN'] } },
});

const pod = {
  metadata: { labels: { app: 'api' }, annotations: { 'example.com/x': 'y' } },
  spec: {
    serviceAccountName: 'api',
    hostNetwork: true,
    dnsPolicy: 'ClusterFirstWithHostNet',
    dnsConfig: { options: [{ name: 'ndots', value: '2' }], searches: ['shop.svc.cluster.local'], nameservers: ['10.0.0.10'] },
    terminationGracePeriodSeconds: 30,
    nodeSelector: { 'kubernetes.io/hostname': 'node-1' },
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'api' } } }],
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] } } }],
      },
    },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } } }],
    tolerations: [{ operator: 'Exists' }],
    volumes: [
      { name: 'config', configMap: { name: 'settings', items: [{ key: 'a', path: 'a' }] } },
      { name: 'all', projected: { sources: [{ configMap: { name: 'settings' } }, { secret: { name: 'creds' } }] } },
      { name: 'secret', secret: { secretName: 'creds' } },
    ],
    initContainers: [{ ...container('init'), restartPolicy: 'Always' }],
    containers: [container('web')],
    imagePullSecrets: [{ name: 'pull' }],
  },
};

const objects: Record<string, unknown>[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } }, spec: { replicas: 3, selector: { matchLabels: { app: 'api' } }, strategy: { rollingUpdate: { maxUnavailable: 0 } }, template: pod } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], clusterIP: 'None' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: 'url: http://db.shop.svc:5432\npassword: hunter2hunter2' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, stringData: { password: 'c0rrect-h0rse-battery' }, data: { token: 'c2VjcmV0' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop' }, automountServiceAccountToken: false },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'shop' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] } } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 5 } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName: 'api', replicas: 2, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: '.:53 {\n  forward . /etc/resolv.conf\n}\n' } },
];

const REPLACEMENTS: unknown[] = [{ '(length(@)) > `0`': true }, ['x'], 'text', null];

/** Every path (as keys) to a list or a mapping inside `value`, parents first. */
function containerPaths(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return out;
  if (path.length > 0) out.push(path);
  for (const [key, child] of Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value)) containerPaths(child, [...path, key], out);
  return out;
}

function replaced(object: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(object) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

test('no rule throws on an object with a list or mapping of the wrong shape', async () => {
  const kubelore = new Kubelore({ cwd: tmpdir(), configLookup: false, preset: 'strict' });
  const baseline = objects.map((object) => stringify(object)).join('---\n');
  const clean = await kubelore.lintText(baseline, { filePath: 'shapes.yaml' });
  assert.equal(clean[0]!.messages.filter((m) => m.ruleId === 'kubelore/rule-error').map((m) => m.message), []);
  // The baseline must exercise the rules: most of them report something on it.
  const rules = new Set(clean[0]!.messages.map((m) => m.ruleId));
  assert.ok(rules.size >= 10, `the baseline reaches only ${rules.size} rules: ${[...rules].join(', ')}`);
  const errors: string[] = [];
  let runs = 0;
  for (const [position, object] of objects.entries()) {
    for (const path of containerPaths(object)) {
      for (const replacement of REPLACEMENTS) {
        const mutated = objects.map((other, at) => stringify(at === position ? replaced(other, path, replacement) : other)).join('---\n');
        const [result] = await kubelore.lintText(mutated, { filePath: 'shapes.yaml' });
        runs++;
        for (const message of result!.messages) {
          if (message.ruleId === 'kubelore/rule-error') errors.push(`${object.kind} ${path.join('.')} = ${JSON.stringify(replacement)}: ${message.message}`);
        }
      }
    }
  }
  assert.ok(runs > 500, `only ${runs} mutants`);
  assert.equal([...new Set(errors)], []);
});

test.run();
