import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/automount-token.js';

const app = '- name: app\n  image: x\n';
const account = (automount: string) => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: ${automount}\n`;

new RuleTester().run('credentials/automount-token', rule, {
  valid: [
    { name: 'opted out on the pod', code: workload('Deployment', app, 'automountServiceAccountToken: false') },
    { name: 'opted in on the pod, a decision', code: workload('Pod', app, 'automountServiceAccountToken: true') },
    { name: 'opted out on its ServiceAccount', code: workload('Deployment', app, 'serviceAccountName: app') + account('false') },
  ],
  invalid: [
    {
      name: 'Deployment on the default',
      code: workload('Deployment', app),
      errors: [
        {
          messageId: 'mounted',
          message:
            'The pod gets a service account token mounted by default: set `automountServiceAccountToken: false` on the pod (or its ServiceAccount), and `true` only where it calls the Kubernetes API.',
          line: 11,
          column: 5,
        },
      ],
    },
    { name: 'a ServiceAccount of another name does not count', code: workload('StatefulSet', app, 'serviceAccountName: other') + account('false'), errors: [{ messageId: 'mounted', line: 11, column: 5 }] },
    { name: 'DaemonSet', code: workload('DaemonSet', app), errors: [{ messageId: 'mounted', line: 11, column: 5 }] },
    { name: 'CronJob', code: workload('CronJob', app), errors: [{ messageId: 'mounted', line: 12, column: 9 }] },
    { name: 'Pod', code: workload('Pod', app), errors: [{ messageId: 'mounted', line: 6, column: 1 }] },
  ],
});
