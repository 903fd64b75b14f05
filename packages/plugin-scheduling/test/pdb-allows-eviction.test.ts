import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/pdb-allows-eviction.js';
import { hpa, pdb, replicated, scaledObject } from './manifests.js';

const deployment = (replicas: number) => replicated('Deployment', replicas).replace(/^/, '---\n');

// The budget's own lines (after its `---`): kind at 3, spec at 6, the policy at 9.
new RuleTester().run('scheduling/pdb-allows-eviction', rule, {
  valid: [
    { name: 'maxUnavailable 1', code: pdb('  maxUnavailable: 1') },
    { name: 'minAvailable below the replicas', code: pdb('  minAvailable: 2') + replicated('Deployment', 3).replace(/^/, '---\n') },
    { name: 'minAvailable as a percentage under 100', code: pdb('  minAvailable: 50%') },
    { name: 'minAvailable with no workload in the input', code: pdb('  minAvailable: 5') },
    { name: '50% of 3 rounds up to 2: one eviction allowed', code: pdb('  minAvailable: 50%') + deployment(3) },
    { name: 'maxUnavailable 10% rounds up to 1', code: pdb('  maxUnavailable: 10%') + deployment(3) },
    { name: 'minAvailable 0', code: pdb('  minAvailable: 0') + deployment(1) },
    { name: "the HPA's minimum, not spec.replicas, is what a drain meets", code: pdb('  minAvailable: 2') + deployment(1) + hpa('api', 3) },
  ],
  invalid: [
    {
      name: 'no policy',
      code: pdb(''),
      errors: [{ messageId: 'noPolicy', message: 'PodDisruptionBudget "api" sets neither minAvailable nor maxUnavailable: say how many pods may be disrupted (for example maxUnavailable: 1).', line: 6, column: 1 }],
    },
    {
      name: 'maxUnavailable 0',
      code: pdb('  maxUnavailable: 0'),
      errors: [{ messageId: 'zeroUnavailable', message: 'PodDisruptionBudget "api" allows 0 unavailable pods: no eviction is ever allowed and node drains block forever. Allow at least 1.', line: 9, column: 19 }],
    },
    { name: 'maxUnavailable 0%', code: pdb('  maxUnavailable: 0%'), errors: [{ messageId: 'zeroUnavailable', data: { name: 'api', value: '0%' }, line: 9, column: 19 }] },
    {
      name: 'minAvailable equal to the replicas',
      code: pdb('  minAvailable: 3') + replicated('Deployment', 3).replace(/^/, '---\n'),
      errors: [
        {
          messageId: 'minAtReplicas',
          message: 'PodDisruptionBudget "api" requires 3 available pods but the workloads it selects run 3 (at their minimum): no eviction is ever allowed. Lower minAvailable or use maxUnavailable: 1.',
          line: 9,
          column: 17,
        },
      ],
    },
    { name: 'minAvailable at the HPA floor', code: pdb('  minAvailable: 2') + replicated('Deployment', 5).replace(/^/, '---\n') + hpa('api', 2), errors: [{ messageId: 'minAtReplicas', data: { name: 'api', value: 2, replicas: 2 }, line: 9, column: 17 }] },
    {
      name: '90% of 3 rounds up to 3',
      code: pdb('  minAvailable: 90%') + deployment(3),
      errors: [
        {
          messageId: 'minAtReplicas',
          message: 'PodDisruptionBudget "api" requires 90% (of 3, rounded up: 3) available pods but the workloads it selects run 3 (at their minimum): no eviction is ever allowed. Lower minAvailable or use maxUnavailable: 1.',
          line: 9,
          column: 17,
        },
      ],
    },
    { name: 'a KEDA minimum of 0 counts as one pod', code: pdb('  minAvailable: 1') + deployment(4) + scaledObject('api'), errors: [{ messageId: 'minAtReplicas', data: { name: 'api', value: 1, replicas: 1 }, line: 9, column: 17 }] },
    {
      name: 'both policies: rejected, and minAvailable is still checked',
      code: pdb('  maxUnavailable: 1\n  minAvailable: 3') + deployment(3),
      errors: [
        { messageId: 'bothPolicies', message: 'PodDisruptionBudget "api" sets both minAvailable and maxUnavailable: the API server rejects it ("minAvailable and maxUnavailable cannot be both set"). Keep one.', line: 6, column: 1 },
        { messageId: 'minAtReplicas', data: { name: 'api', value: 3, replicas: 3 }, line: 10, column: 17 },
      ],
    },
    { name: 'minAvailable 100%', code: pdb('  minAvailable: 100%'), errors: [{ messageId: 'minAtReplicas', data: { name: 'api', value: '100%', replicas: 'all of their pods' }, line: 9, column: 17 }] },
  ],
});
