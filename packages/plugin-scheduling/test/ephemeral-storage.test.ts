import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/ephemeral-storage.js';
import { APP, SIZED } from './manifests.js';

const withStorage = `${APP}  resources:\n    requests: {ephemeral-storage: 1Gi}\n    limits: {ephemeral-storage: 2Gi}\n`;

new RuleTester().run('scheduling/ephemeral-storage', rule, {
  valid: [{ name: 'request and limit', code: workload('Deployment', withStorage) }],
  invalid: [
    {
      name: 'Deployment with cpu and memory only',
      code: workload('Deployment', SIZED),
      errors: [{ messageId: 'missing', message: 'Container "app" declares no ephemeral-storage request or limit: its disk use is invisible to the scheduler and unbounded on the node.', line: 16, column: 13 }],
    },
    { name: 'StatefulSet with only the request', code: workload('StatefulSet', `${APP}  resources:\n    requests: {ephemeral-storage: 1Gi}\n`), errors: [{ messageId: 'missing', data: { name: 'app', which: 'limit' }, line: 15, column: 11 }] },
    { name: 'DaemonSet', code: workload('DaemonSet', APP), errors: [{ messageId: 'missing', line: 13, column: 11 }] },
    { name: 'CronJob', code: workload('CronJob', APP), errors: [{ messageId: 'missing', line: 14, column: 15 }] },
    { name: 'Pod', code: workload('Pod', APP), errors: [{ messageId: 'missing', line: 8, column: 7 }] },
  ],
});
