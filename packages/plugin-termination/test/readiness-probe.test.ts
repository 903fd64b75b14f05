import { RuleTester, FIRST_CONTAINER, SERVICE, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/readiness-probe.js';

const served = `- name: web
  image: ghcr.io/acme/api:1.0
  ports: [{containerPort: 8080}]
`;
const ready = `${served}  readinessProbe:
    httpGet: {path: /ready, port: 8080}
`;
const message = 'Container "web" receives traffic but has no readinessProbe: it gets requests before it can answer them. Add a readinessProbe on the port it serves.';

new RuleTester().run('termination/readiness-probe', rule, {
  valid: [
    { name: 'Deployment with a readiness probe', code: workload('Deployment', ready) },
    { name: 'StatefulSet with a readiness probe', code: workload('StatefulSet', ready) },
    { name: 'Pod with a readiness probe', code: workload('Pod', ready) },
    { name: 'CronJob with a port but no Service is not served', code: workload('CronJob', served) },
    { name: 'worker without ports nor Service', code: workload('Deployment', '- name: worker\n  image: ghcr.io/acme/worker:1.0\n') },
    {
      name: 'init containers need no readiness probe',
      code: workload('Pod', ready, 'initContainers:\n  - name: migrate\n    image: ghcr.io/acme/migrate:1.0\n    ports: [{containerPort: 9000}]\n'),
    },
  ],
  invalid: [
    { name: 'Deployment', code: workload('Deployment', served), errors: [{ messageId: 'missing', message, ...FIRST_CONTAINER.Deployment }] },
    { name: 'StatefulSet', code: workload('StatefulSet', served), errors: [{ messageId: 'missing', message, ...FIRST_CONTAINER.StatefulSet }] },
    { name: 'Pod', code: workload('Pod', served), errors: [{ messageId: 'missing', message, ...FIRST_CONTAINER.Pod }] },
    {
      name: 'CronJob selected by a Service',
      code: workload('CronJob', served) + SERVICE,
      errors: [{ messageId: 'missing', message, ...FIRST_CONTAINER.CronJob, path: '/spec/jobTemplate/spec/template/spec/containers/0/readinessProbe' }],
    },
  ],
});
