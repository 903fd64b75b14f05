import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/resource-limits.js';
import { APP, SIZED } from './manifests.js';

const sized = (requests: string, limits: string) => `${APP}  resources:\n    requests: {${requests}}\n    limits: {${limits}}\n`;

new RuleTester().run('scheduling/resource-limits', rule, {
  valid: [
    { name: 'memory limit equal to the request', code: workload('Deployment', SIZED) },
    { name: 'memory limit above the request', code: workload('Pod', sized('memory: 128Mi', 'memory: 1Gi')) },
    { name: 'cpu limits only when asked', code: workload('StatefulSet', sized('cpu: 1, memory: 1Gi', 'cpu: 2, memory: 1Gi')), options: { cpu: true } },
  ],
  invalid: [
    {
      name: 'Deployment without a memory limit',
      code: workload('Deployment', APP),
      errors: [
        {
          messageId: 'noMemoryLimit',
          message: 'Container "app" has no memory limit: it can take the node\'s memory and get its neighbours evicted. Set resources.limits.memory (usually equal to the request).',
          line: 13,
          column: 11,
        },
      ],
    },
    {
      name: 'DaemonSet with a limit below its request',
      code: workload('DaemonSet', sized('memory: 1Gi', 'memory: 512Mi')),
      errors: [{ messageId: 'limitBelowRequest', message: 'Container "app" has a memory limit (512Mi) below its request (1Gi): the API server rejects the pod.', line: 17, column: 30 }],
    },
    {
      name: 'CronJob without a cpu limit in strict',
      code: workload('CronJob', SIZED),
      options: { cpu: true },
      errors: [{ messageId: 'noCpuLimit', message:
            'Container "app" has no cpu limit, which this configuration requires (option cpu, on in strict): without one it may use any idle cpu of the node, so its speed depends on its neighbours. A limit makes it predictable at the price of CFS throttling; set resources.limits.cpu, or turn the option off.', line: 18, column: 17 }],
    },
    { name: 'Pod', code: workload('Pod', APP), errors: [{ messageId: 'noMemoryLimit', line: 8, column: 7 }] },
  ],
});
