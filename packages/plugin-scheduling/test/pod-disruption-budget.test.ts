import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/pod-disruption-budget.js';
import { hpa, pdb, replicated } from './manifests.js';

new RuleTester().run('scheduling/pod-disruption-budget', rule, {
  valid: [
    { name: 'covered by a budget', code: replicated('Deployment', 3) + pdb('  maxUnavailable: 1') },
    { name: 'a single replica', code: replicated('Deployment', 1) },
    { name: 'a DaemonSet', code: workload('DaemonSet', '- name: a\n  image: x\n') },
  ],
  invalid: [
    {
      name: 'Deployment with 3 replicas and no budget',
      code: replicated('Deployment', 3),
      errors: [{ messageId: 'missing', message: 'Deployment "api" runs 3 replicas and no PodDisruptionBudget in the linted files selects its pods: a drain can evict them all at once.', line: 6, column: 13 }],
    },
    { name: 'a budget selecting other pods', code: replicated('StatefulSet', 2) + pdb('  maxUnavailable: 1').replace('{app: api}', '{app: web}'), errors: [{ messageId: 'missing', line: 6, column: 13 }] },
    { name: 'replicas from an HPA; reported at the nearest existing field', code: workload('Deployment', '- name: a\n  image: x\n') + hpa('api', 3), errors: [{ messageId: 'missing', data: { kind: 'Deployment', name: 'api', replicas: 3 }, line: 5, column: 1 }] },
  ],
});
