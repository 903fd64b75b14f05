import { Linter } from '@kubelore/core';
import { RuleTester, workload } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/service-account.js';

const app = '- name: app\n  image: x\n';
const account = (name: string, namespace = '') => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;

new RuleTester().run('references/service-account', rule, {
  valid: [
    { name: 'the account is defined', code: workload('Deployment', app, 'serviceAccountName: api') + account('api') },
    { name: 'no accounts in the input: managed elsewhere', code: workload('Deployment', app, 'serviceAccountName: api') },
    { name: 'default always exists', code: workload('Pod', app, 'serviceAccountName: default') + account('other') },
    { name: 'accounts only in another namespace', code: workload('StatefulSet', app, 'serviceAccountName: api') + account('other', 'elsewhere') },
  ],
  invalid: [
    {
      name: 'Deployment with a misspelt account',
      code: workload('Deployment', app, 'serviceAccountName: api-sa') + account('api'),
      errors: [
        {
          messageId: 'missing',
          message: 'The pod runs as ServiceAccount "api-sa", but the linted files define no ServiceAccount of that name in namespace "default" (they define "api"): the pod will not be created.',
          line: 15,
          column: 27,
        },
      ],
    },
    { name: 'CronJob', code: workload('CronJob', app, 'serviceAccountName: reporter') + account('api'), errors: [{ messageId: 'missing', line: 17, column: 31 }] },
    { name: 'DaemonSet with the deprecated field', code: workload('DaemonSet', app, 'serviceAccount: agent') + account('api'), errors: [{ messageId: 'missing', line: 15, column: 23 }] },
  ],
});

const plugin = { meta: { name: 'references' }, rules: { 'service-account': rule } };
const lintFiles = (files: Record<string, string>) =>
  new Linter()
    .lint(Object.entries(files).map(([filePath, text]) => ({ filePath, text })), [{ plugins: { references: plugin }, rules: { 'references/service-account': 'error' } }])
    .map((result) => result.messages.map((m) => m.messageId));

test('accounts applied apart neither satisfy nor break the pod', () => {
  const pod = workload('Deployment', app, 'serviceAccountName: api');
  assert.equal(lintFiles({ 'app/deployment.yaml': pod, 'rbac/accounts.yaml': account('other').replace(/^---\n/, '') }), [[], []], 'only other folders define accounts: managed elsewhere');
  assert.equal(lintFiles({ 'app/deployment.yaml': pod, 'app/accounts.yaml': account('other').replace(/^---\n/, ''), 'rbac/api.yaml': account('api').replace(/^---\n/, '') }), [[], [], []], 'the named account exists, applied apart');
  assert.equal(lintFiles({ 'app/deployment.yaml': pod, 'app/accounts.yaml': account('other').replace(/^---\n/, '') }), [['missing'], []]);
});

test.run();
