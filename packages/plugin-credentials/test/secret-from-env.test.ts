import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/secret-from-env.js';

const keyRef = '- name: app\n  image: x\n  env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n';
const envFrom = '- name: app\n  image: x\n  envFrom:\n    - secretRef: {name: app-secrets}\n';

new RuleTester().run('credentials/secret-from-env', rule, {
  valid: [
    { name: 'a mounted Secret', code: workload('Deployment', '- name: app\n  image: x\n  volumeMounts: [{name: s, mountPath: /run/secrets}]\n', 'volumes: [{name: s, secret: {secretName: db}}]') },
    { name: 'a ConfigMap in env', code: workload('Deployment', '- name: app\n  image: x\n  envFrom: [{configMapRef: {name: conf}}]\n') },
  ],
  invalid: [
    {
      name: 'Deployment: secretKeyRef',
      code: workload('Deployment', keyRef),
      errors: [{ messageId: 'keyRef', message: 'env "DB_PASSWORD" of container "app" takes Secret "db" through the environment: mount the Secret as a file instead.', line: 18, column: 17 }],
    },
    {
      name: 'Pod: envFrom secretRef',
      code: workload('Pod', envFrom),
      errors: [{ messageId: 'envFrom', message: 'Container "app" loads every key of Secret "app-secrets" into its environment: mount the Secret as a file instead.', line: 11, column: 11 }],
    },
    { name: 'CronJob', code: workload('CronJob', envFrom), errors: [{ messageId: 'envFrom', line: 17, column: 19 }] },
    { name: 'StatefulSet', code: workload('StatefulSet', keyRef), errors: [{ messageId: 'keyRef', line: 18, column: 17 }] },
    { name: 'DaemonSet', code: workload('DaemonSet', envFrom), errors: [{ messageId: 'envFrom', line: 16, column: 15 }] },
  ],
});
