import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/secret-env-literal.js';

const env = (name: string, value: string) => `- name: app\n  image: x\n  env:\n    - name: ${name}\n      value: ${JSON.stringify(value)}\n`;

new RuleTester().run('credentials/secret-env-literal', rule, {
  valid: [
    { name: 'from a Secret', code: workload('Deployment', '- name: app\n  image: x\n  env:\n    - name: DB_PASSWORD\n      valueFrom: {secretKeyRef: {name: db, key: password}}\n') },
    { name: 'a path to a secret file', code: workload('Deployment', env('DB_PASSWORD_FILE', '/run/secrets/db')) },
    { name: 'a reference to another variable', code: workload('Pod', env('API_TOKEN', '$(TOKEN_FROM_SECRET)')) },
    { name: 'an ordinary name', code: workload('StatefulSet', env('LOG_LEVEL', 'debug')) },
    { name: 'an allowed name', code: workload('Deployment', env('SESSION_SECRET', 'dev-only')), options: { allowNames: ['session_secret'] } },
    { name: 'a limit on LLM tokens is not a token', code: workload('Deployment', env('MAX_INPUT_TOKENS', '1024')) },
    { name: 'a path', code: workload('Deployment', env('TLS_PRIVATE_KEY', '/etc/tls/tls.key')) },
    { name: 'an empty value', code: workload('Deployment', env('DB_PASSWORD', '')) },
  ],
  invalid: [
    {
      name: 'Deployment: a literal password',
      code: workload('Deployment', env('DB_PASSWORD', 'hunter2')),
      errors: [
        {
          messageId: 'literal',
          message:
            'env "DB_PASSWORD" of container "app" looks like a secret but is set to a literal value: use `valueFrom.secretKeyRef` (or mount the Secret as a file); the value is not shown here.',
          line: 17,
          column: 22,
        },
      ],
    },
    { name: 'DaemonSet: a *_KEY', code: workload('DaemonSet', env('STRIPE_KEY', 'sk_test_abc')), errors: [{ messageId: 'literal', data: { name: 'STRIPE_KEY', container: 'app' }, line: 17, column: 22 }] },
    { name: 'CronJob: a token', code: workload('CronJob', env('SLACK_WEBHOOK_TOKEN', 'abc123')), errors: [{ messageId: 'literal', data: { name: 'SLACK_WEBHOOK_TOKEN', container: 'app' }, line: 18, column: 26 }] },
    { name: 'Pod: camelCase', code: workload('Pod', env('adminPassword', 'admin')), errors: [{ messageId: 'literal', data: { name: 'adminPassword', container: 'app' }, line: 12, column: 18 }] },
  ],
});
