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
    { name: 'switches about passwords', code: workload('Deployment', env('MYSQL_ALLOW_EMPTY_PASSWORD', '1') + '    - {name: MYSQL_RANDOM_ROOT_PASSWORD, value: "yes"}\n    - {name: ENABLE_SECRET_ENV_FILTERING, value: "true"}\n    - {name: API_TOKEN_REQUIRED, value: "false"}\n') },
    { name: 'user names', code: workload('StatefulSet', env('MYSQL_USER', 'wordpress') + '    - {name: RABBITMQ_DEFAULT_USERNAME, value: admin}\n    - {name: adminLogin, value: ops}\n') },
    {
      name: 'an access key beside its secret key, short and word-like, is the user name',
      code: workload('Deployment', env('MINIO_ACCESS_KEY', 'minio') + '    - name: MINIO_SECRET_KEY\n      valueFrom: {secretKeyRef: {name: minio, key: secret}}\n'),
    },
    { name: 'URLs of token endpoints', code: workload('Deployment', env('tokenURL', 'https://auth.acme.io/token') + '    - {name: OIDC_TOKEN_ENDPOINT, value: "https://auth.acme.io"}\n    - {name: secretsManagerUrl, value: "https://vault.acme.io"}\n') },
    {
      name: 'placeholders written as instructions',
      code: workload('Deployment', env('API_KEY', 'YOUR_API_KEY') + '    - {name: HF_TOKEN, value: HF_TOKEN}\n    - {name: DB_PASSWORD, value: CHANGE_ME}\n    - {name: GOOGLE_API_KEY, value: GOOGLE_API_KEY_VAL}\n    - {name: ETCD_DISCOVERY_TOKEN, value: INSERT_ETCD_DISCOVERY_TOKEN}\n    - {name: ADMIN_PASSWORD, value: "<admin-password>"}\n    - {name: SESSION_SECRET, value: "${SESSION_SECRET}"}\n    - {name: ROOT_PASSWORD, value: your-password-here}\n'),
    },
  ],
  invalid: [
    {
      name: 'a kustomize patch that writes a literal password is reported (a written value, not a missing field)',
      code: workload('Deployment', env('DB_PASSWORD', 'hunter2')),
      filename: 'overlays/prod/patches/db.yaml',
      errors: [{ messageId: 'literal', line: 17, column: 22 }],
    },
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
    { name: 'a weak password that is no default', code: workload('StatefulSet', env('MYSQL_ROOT_PASSWORD', 'migration')), errors: [{ messageId: 'literal', data: { name: 'MYSQL_ROOT_PASSWORD', container: 'app' }, line: 17, column: 22 }] },
    { name: 'an access key with no secret key beside it', code: workload('Deployment', env('AGENT_ACCESS_KEY', 'sysdig')), errors: [{ messageId: 'literal', data: { name: 'AGENT_ACCESS_KEY', container: 'app' }, line: 17, column: 22 }] },
    { name: 'Pod: camelCase', code: workload('Pod', env('adminPassword', 'Gr33n-tea')), errors: [{ messageId: 'literal', data: { name: 'adminPassword', container: 'app' }, line: 12, column: 18 }] },
  ],
});
