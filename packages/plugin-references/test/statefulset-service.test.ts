import { RuleTester } from '@kubelore/rule-tester';
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
      containers: [{name: db, image: postgres:16}]
`;
const service = (clusterIP: string, namespace = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: db
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  clusterIP: ${clusterIP}
  selector: {app: db}
  ports: [{port: 5432}]
`;

new RuleTester().run('references/statefulset-service', rule, {
  valid: [
    { name: 'a headless Service', code: statefulSet('db') + service('None') },
    { name: 'no serviceName', code: statefulSet('""') },
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
    { name: 'the Service is in another namespace', code: statefulSet('db') + service('None', 'other'), errors: [{ messageId: 'missing', line: 6, column: 16 }] },
    {
      name: 'a ClusterIP Service',
      code: statefulSet('db') + service('10.0.0.12'),
      errors: [{ messageId: 'notHeadless', message: 'StatefulSet "db" is governed by Service "db", which is not headless (`clusterIP: None`): per-pod DNS names such as db-0.db do not resolve.', line: 6, column: 16 }],
    },
  ],
});
