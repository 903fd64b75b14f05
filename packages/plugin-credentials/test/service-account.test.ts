import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/service-account.js';

const app = '- name: app\n  image: x\n';
const DEFAULT = 'The pod runs as the "default" service account, shared by every pod of the namespace: give it a ServiceAccount of its own.';

new RuleTester().run('credentials/service-account', rule, {
  valid: [
    { name: 'an account of its own', code: workload('Deployment', app, 'serviceAccountName: api') },
    { name: 'both fields agreeing', code: workload('Pod', app, 'serviceAccountName: api\nserviceAccount: api') },
  ],
  invalid: [
    { name: 'Deployment without an account', code: workload('Deployment', app), errors: [{ messageId: 'defaultAccount', message: DEFAULT, line: 11, column: 5 }] },
    { name: 'default named explicitly', code: workload('StatefulSet', app, 'serviceAccountName: default'), errors: [{ messageId: 'defaultAccount', line: 15, column: 27 }] },
    {
      name: 'the deprecated field',
      code: workload('DaemonSet', app, 'serviceAccount: agent'),
      errors: [{ messageId: 'deprecatedField', message: '`serviceAccount` is deprecated: use `serviceAccountName: agent`.', line: 15, column: 7 }],
    },
    { name: 'CronJob', code: workload('CronJob', app), errors: [{ messageId: 'defaultAccount', line: 12, column: 9 }] },
    { name: 'Pod', code: workload('Pod', app), errors: [{ messageId: 'defaultAccount', line: 6, column: 1 }] },
  ],
});
