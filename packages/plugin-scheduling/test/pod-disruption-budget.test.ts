import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/pod-disruption-budget.js';
import { hpa, pdb, replicated, scaledObject } from './manifests.js';

new RuleTester().run('scheduling/pod-disruption-budget', rule, {
  valid: [
    { name: 'covered by a budget', code: replicated('Deployment', 3) + pdb('  maxUnavailable: 1') },
    { name: 'a single replica', code: replicated('Deployment', 1) },
    { name: 'an HPA that keeps one replica', code: replicated('Deployment', 3) + hpa('api', 1, 'Deployment', 1) },
    { name: 'a DaemonSet', code: workload('DaemonSet', '- name: a\n  image: x\n') },
  ],
  invalid: [
    {
      name: 'Deployment with 3 replicas and no budget',
      code: replicated('Deployment', 3),
      errors: [{ messageId: 'missing', message: 'Deployment "api" can run 3 replicas and no PodDisruptionBudget in the linted files selects its pods: a drain can evict them all at once.', line: 6, column: 13 }],
    },
    { name: 'a budget selecting other pods', code: replicated('StatefulSet', 2) + pdb('  maxUnavailable: 1').replace('{app: api}', '{app: web}'), errors: [{ messageId: 'missing', line: 6, column: 13 }] },
    {
      name: "replicas from an HPA's maximum; reported at the nearest existing field",
      code: workload('Deployment', '- name: a\n  image: x\n') + hpa('api', 1),
      errors: [{ messageId: 'missing', data: { kind: 'Deployment', name: 'api', replicas: 10, scaling: ' (the maximum of HorizontalPodAutoscaler "api")' }, line: 5, column: 1 }],
    },
    {
      name: 'a KEDA ScaledObject that may scale to zero can still run many',
      code: workload('Deployment', '- name: a\n  image: x\n') + scaledObject('api', '  maxReplicaCount: 4\n'),
      errors: [{ messageId: 'missing', data: { kind: 'Deployment', name: 'api', replicas: 4, scaling: ' (the maximum of ScaledObject "api")' }, line: 5, column: 1 }],
    },
  ],
});
