import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/session-ttl.js';

const kiam = (args: string) => `- name: kiam
  image: quay.io/uswitch/kiam:v4.2
  command: [/kiam]
  args: [${args}]
`;
const kube2iam = (args: string) => `- name: kube2iam
  image: jtblin/kube2iam:0.11.2
  args: [${args}]
`;

// args is the 4th line of the kiam container (line 16 in a DaemonSet/Deployment), the 3rd of kube2iam.
new RuleTester().run('credentials/session-ttl', rule, {
  valid: [
    { name: 'kiam server with an hour', code: workload('DaemonSet', kiam('server, --session-duration=60m')) },
    { name: 'kiam server, flag and value apart', code: workload('Deployment', kiam('server, --session-duration, 1h')) },
    { name: 'the kiam agent issues no sessions', code: workload('DaemonSet', kiam('agent, --port=8181')) },
    { name: 'kube2iam with 30m', code: workload('DaemonSet', kube2iam('--iam-role-session-ttl=30m')) },
    { name: 'Go durations: 1h30m', code: workload('DaemonSet', kube2iam('--iam-role-session-ttl=1h30m')) },
    { name: 'another image', code: workload('Pod', '- name: app\n  image: ghcr.io/acme/app:1\n  args: [server]\n') },
  ],
  invalid: [
    {
      name: 'kiam server on the default',
      code: workload('DaemonSet', kiam('server, --sync=1m')),
      errors: [
        {
          messageId: 'tooShort',
          message:
            'kiam server issues sessions of 15m (the default: --session-duration is not set): the AWS SDKs refresh credentials with under 15m left, so every call fetches new ones. Set --session-duration to more than 20m (1h is common).',
          line: 16,
          column: 11,
        },
      ],
    },
    {
      name: 'kiam server with 15m spelled out, Go single-dash flag',
      code: workload('Deployment', kiam('server, -session-duration=15m')),
      errors: [
        {
          messageId: 'tooShort',
          message:
            'kiam server issues sessions of 15m: the AWS SDKs refresh credentials with under 15m left, so every call fetches new ones. Set --session-duration to more than 20m (1h is common).',
          line: 16,
          column: 26,
        },
      ],
    },
    {
      name: 'kube2iam on the default',
      code: workload('DaemonSet', kube2iam('--auto-discover-base-arn')),
      errors: [{ messageId: 'tooShort', data: { agent: 'kube2iam', ttl: '15m', source: ' (the default: --iam-role-session-ttl is not set)', window: '15m', flag: 'iam-role-session-ttl', minimum: '20m' }, line: 15, column: 11 }],
    },
    {
      name: 'kube2iam with 900s, value as its own item',
      code: workload('DaemonSet', kube2iam('--iam-role-session-ttl, 900s')),
      errors: [{ messageId: 'tooShort', line: 15, column: 42 }],
    },
    {
      name: 'a wider margin from the options reports 30m',
      code: workload('DaemonSet', kube2iam('--iam-role-session-ttl=30m')),
      options: { marginMinutes: 15 },
      errors: [{ messageId: 'tooShort', data: { agent: 'kube2iam', ttl: '30m', source: '', window: '15m', flag: 'iam-role-session-ttl', minimum: '30m' }, line: 15, column: 18 }],
    },
    {
      name: 'a bare kube2iam Pod without args is reported at the container',
      code: workload('Pod', '- name: kube2iam\n  image: jtblin/kube2iam:0.11.2\n'),
      errors: [{ messageId: 'tooShort', line: 8, column: 7 }],
    },
  ],
});
