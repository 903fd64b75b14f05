import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/spread-replicas.js';
import { hpa, replicated } from './manifests.js';

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
  'Deployment "api" runs 3 replicas with no pod anti-affinity or topology spread constraint on kubernetes.io/hostname or topology.kubernetes.io/zone or failure-domain.beta.kubernetes.io/zone: they can all land on one node, and that node\'s failure is a full outage.';

new RuleTester().run('scheduling/spread-replicas', rule, {
  valid: [
    { name: 'one replica', code: replicated('Deployment', 1) },
    { name: 'a topology spread constraint on hostname', code: replicated('Deployment', 3, spread) },
    { name: 'preferred anti-affinity on zones', code: replicated('StatefulSet', 3, antiAffinity) },
    { name: 'DaemonSets are one per node already', code: workload('DaemonSet', '- name: a\n  image: x\n') },
    { name: 'Jobs and Pods are not replicated', code: workload('CronJob', '- name: a\n  image: x\n') },
    { name: 'default replicas and no HPA', code: workload('Deployment', '- name: a\n  image: x\n') },
  ],
  invalid: [
    {
      name: 'Deployment with 3 replicas',
      code: replicated('Deployment', 3),
      errors: [{ messageId: 'notSpread', message: MESSAGE, line: 12, column: 5, suggestions: [{ desc: 'Spread the replicas over nodes with a topology spread constraint', output: suggested(replicated('Deployment', 3)) }] }],
    },
    {
      name: 'one replica declared but an HPA with minReplicas 2',
      code: workload('Deployment', '- name: app\n  image: x\n') + hpa('api', 2),
      errors: [{ messageId: 'notSpread', data: { kind: 'Deployment', name: 'api', replicas: 2, keys: 'kubernetes.io/hostname' }, line: 11, column: 5, suggestions: [{ desc: 'Spread the replicas over nodes with a topology spread constraint', output: suggested(workload('Deployment', '- name: app\n  image: x\n')) + hpa('api', 2) }] }],
      options: { topologyKeys: ['kubernetes.io/hostname'] },
    },
    {
      name: 'StatefulSet spread on a key that is not in the option',
      code: replicated('StatefulSet', 2, spread.replace('kubernetes.io/hostname', 'example.com/rack')),
      errors: [{ messageId: 'notSpread', line: 16, column: 7 }],
    },
  ],
});
