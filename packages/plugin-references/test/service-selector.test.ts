import { Linter } from '@kubelore/core';
import { RuleTester, workload } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/service-selector.js';

const web = workload('Deployment', '- name: web\n  image: x\n  ports:\n    - {name: http, containerPort: 8080}\n');
const dns = workload('Deployment', '- name: dns\n  image: x\n  ports:\n    - {name: dns, containerPort: 53, protocol: UDP}\n');
const service = (selector: string, ports = '[{port: 80, targetPort: http}]', extra = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
${extra}  selector: ${selector}
  ports: ${ports}
`;
// A manager whose pods serve several roles: one Service selects them all, the others select role labels
// that the manager adds to some of its pods at run time.
const manager = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: manager}
spec:
  selector: {matchLabels: {app: manager}}
  template:
    metadata: {labels: {app: manager}}
    spec:
      containers:
        - name: manager
          image: x
          ports: [{name: api, containerPort: 9500}, {name: admission-wh, containerPort: 9502}]
---
apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector: {app: manager}
  ports: [{port: 9500, targetPort: api}]
`;
const roleService = (selector: string) => `---
apiVersion: v1
kind: Service
metadata: {name: admission}
spec:
  selector: ${selector}
  ports: [{port: 9502, targetPort: admission-wh}]
`;
// roleService's selector is at line 25.

// The Service starts after the Deployment's 16 lines: its selector is at line 23, its ports at 24.

// kubebuilder's layout (kueue): the manager's base and an overlay whose `labels` write the selector labels.
const metricsService = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: controller-manager-metrics-service\n  namespace: system\nspec:\n  selector: {control-plane: controller-manager}\n  ports: [{port: 8443, targetPort: 8443}]\n';
const unlabeledManager = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller-manager, namespace: system}\nspec:\n  template:\n    spec:\n      containers: [{name: manager, image: x, ports: [{containerPort: 8443}]}]\n';
const overlay = (labels: string) => ({
  'config/components/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
  'config/components/manager/manager.yaml': unlabeledManager,
  'config/default/kustomization.yaml': `namespace: kueue-system\nlabels:\n${labels}resources:\n- ../components/manager\n- metrics_service.yaml\n`,
});

