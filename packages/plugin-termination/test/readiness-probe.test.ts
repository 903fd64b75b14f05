import { Linter } from '@kubelore/core';
import { RuleTester, FIRST_CONTAINER, SERVICE, workload } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/readiness-probe.js';

const served = `- name: web
  image: ghcr.io/acme/api:1.0
  ports: [{containerPort: 8080}]
`;
const ready = `${served}  readinessProbe:
    httpGet: {path: /ready, port: 8080}
`;
const WEBHOOK = `---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: api
webhooks:
  - name: mutate.acme.dev
    clientConfig:
      service: {name: api-webhook, namespace: default, port: 80}
`;
const message = 'Container "web" receives traffic (declares port 8080) but has no readinessProbe: it gets requests before it can answer them. Add a readinessProbe on the port it serves.';

new RuleTester().run('termination/readiness-probe', rule, {
  valid: [
    { name: 'Deployment with a readiness probe', code: workload('Deployment', ready) },
    { name: 'StatefulSet with a readiness probe', code: workload('StatefulSet', ready) },
    {
      name: 'a StatefulSet of one: until its new pod answers there is no other endpoint, probe or not',
      code: workload('StatefulSet', served),
    },
    { name: 'a one-shot Job selected by a Service: until it answers there is no other endpoint', code: workload('Job', served) + SERVICE },
    { name: 'Pod with a readiness probe', code: workload('Pod', ready) },
    { name: 'CronJob with a port but no Service is not served', code: workload('CronJob', served) },
    { name: 'worker without ports nor Service', code: workload('Deployment', '- name: worker\n  image: ghcr.io/acme/worker:1.0\n') },
    {
      name: 'init containers need no readiness probe',
      code: workload('Pod', ready, 'initContainers:\n  - name: migrate\n    image: ghcr.io/acme/migrate:1.0\n    ports: [{containerPort: 9000}]\n'),
    },
    { name: 'a bare Pod that no Service selects is not served', code: workload('Pod', served) },
    {
      name: 'a Service whose only port is named for metrics does not make the container served',
      code: workload('Deployment', served) + SERVICE.replace('- port: 80', '- name: http-metrics\n      port: 80'),
    },
    { name: 'a port named for metrics is not served', code: workload('Deployment', '- name: web\n  image: x\n  ports: [{name: metrics, containerPort: 8080}]\n') },
  ],
  invalid: [
    { name: 'Deployment', code: workload('Deployment', served), errors: [{ messageId: 'missing', message, ...FIRST_CONTAINER.Deployment }] },
    {
      name: 'StatefulSet of three',
      code: workload('StatefulSet', served).replace('spec:\n  selector:', 'spec:\n  replicas: 3\n  selector:'),
      errors: [{ messageId: 'missing', message, line: FIRST_CONTAINER.StatefulSet.line + 1, column: FIRST_CONTAINER.StatefulSet.column }],
    },
    {
      name: 'Pod selected by a Service',
      code: workload('Pod', served) + SERVICE,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port 8080' }, ...FIRST_CONTAINER.Pod }],
    },
    {
      name: 'a webhook the API server calls still needs readiness: calls to a pod not yet listening fail',
      code: workload('Deployment', served) + SERVICE.replace('name: api', 'name: api-webhook') + WEBHOOK,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api-webhook on port 8080, an admission webhook the API server calls' }, ...FIRST_CONTAINER.Deployment }],
    },
    {
      name: 'a database still needs readiness: connections opened before it listens fail (prestop-delay leaves it alone)',
      code: workload('Deployment', '- name: cache\n  image: redis:7\n  ports: [{containerPort: 6379}]\n'),
      errors: [{ messageId: 'missing', data: { name: 'cache', reason: 'declares port 6379' }, ...FIRST_CONTAINER.Deployment }],
    },
    {
      name: 'CronJob selected by a Service',
      code: workload('CronJob', served) + SERVICE,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port 8080' }, ...FIRST_CONTAINER.CronJob, path: '/spec/jobTemplate/spec/template/spec/containers/0/readinessProbe' }],
    },
  ],
});

const plugin = { meta: { name: 'termination' }, rules: { 'readiness-probe': rule } };
const lintFiles = (files: Record<string, string>) =>
  new Linter().lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    [{ plugins: { termination: plugin }, rules: { 'termination/readiness-probe': 'error' } }],
  );
const worker = workload('Deployment', '- name: worker\n  image: x\n');

test('a Service counts only when applied with the pod', () => {
  const together = lintFiles({ 'app/deployment.yaml': worker, 'app/service.yaml': SERVICE.replace(/^---\n/, '') });
  assert.equal(together[0]!.messages.map((m) => m.message), [
    'Container "worker" receives traffic (selected by Service api, whose port 8080 no container declares) but has no readinessProbe: it gets requests before it can answer them. Add a readinessProbe on the port it serves.',
  ]);
  const apart = lintFiles({ 'app/deployment.yaml': worker, 'net/service.yaml': SERVICE.replace(/^---\n/, '') });
  assert.equal(apart[0]!.messages, [], 'a worker that declares no port and no Service applied with it');
});

test.run();
