import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/spread-replicas.js';
import { hpa, replicated, scaledObject } from './manifests.js';

const spread = 'topologySpreadConstraints:\n  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: api}}}';
const antiAffinity = `affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: topology.kubernetes.io/zone
          labelSelector: {matchLabels: {app: api}}`;
// The suggestion appends the constraint after the pod spec's last line.
const suggested = (code: string) =>
  `${code}      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: api\n`;
const MESSAGE =
  'Deployment "api" can run 3 replicas with no pod anti-affinity or topology spread constraint on kubernetes.io/hostname or topology.kubernetes.io/zone or failure-domain.beta.kubernetes.io/zone: only the scheduler\'s soft default spreading keeps them apart, and it gives way when nodes are short of room, so they can end up on one node whose failure is a full outage.';

new RuleTester().run('scheduling/spread-replicas', rule, {
  valid: [
    { name: 'one replica', code: replicated('Deployment', 1) },
    { name: 'a topology spread constraint on hostname', code: replicated('Deployment', 3, spread) },
    { name: 'preferred anti-affinity on zones', code: replicated('StatefulSet', 3, antiAffinity) },
    { name: 'DaemonSets are one per node already', code: workload('DaemonSet', '- name: a\n  image: x\n') },
    { name: 'Jobs and Pods are not replicated', code: workload('CronJob', '- name: a\n  image: x\n') },
    { name: 'default replicas and no HPA', code: workload('Deployment', '- name: a\n  image: x\n') },
    { name: 'three replicas declared but an HPA that keeps one', code: replicated('Deployment', 3) + hpa('api', 1, 'Deployment', 1) },
    { name: 'a KEDA ScaledObject with a maximum of one', code: replicated('Deployment', 2) + scaledObject('api', '  maxReplicaCount: 1\n') },
    { name: 'an HPA for another kind of the same name', code: workload('Deployment', '- name: a\n  image: x\n') + hpa('api', 1, 'StatefulSet') },
    { name: 'anti-affinity over every namespace counts', code: replicated('Deployment', 3, antiAffinity.replace('labelSelector:', 'namespaceSelector: {}\n          labelSelector:')) },
    { name: "anti-affinity listing the pod's own namespace counts", code: replicated('Deployment', 3, antiAffinity.replace('labelSelector:', 'namespaces: [other, default]\n          labelSelector:')) },
    { name: 'a namespace selector the input cannot judge counts', code: replicated('Deployment', 3, antiAffinity.replace('labelSelector:', 'namespaceSelector: {matchLabels: {team: a}}\n          labelSelector:')) },
    { name: 'matchLabelKeys add the pod\'s own values', code: replicated('Deployment', 3, spread.replace('labelSelector: {matchLabels: {app: api}}', 'labelSelector: {matchLabels: {app: api}}, matchLabelKeys: [pod-template-hash]')) },
  ],
  invalid: [
    {
      name: 'Deployment with 3 replicas',
      code: replicated('Deployment', 3),
      errors: [{ messageId: 'notSpread', message: MESSAGE, line: 12, column: 5, suggestions: [{ desc: 'Spread the replicas over nodes with a topology spread constraint', output: suggested(replicated('Deployment', 3)) }] }],
    },
    {
      name: 'one replica declared and an HPA from 1 to 10: it can run more than one',
      code: workload('Deployment', '- name: app\n  image: x\n') + hpa('api', 1),
      errors: [{ messageId: 'notSpread', data: { kind: 'Deployment', name: 'api', replicas: 10, scaling: ' (the maximum of HorizontalPodAutoscaler "api")', keys: 'kubernetes.io/hostname' }, line: 11, column: 5, suggestions: [{ desc: 'Spread the replicas over nodes with a topology spread constraint', output: suggested(workload('Deployment', '- name: app\n  image: x\n')) + hpa('api', 1) }] }],
      options: { topologyKeys: ['kubernetes.io/hostname'] },
    },
    {
      name: 'a KEDA ScaledObject without a maximum scales to 100',
      code: workload('Deployment', '- name: app\n  image: x\n') + scaledObject('api'),
      errors: [{ messageId: 'notSpread', data: { kind: 'Deployment', name: 'api', replicas: 100, scaling: ' (the maximum of ScaledObject "api")', keys: 'kubernetes.io/hostname' }, line: 11, column: 5, suggestions: [{ desc: 'Spread the replicas over nodes with a topology spread constraint', output: suggested(workload('Deployment', '- name: app\n  image: x\n')) + scaledObject('api') }] }],
      options: { topologyKeys: ['kubernetes.io/hostname'] },
    },
    {
      name: "a spread constraint whose selector misses the workload's own pods spreads nothing",
      code: replicated('Deployment', 3, spread.replace('{app: api}', '{app: web}')),
      errors: [
        {
          messageId: 'notOwnPods',
          message:
            'Deployment "api" spreads with a topology spread constraint on kubernetes.io/hostname that selects {matchLabels:{app:web}}, not the pod\'s own labels {app: api}: it does not count the replicas, so they can all land on one node.',
          line: 17,
          column: 96,
        },
      ],
    },
    {
      name: 'anti-affinity that counts only pods of other namespaces',
      code: replicated('Deployment', 3, antiAffinity.replace('labelSelector:', 'namespaces: [other]\n          labelSelector:')),
      errors: [{ messageId: 'notOwnPods', data: { kind: 'Deployment', name: 'api', term: 'preferred anti-affinity', key: 'topology.kubernetes.io/zone', why: 'counts pods of other namespaces only, not "default"' }, line: 20, column: 15 }],
    },
    {
      name: 'a namespace selector on metadata.name that names another namespace',
      code: replicated('Deployment', 3, antiAffinity.replace('labelSelector:', 'namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}\n          labelSelector:')),
      errors: [{ messageId: 'notOwnPods', line: 20, column: 15 }],
    },
    {
      name: 'StatefulSet spread on a key that is not in the option',
      code: replicated('StatefulSet', 2, spread.replace('kubernetes.io/hostname', 'example.com/rack')),
      errors: [{ messageId: 'notSpread', line: 16, column: 7 }],
    },
  ],
});