new RuleTester().run('references/service-selector', rule, {
  valid: [
    {
      name: 'labels a kustomization writes as it builds (`includeSelectors`) are on the applied pods and Service',
      code: metricsService,
      filename: 'config/default/metrics_service.yaml',
      files: overlay('  - pairs: {control-plane: controller-manager}\n    includeSelectors: true\n'),
    },
    {
      name: 'likewise `includeTemplates`, which writes the labels on the pods only',
      code: metricsService,
      filename: 'config/default/metrics_service.yaml',
      files: overlay('  - pairs: {control-plane: controller-manager}\n    includeTemplates: true\n'),
    },
    { name: 'selects the Deployment by label, named port declared', code: web + service('{app: api}') },
    { name: 'a numbered targetPort the container declares', code: web + service('{app: api}', '[{port: 80, targetPort: 8080}]') },
    { name: 'a numbered targetPort with containers that declare no ports', code: workload('Pod', '- name: web\n  image: x\n') + service('{app: api}', '[{port: 80, targetPort: 9000}]') },
    {
      name: "a Job's pods carry its job-name label",
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:\n  template:\n    spec: {restartPolicy: Never, containers: [{name: t, image: x}]}\n' + service('{job-name: train}', '[{port: 80}]'),
    },
    {
      name: 'a StatefulSet numbers its pods: a Service may select one by pod-name',
      code: workload('StatefulSet', '- name: web\n  image: x\n') + service('{app: api, statefulset.kubernetes.io/pod-name: api-2}', '[{port: 80}]'),
    },
    {
      name: "a CronJob's pods carry its runs' job-name",
      code: workload('CronJob', '- name: web\n  image: x\n') + service('{job-name: api-28467120}', '[{port: 80}]'),
    },
    { name: 'a workload written without a pod spec still shows its labels', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frag}\nspec:\n  template:\n    metadata: {labels: {app: frag}}\n---\n' + web + service('{app: frag}', '[{port: 80}]') },
    { name: 'custom resources in the namespace may create the pods', code: web + service('{app: cluster-a}') + '---\napiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: cluster-a}\n' },
    { name: 'no selector: endpoints managed by hand', code: service('{}') },
    { name: 'role labels a manager adds at run time: another Service selects its pods, this one targets its named port', code: manager + roleService('{example.io/admission-webhook: admission}') },
    { name: 'no workload of the namespace in the input: deployed elsewhere', code: service('{app: nothing}') },
    { name: 'a numbered targetPort no container declares reaches the pod all the same', code: web + service('{app: api}', '[{port: 80, targetPort: 9000}]') },
    { name: 'targetPort 0 means the same as port', code: web + service('{app: api}', '[{port: 8080, targetPort: 0}]'), options: { reportUndeclaredPorts: true } },
    { name: 'strict: a declared number', code: web + service('{app: api}', '[{port: 80, targetPort: 8080}]'), options: { reportUndeclaredPorts: true } },
    {
      name: 'a named port of a native sidecar resolves',
      code: workload('Deployment', '- name: web\n  image: x\n', 'initContainers:\n  - {name: proxy, image: y, restartPolicy: Always, ports: [{name: https, containerPort: 8443}]}') + service('{app: api}', '[{port: 443, targetPort: https}]'),
    },
    { name: 'a named UDP port targeted over UDP', code: dns + service('{app: api}', '[{port: 53, targetPort: dns, protocol: UDP}]') },
    {
      name: 'a custom resource that embeds a pod spec may create the pods',
      code: web + service('{app: sets}') + '---\napiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: sets}\nspec:\n  template:\n    metadata: {labels: {app: sets}}\n    spec: {containers: [{name: c, image: x}]}\n',
    },
    {
      name: 'kinds named in podCreatingKinds may create the pods',
      code: web + service('{app: widget}') + '---\napiVersion: acme.io/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n',
      options: { podCreatingKinds: ['acme.io/Widget'] },
    },
    {
      name: 'pods of another namespace that does not name itself: the Service\'s namespace is deployed elsewhere',
      code: web + service('{app: api}').replace('name: api\nspec', 'name: api\n  namespace: web\nspec'),
    },
    { name: 'ExternalName', code: web + service('{app: other}', '[{port: 80}]', '  type: ExternalName\n  externalName: db.example.com\n') },
  ],
  invalid: [
    {
      name: 'labels a kustomization writes on metadata only (no includeSelectors or includeTemplates) do not reach the pods',
      code: metricsService,
      filename: 'config/default/metrics_service.yaml',
      files: overlay('  - pairs: {control-plane: controller-manager}\n'),
      errors: [{ messageId: 'noPods', data: { name: 'controller-manager-metrics-service', selector: '{control-plane: controller-manager}', namespace: 'system', closest: '' }, line: 7, column: 3 }],
    },
    {
      name: 'strict asks to confirm role labels added at run time',
      code: manager + roleService('{example.io/admission-webhook: admission}'),
      options: { reportRuntimeLabels: true },
      errors: [
        {
          messageId: 'runtimeLabels',
          message:
            'Service "admission" selects {example.io/admission-webhook: admission}, which no pod template applied with it has, and targets ports that DaemonSet manager declares: those labels are probably added at run time (by the pods or their manager), which this configuration asks to confirm (option reportRuntimeLabels, on in strict). If nothing adds them, the Service has no endpoints.',
          line: 25,
          column: 3,
        },
      ],
    },
    {
      name: 'a selector one edit from a label key of the workload is a typo, not a run-time label',
      code: manager + roleService('{ap: manager}'),
      errors: [{ messageId: 'noPods', data: { name: 'admission', selector: '{ap: manager}', namespace: 'default', closest: ' (closest: {app: manager})' }, line: 25, column: 3 }],
    },
    {
      name: 'a selector that reuses a label value of the workload under another key is a mistake',
      code: manager + roleService('{app.kubernetes.io/name: manager}'),
      errors: [{ messageId: 'noPods', data: { name: 'admission', selector: '{app.kubernetes.io/name: manager}', namespace: 'default', closest: '' }, line: 25, column: 3 }],
    },
    {
      name: 'a workload that no other Service selects: the only Service missing it is wrong',
      code: manager.replace('selector: {app: manager}\n  ports: [{port: 9500', 'selector: {app: other}\n  ports: [{port: 9500') + roleService('{example.io/admission-webhook: admission}'),
      errors: [
        { messageId: 'noPods', line: 18, column: 3 },
        { messageId: 'noPods', data: { name: 'admission', selector: '{example.io/admission-webhook: admission}', namespace: 'default', closest: '' }, line: 25, column: 3 },
      ],
    },
    {
      name: 'a selector that matches nothing, with the closest label sets',
      code: web + service('{app: api, tier: backend}'),
      errors: [
        {
          messageId: 'noPods',
          message:
            'Service "api" selects {app: api, tier: backend} but no pod template applied with it in namespace "default" has those labels (closest: {app: api}): the Service would have no endpoints.',
          line: 23,
          column: 3,
        },
      ],
    },
    {
      name: 'a pod in another namespace does not count',
      code: web + service('{app: api}').replace('name: api\nspec', 'name: api\n  namespace: other\nspec') + workload('Pod', '- name: x\n  image: x\n').replace(/^/, '---\n').replace('name: api\n  labels: {app: api}', 'name: p\n  namespace: other\n  labels: {app: db}'),
      errors: [{ messageId: 'noPods', data: { name: 'api', selector: '{app: api}', namespace: 'other', closest: '' }, line: 24, column: 3 }],
    },
    {
      name: 'a named targetPort no container declares',
      code: web + service('{app: api}', '[{port: 80, targetPort: web}]'),
      errors: [{ messageId: 'namedPort', message: 'Service "api" targets port "web" but no container it selects declares a port of that name: the port has no endpoints.', line: 24, column: 34 }],
    },
    {
      name: 'strict: a numbered port no container declares; port alone stands for targetPort',
      code: web + service('{app: api}', '[{port: 80}]'),
      options: { reportUndeclaredPorts: true },
      errors: [
        {
          messageId: 'undeclaredPort',
          message:
            'Service "api" targets port 80, which no container it selects declares (they declare 8080): traffic is sent there whether or not it is declared, so make sure the process listens on 80, and declare it.',
          line: 24,
          column: 18,
        },
      ],
    },
    { name: 'strict: targetPort 0 stands for port', code: web + service('{app: api}', '[{port: 81, targetPort: 0}]'), options: { reportUndeclaredPorts: true }, errors: [{ messageId: 'undeclaredPort', line: 24, column: 18 }] },
    {
      name: 'a named port of a plain init container does not resolve: it has exited',
      code: workload('Deployment', '- name: web\n  image: x\n', 'initContainers:\n  - {name: migrate, image: y, ports: [{name: https, containerPort: 8443}]}') + service('{app: api}', '[{port: 443, targetPort: https}]'),
      errors: [{ messageId: 'namedPort', line: 24, column: 35 }],
    },
    {
      name: 'a named UDP port targeted over TCP, the default',
      code: dns + service('{app: api}', '[{port: 53, targetPort: dns}]'),
      errors: [
        {
          messageId: 'namedPortProtocol',
          message: 'Service "api" targets port "dns" over TCP, but the containers it selects declare "dns" only for UDP: a named port resolves by name and protocol, so the port has no endpoints.',
          line: 24,
          column: 34,
        },
      ],
    },
    {
      name: 'a ServiceMonitor creates no pods: it does not excuse a selector that matches nothing',
      code: web + service('{app: apii}') + '---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: api}\nspec: {selector: {matchLabels: {app: apii}}, endpoints: [{port: http}]}\n',
      errors: [{ messageId: 'noPods', data: { name: 'api', selector: '{app: apii}', namespace: 'default', closest: ' (closest: {app: api})' }, line: 23, column: 3 }],
    },
    {
      name: 'the closest label sets include values one typo away',
      code: web + service('{app: apj, tier: web}'),
      errors: [{ messageId: 'noPods', data: { name: 'api', selector: '{app: apj, tier: web}', namespace: 'default', closest: ' (closest: {app: api})' }, line: 23, column: 3 }],
    },
    {
      name: "another StatefulSet's pod-name is not this one's",
      code: workload('StatefulSet', '- name: web\n  image: x\n') + service('{app: api, statefulset.kubernetes.io/pod-name: db-0}', '[{port: 80}]'),
      errors: [{ messageId: 'noPods', line: 21, column: 3 }],
    },
    {
      name: 'both name their namespace: the pods are in another one',
      code:
        web.replace('name: api\nspec', 'name: api\n  namespace: backend\nspec') +
        service('{app: api}').replace('name: api\nspec', 'name: api\n  namespace: frontend\nspec'),
      errors: [
        {
          messageId: 'otherNamespace',
          message:
            'Service "api" in namespace "frontend" selects {app: api}, which only pods in namespace "backend" have: a Service selects pods of its own namespace only, so it would have no endpoints.',
          line: 25,
          column: 3,
        },
      ],
    },
  ],
});

