import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/pdb-unhealthy-eviction.js';
import { pdb } from './manifests.js';

new RuleTester().run('scheduling/pdb-unhealthy-eviction', rule, {
  valid: [
    { name: 'AlwaysAllow', code: pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow') },
    { name: 'IfHealthyBudget spelled out is a decision', code: pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: IfHealthyBudget') },
    { name: 'minAvailable 0 never blocks a drain', code: pdb('  minAvailable: 0') },
    { name: 'maxUnavailable 100% never blocks a drain', code: pdb('  maxUnavailable: 100%') },
    { name: 'before 1.27 the field does not exist', code: pdb('  maxUnavailable: 1'), settings: { kubernetesVersion: '1.26' } },
  ],
  invalid: [
    {
      name: 'the default policy',
      code: pdb('  maxUnavailable: 1'),
      errors: [
        {
          messageId: 'missing',
          message:
            'PodDisruptionBudget "api" does not set `unhealthyPodEvictionPolicy`: by default (IfHealthyBudget) crash-looping pods block node drains. Set `AlwaysAllow`, or `IfHealthyBudget` to keep the default on purpose.',
          line: 6,
          column: 1,
        },
      ],
    },
    { name: 'minAvailable 50%', code: pdb('  minAvailable: 50%'), errors: [{ messageId: 'missing', line: 6, column: 1 }] },
  ],
});
