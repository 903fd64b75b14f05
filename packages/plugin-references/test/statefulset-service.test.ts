import { Linter } from '@kubelore/core';
import { RuleTester } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/statefulset-service.js';

const statefulSet = (serviceName: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: ${serviceName}
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers: [{name: db, image: postgres:16, ports: [{containerPort: 5432}]}]
`;
const portless = (serviceName: string) => statefulSet(serviceName).replace(', ports: [{containerPort: 5432}]', '');
const service = (clusterIP: string, namespace = '', selector = '\n  selector: {app: db}') => `---
apiVersion: v1
kind: Service
metadata:
  name: db
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  clusterIP: ${clusterIP}${selector}
  ports: [{port: 5432}]
`;

new RuleTester().run('references/statefulset-service', rule, {
  valid: [
    { name: 'a headless Service', code: statefulSet('db') + service('None') },
    { name: 'no serviceName', code: statefulSet('""') },
    { name: 'pods that declare no port: nobody reaches them by name, the missing Service changes nothing', code: portless('csi-attacher') },
    { name: 'a selector on some of the pods\' labels', code: statefulSet('db').replace('labels: {app: db}', 'labels: {app: db, tier: data}') + service('None') },
  ],
  invalid: [
    {
      name: 'no Service of that name',
      code: statefulSet('db-headless') + service('None'),
      errors: [
        {
          messageId: 'missing',
          message: 'StatefulSet "db" names serviceName "db-headless", but no Service of that name is in the linted files in namespace "default": its pods get no stable DNS names.',
          line: 6,
          column: 16,
        },
      ],
    },
    {
      name: 'strict asks about portless pods too',
      code: portless('csi-attacher'),
      options: { reportPortless: true },
      errors: [{ messageId: 'missing', data: { name: 'db', service: 'csi-attacher', namespace: 'default' }, line: 6, column: 16 }],
    },
    { name: 'the Service is in another namespace', code: statefulSet('db') + service('None', 'other'), errors: [{ messageId: 'missing', line: 6, column: 16 }] },
    {
      name: 'a ClusterIP Service',
      code: statefulSet('db') + service('10.0.0.12'),
      errors: [{ messageId: 'notHeadless', message: 'StatefulSet "db" is governed by Service "db", which is not headless (`clusterIP: None`): per-pod DNS names such as db-0.db do not resolve.', line: 6, column: 16 }],
    },
    {
      name: 'a headless Service without a selector',
      code: statefulSet('db') + service('None', '', ''),
      errors: [{ messageId: 'noSelector', message: 'StatefulSet "db" is governed by Service "db", which has no selector: no endpoints are made for its pods, so per-pod DNS names such as db-0.db do not resolve.', line: 6, column: 16 }],
    },
    {
      name: 'a headless Service that selects other pods',
      code: statefulSet('db') + service('None', '', '\n  selector: {app: postgres}'),
      errors: [
        {
          messageId: 'selectorMismatch',
          message:
            'StatefulSet "db" is governed by Service "db", whose selector {app: postgres} does not match its pods\' labels {app: db}: the pods get no endpoints in it, so per-pod DNS names such as db-0.db do not resolve.',
          line: 6,
          column: 16,
        },
      ],
    },
  ],
});

const plugin = { meta: { name: 'references' }, rules: { 'statefulset-service': rule } };
const lintFiles = (files: Record<string, string>) =>
  new Linter().lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    [{ plugins: { references: plugin }, rules: { 'references/statefulset-service': 'error' } }],
  );

test('a Service applied apart neither satisfies nor breaks the StatefulSet', () => {
  const apart = lintFiles({ 'db/statefulset.yaml': statefulSet('db'), 'net/service.yaml': service('10.0.0.12').replace(/^---\n/, '') });
  assert.equal(apart.map((result) => result.messages.length), [0, 0]);
  const together = lintFiles({ 'db/statefulset.yaml': statefulSet('db'), 'db/service.yaml': service('10.0.0.12').replace(/^---\n/, '') });
  assert.equal(together[0]!.messages.map((m) => m.messageId), ['notHeadless']);
});

test.run();
