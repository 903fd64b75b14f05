import { Linter } from '@kubelore/core';
import { RuleTester, workload } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/service-selector.js';

const web = workload('Deployment', '- name: web\n  image: x\n  ports:\n    - {name: http, containerPort: 8080}\n');
const service = (selector: string, ports = '[{port: 80, targetPort: http}]', extra = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
${extra}  selector: ${selector}
  ports: ${ports}
`;
// The Service starts after the Deployment's 16 lines: its selector is at line 23, its ports at 24.

new RuleTester().run('references/service-selector', rule, {
  valid: [
    { name: 'selects the Deployment by label, named port declared', code: web + service('{app: api}') },
    { name: 'a numbered targetPort the container declares', code: web + service('{app: api}', '[{port: 80, targetPort: 8080}]') },
    { name: 'a numbered targetPort with containers that declare no ports', code: workload('Pod', '- name: web\n  image: x\n') + service('{app: api}', '[{port: 80, targetPort: 9000}]') },
    {
      name: "a Job's pods carry its job-name label",
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:\n  template:\n    spec: {restartPolicy: Never, containers: [{name: t, image: x}]}\n' + service('{job-name: train}', '[{port: 80}]'),
    },
    { name: 'custom resources in the namespace may create the pods', code: web + service('{app: cluster-a}') + '---\napiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: cluster-a}\n' },
    { name: 'no selector: endpoints managed by hand', code: service('{}') },
    { name: 'no workload of the namespace in the input: deployed elsewhere', code: service('{app: nothing}') },
    { name: 'ExternalName', code: web + service('{app: other}', '[{port: 80}]', '  type: ExternalName\n  externalName: db.example.com\n') },
  ],
  invalid: [
    {
      name: 'a selector that matches nothing, with the closest label sets',
      code: web + service('{app: api, tier: backend}'),
      errors: [
        {
          messageId: 'noPods',
          message:
            'Service "api" selects {app: api, tier: backend} but no pod template in the linted files in namespace "default" has those labels (closest: {app: api}): the Service would have no endpoints.',
          line: 23,
          column: 3,
        },
      ],
    },
    {
      name: 'a pod in another namespace does not count',
      code: web + service('{app: api}').replace('name: api\nspec', 'name: api\n  namespace: other\nspec') + workload('Pod', '- name: x\n  image: x\n').replace(/^/, '---\n').replace('name: api\n  labels: {app: api}', 'name: p\n  namespace: other\n  labels: {app: db}'),
      errors: [{ messageId: 'noPods', data: { name: 'api', selector: '{app: api}', namespace: 'other', closest: '' }, line: 24, column: 3 }],
    },
    {
      name: 'a named targetPort no container declares',
      code: web + service('{app: api}', '[{port: 80, targetPort: web}]'),
      errors: [{ messageId: 'namedPort', message: 'Service "api" targets port "web" but no container it selects declares a port of that name: the port has no endpoints.', line: 24, column: 34 }],
    },
    {
      name: 'a numbered port that contradicts the declared ones; port alone stands for targetPort',
      code: web + service('{app: api}', '[{port: 80}]'),
      errors: [{ messageId: 'numberedPort', message: 'Service "api" targets port 80 but the containers it selects declare only 8080: check the targetPort.', line: 24, column: 18 }],
    },
  ],
});

const servicePlugin = { meta: { name: 'references' }, rules: { 'service-selector': rule } };
const lintFiles = (files: Record<string, string>) =>
  new Linter().lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    [{ plugins: { references: servicePlugin }, rules: { 'references/service-selector': 'error' } }],
  );

test('the Service in one file and its Deployment in another: resolved across files', () => {
  const results = lintFiles({ 'k8s/deployment.yaml': web, 'k8s/service.yaml': service('{app: api}').replace(/^---\n/, '') });
  assert.equal(results.map((result) => result.messages.length), [0, 0]);
  const broken = lintFiles({ 'k8s/deployment.yaml': web, 'k8s/service.yaml': service('{app: apii}').replace(/^---\n/, '') });
  assert.equal(broken[1]!.messages.map((m) => `${m.line}:${m.column} ${m.messageId}`), ['6:3 noPods']);
});

test('objects inside a List are resolved like any other', () => {
  const list = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata: {labels: {app: api}}
        spec: {containers: [{name: api, image: x, ports: [{name: http, containerPort: 8080}]}]}
  - apiVersion: v1
    kind: Service
    metadata: {name: api}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: http}]
`;
  const [result] = lintFiles({ 'list.yaml': list });
  assert.equal(result!.messages.map((m) => `${m.line}:${m.column} ${m.messageId} ${m.path}`), ['16:7 noPods /items/1/spec/selector']);
});

test.run();