const servicePlugin = { meta: { name: 'references' }, rules: { 'service-selector': rule } };
const lintFiles = (files: Record<string, string>) =>
  new Linter().lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    [{ plugins: { references: servicePlugin }, rules: { 'references/service-selector': 'error' } }],
  );

test('the Service in one file and its Deployment in another: resolved across files', () => {
  const results = lintFiles({ 'k8s/deployment.yaml': web, 'k8s/service.yaml': service('{app: api}').replace(/^---\n/, '') });
  assert.equal(results.map((result) => result.messages.length), [0, 0]);
  const broken = lintFiles({ 'k8s/deployment.yaml': web, 'k8s/service.yaml': service('{app: apii}').replace(/^---\n/, '') });
  assert.equal(broken[1]!.messages.map((m) => `${m.line}:${m.column} ${m.messageId}`), ['6:3 noPods']);
});

test('pods of another folder are not applied with the Service: they neither satisfy nor break it', () => {
  const apart = lintFiles({ 'app/deployment.yaml': web, 'other/service.yaml': service('{app: api}').replace(/^---\n/, '') });
  assert.equal(apart.map((result) => result.messages.length), [0, 0], 'no workload applied with the Service: deployed elsewhere');
  const elsewhere = lintFiles({
    'app/deployment.yaml': web,
    'other/service.yaml': service('{app: api}').replace(/^---\n/, ''),
    'other/worker.yaml': web.replace(/app: api/g, 'app: worker').replace('name: api', 'name: worker'),
  });
  assert.equal(elsewhere[1]!.messages.map((m) => `${m.line}:${m.column} ${m.messageId}`), ['6:3 noPods'], 'the matching pods are in a folder applied apart');
  const kustomized = lintFiles({
    'base/deployment.yaml': web,
    'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n',
    'overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base, service.yaml]\n',
    'overlay/service.yaml': service('{app: api}', '[{port: 80, targetPort: web}]').replace(/^---\n/, ''),
  });
  assert.equal(kustomized[3]!.messages.map((m) => `${m.line}:${m.column} ${m.messageId}`), ['7:34 namedPort'], 'a Kustomization applies its base with it');
});

