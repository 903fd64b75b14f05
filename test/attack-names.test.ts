// Names that every JavaScript object answers to (`constructor`, `toString`, `hasOwnProperty`, `valueOf`,
// `__proto__`) are ordinary names in a manifest: kinds, API groups, labels, port names, namespaces. A
// look-up of one in a table of known names must not find Object.prototype's member: `kind: constructor`
// crashed the whole run (core's table of workload template paths), and `-f constructor` the command.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project } from './cli-helpers.js';

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; message: string }>;
}

function lint(dir: string, file: string, status: number): Array<[string | null, number, number, string]> {
  const run = kubelore(['--no-config-lookup', '-f', 'json', file], { cwd: dir });
  assert.not.match(run.stderr, /crashed|\n\s+at /, run.stderr);
  assert.is(run.status, status, run.stderr);
  return (JSON.parse(run.stdout) as Result[]).flatMap((result) => result.messages.map((m) => [m.ruleId, m.line, m.column, m.message] as [string | null, number, number, string]));
}

const KINDS = `apiVersion: v1
kind: constructor
metadata:
  name: a
---
apiVersion: toString/v1
kind: hasOwnProperty
metadata:
  name: b
  namespace: shop
spec:
  template:
    spec:
      containers: [{name: c, image: nginx:1.27}]
`;

test('kinds and API groups named like members of every object are unknown kinds, and the run goes on', () => {
  // Warnings only: exit status 0.
  assert.equal(lint(project({ 'names.yaml': KINDS }), 'names.yaml', 0), [
    ['schema/unknown-kind', 2, 7, 'Kubernetes has no kind `constructor` in `v1`.'],
    ['schema/unknown-kind', 7, 7, 'Kubernetes has no kind `hasOwnProperty` in `toString/v1`.'],
  ]);
});

const service = (name: string, selector: string, targetPort: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: toString
spec:
  selector: ${selector}
  ports: [{port: 80, targetPort: ${targetPort}}]
`;

const LABELS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: constructor
  namespace: toString
spec:
  replicas: 1
  selector:
    matchLabels: {constructor: x, toString: z}
  template:
    metadata:
      labels: {constructor: x, toString: z}
    spec:
      containers:
        - name: constructor
          image: nginx:1.27
          ports: [{name: valueOf, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /, port: valueOf}}
          lifecycle: {preStop: {sleep: {seconds: 5}}}
          resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}
---
${service('hasOwnProperty', '{constructor: x, toString: z}', 'valueOf')}---
${service('valueOf', '{constructor: x, valueOf: z}', 'toString')}`;

test('labels, names and ports named like members of every object select and match as any other', () => {
  assert.equal(lint(project({ 'labels.yaml': LABELS }), 'labels.yaml', 1), [
    [
      'references/service-selector',
      37,
      3,
      'Service "valueOf" selects {constructor: x, valueOf: z} but no pod template applied with it in namespace "toString" has those labels (closest: {constructor: x, toString: z}): the Service would have no endpoints.',
    ],
  ]);
});

test('-f constructor is an unknown format, not a crash', () => {
  const run = kubelore(['--no-config-lookup', '-f', 'constructor', 'names.yaml'], { cwd: project({ 'names.yaml': KINDS }) });
  assert.is(run.status, 2);
  assert.match(run.stderr, /^kubelore: Unknown format "constructor": use stylish, json, sarif/);
  assert.not.match(run.stderr, /crashed/);
});

test.run();
