import { RuleTester, FIRST_CONTAINER, SERVICE, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/liveness-probe.js';

const probes = (liveness: string) => `- name: web
  image: ghcr.io/acme/api:1.0
  ports: [{containerPort: 8080}]
  readinessProbe:
    httpGet: {path: /healthz, port: 8080}
    failureThreshold: 3
${liveness}`;
const identical = probes('  livenessProbe:\n    failureThreshold: 3\n    httpGet: {port: 8080, path: /healthz}\n');
const lenient = probes('  livenessProbe:\n    httpGet: {path: /healthz, port: 8080}\n    failureThreshold: 10\n');
const identicalMessage =
  'Container "web" receives traffic (declares port 8080) and has a livenessProbe identical to its readinessProbe: a busy pod is restarted instead of taken out of rotation. Make liveness more lenient (a higher failureThreshold or a cheaper endpoint).';
// The livenessProbe key is the 7th line of the container.
const livenessAt = (kind: keyof typeof FIRST_CONTAINER) => ({ line: FIRST_CONTAINER[kind].line + 6, column: FIRST_CONTAINER[kind].column });

new RuleTester().run('termination/liveness-probe', rule, {
  valid: [
    { name: 'Deployment with a more lenient liveness probe', code: workload('Deployment', lenient) },
    { name: 'StatefulSet with a more lenient liveness probe', code: workload('StatefulSet', lenient) },
    { name: 'CronJob without probes', code: workload('CronJob', '- name: job\n  image: ghcr.io/acme/job:1.0\n') },
    {
      name: 'identical probes on a node agent no Service routes to: nothing to take out of rotation',
      code: workload('DaemonSet', '- name: agent\n  image: x\n  readinessProbe: {exec: {command: [pgrep, iscsid]}}\n  livenessProbe: {exec: {command: [pgrep, iscsid]}}\n'),
    },
    { name: 'identical probes on a bare Pod no Service selects', code: workload('Pod', identical) },
    { name: 'a missing liveness probe is fine in recommended', code: workload('Pod', probes('')) },
    {
      name: 'strict: an unserved container needs no liveness probe',
      code: workload('Deployment', '- name: worker\n  image: ghcr.io/acme/worker:1.0\n'),
      options: { requireLivenessProbe: true },
    },
  ],
  invalid: [
    { name: 'Deployment, identical probes (key order and thresholds compared)', code: workload('Deployment', identical), errors: [{ messageId: 'identical', message: identicalMessage, ...livenessAt('Deployment') }] },
    { name: 'StatefulSet, identical probes', code: workload('StatefulSet', identical), errors: [{ messageId: 'identical', ...livenessAt('StatefulSet') }] },
    { name: 'CronJob selected by a Service, identical probes', code: workload('CronJob', identical) + SERVICE, errors: [{ messageId: 'identical', ...livenessAt('CronJob') }] },
    { name: 'Pod selected by a Service, identical probes', code: workload('Pod', identical) + SERVICE, errors: [{ messageId: 'identical', ...livenessAt('Pod') }] },
    {
      name: 'strict: a served Pod without liveness probe',
      code: workload('Pod', probes('')) + SERVICE,
      options: { requireLivenessProbe: true },
      errors: [{ messageId: 'missing', message: 'Container "web" receives traffic (selected by Service api on port 8080) but has no livenessProbe, which this configuration requires (option requireLivenessProbe, on in strict): a process that deadlocks without crashing is never restarted.', ...FIRST_CONTAINER.Pod }],
    },
  ],
});
