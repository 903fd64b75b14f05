import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/pdb-unhealthy-eviction.js';
import { pdb } from './manifests.js';

new RuleTester().run('scheduling/pdb-unhealthy-eviction', rule, {
  valid: [
    { name: 'AlwaysAllow', code: pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow') },
    { name: 'before 1.27 the field does not exist', code: pdb('  maxUnavailable: 1'), settings: { kubernetesVersion: '1.26' } },
  ],
  invalid: [
    {
      name: 'the default policy',
      code: pdb('  maxUnavailable: 1'),
      errors: [{ messageId: 'missing', message: 'PodDisruptionBudget "api" does not set `unhealthyPodEvictionPolicy: AlwaysAllow`: crash-looping pods block node drains.', line: 6, column: 1 }],
    },
    { name: 'IfHealthyBudget spelled out', code: pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: IfHealthyBudget'), errors: [{ messageId: 'missing', line: 10, column: 31 }] },
  ],
});
