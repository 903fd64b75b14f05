import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/resource-requests.js';
import { APP, SIZED } from './manifests.js';

const limitsOnly = `${APP}  resources:\n    limits: {cpu: 500m, memory: 256Mi}\n`;
const cpuOnly = `${APP}  resources:\n    requests: {cpu: 100m}\n`;

new RuleTester().run('scheduling/resource-requests', rule, {
  valid: [
    { name: 'cpu and memory requested', code: workload('Deployment', SIZED) },
    { name: 'limits stand in for missing requests, as the API server copies them', code: workload('StatefulSet', limitsOnly) },
    { name: 'only memory asked for', code: workload('Pod', `${APP}  resources:\n    requests: {memory: 64Mi}\n`), options: { resources: ['memory'] } },
    {
      name: 'a one-shot init container: the pod requests the larger of it and the sized main containers',
      code: workload('CronJob', SIZED, `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: migrate')}`),
    },
    { name: 'the pause container only sleeps', code: workload('DaemonSet', `${SIZED}- name: keepalive\n  image: gcr.io/google_containers/pause-amd64:3.1\n`) },
  ],
  invalid: [
    {
      name: 'Deployment without resources',
      code: workload('Deployment', APP),
      errors: [
        {
          messageId: 'missing',
          message: 'Container "app" requests no cpu or memory: the scheduler places it as if it needed nothing, and nodes fill until they saturate. Set resources.requests.',
          line: 13,
          column: 11,
        },
      ],
    },
    { name: 'DaemonSet with cpu only', code: workload('DaemonSet', cpuOnly), errors: [{ messageId: 'missing', data: { name: 'app', resources: 'memory' }, line: 16, column: 13 }] },
    {
      name: 'CronJob: a sidecar init container (restartPolicy Always) runs beside the app and counts',
      code: workload('CronJob', SIZED, `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: proxy\n    restartPolicy: Always')}`),
      errors: [{ messageId: 'missing', data: { name: 'proxy', resources: 'cpu or memory' }, line: 21, column: 15 }],
    },
    {
      name: 'DaemonSet whose only main container is pause: the init containers are the work and count',
      code: workload('DaemonSet', '- name: pause\n  image: registry.k8s.io/pause:3.9\n', `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: setup')}`),
      errors: [{ messageId: 'missing', data: { name: 'setup', resources: 'cpu or memory' }, line: 16, column: 11 }],
    },
    { name: 'Pod asking for ephemeral-storage too', code: workload('Pod', SIZED), options: { resources: ['cpu', 'memory', 'ephemeral-storage'] }, errors: [{ messageId: 'missing', data: { name: 'app', resources: 'ephemeral-storage' }, line: 11, column: 9 }] },
  ],
});