test('objects inside a List are resolved like any other', () => {
  const list = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata: {labels: {app: api}}
        spec: {containers: [{name: api, image: x, ports: [{name: http, containerPort: 8080}]}]}
  - apiVersion: v1
    kind: Service
    metadata: {name: api}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: http}]
`;
  const [result] = lintFiles({ 'list.yaml': list });
  assert.equal(result!.messages.map((m) => `${m.line}:${m.column} ${m.messageId} ${m.path}`), ['16:7 noPods /items/1/spec/selector']);
});

test('the closest label sets: the best three distinct sets by score, then labels, on 500 seeded random namespaces', () => {
  let seed = 11;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  const keys = ['app', 'ap', 'tier', 'tie', 'role'];
  const values = ['web', 'wb', 'api', 'apj', 'db', 'x'];
  // The score of the rule's definition: 2 for the pair, 1 for its value or key one typo away (the two
  // share a string one character shorter, or are the same).
  const shorter = (text: string) => new Set([text, ...[...text].map((_, i) => text.slice(0, i) + text.slice(i + 1))]);
  const near = (a: string, b: string) => [...shorter(a)].some((variant) => shorter(b).has(variant));
  const score = (labels: Record<string, string>, key: string, value: string) => {
    if (labels[key] === value) return 2;
    if (labels[key] !== undefined && near(labels[key]!, value)) return 1;
    return Object.entries(labels).some(([other, theirs]) => theirs === value && near(other, key)) ? 1 : 0;
  };
  let withClosest = 0;
  for (let round = 0; round < 500; round++) {
    const pods = Array.from({ length: 1 + random(12) }, () => Object.fromEntries(Array.from({ length: 1 + random(3) }, () => [keys[random(5)]!, values[random(6)]!])));
    const selector = Object.fromEntries(Array.from({ length: 2 }, () => [keys[random(5)]!, values[random(6)]!]));
    if (pods.some((labels) => Object.entries(selector).every(([key, value]) => labels[key] === value))) continue;
    const described = (labels: Record<string, string>) => `{${Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ')}}`;
    const best = new Map<string, number>();
    for (const labels of pods) {
      const total = Object.entries(selector).reduce((sum, [key, value]) => sum + score(labels, key, value), 0);
      if (total > 0) best.set(described(labels), Math.max(best.get(described(labels)) ?? 0, total));
    }
    const expected = [...best].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).slice(0, 3).map(([labels]) => labels);
    if (expected.length > 0) withClosest++;
    const deployment = (labels: Record<string, string>, i: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  selector: {matchLabels: ${JSON.stringify(labels)}}\n  template:\n    metadata: {labels: ${JSON.stringify(labels)}}\n    spec: {containers: [{name: c, image: x}]}\n`;
    const text = [...pods.map(deployment), `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: ${JSON.stringify(selector)}\n  ports: [{port: 80, targetPort: 8080}]\n`].join('---\n');
    const messages = lintFiles({ 'all.yaml': text })[0]!.messages.map((m) => m.message);
    const closest = expected.length > 0 ? ` (closest: ${expected.join(', ')})` : '';
    assert.equal(messages, [`Service "s" selects ${described(selector)} but no pod template applied with it in namespace "default" has those labels${closest}: the Service would have no endpoints.`], text);
  }
  assert.ok(withClosest > 200, String(withClosest));
});

test.run();
