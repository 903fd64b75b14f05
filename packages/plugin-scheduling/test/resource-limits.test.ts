import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/resource-limits.js';
import { APP, SIZED } from './manifests.js';

const sized = (requests: string, limits: string) => `${APP}  resources:\n    requests: {${requests}}\n    limits: {${limits}}\n`;

new RuleTester().run('scheduling/resource-limits', rule, {
  valid: [
    { name: 'memory limit equal to the request', code: workload('Deployment', SIZED) },
    { name: 'memory limit above the request', code: workload('Pod', sized('memory: 128Mi', 'memory: 1Gi')) },
    { name: 'cpu limits only when asked', code: workload('StatefulSet', sized('cpu: 1, memory: 1Gi', 'cpu: 2, memory: 1Gi')), options: { cpu: true } },
    { name: 'no memory limit: a policy, asked only in strict (option memory)', code: workload('Deployment', APP) },
  ],
  invalid: [
    {
      name: 'Deployment without a memory limit, when asked',
      code: workload('Deployment', APP),
      options: { memory: true },
      errors: [
        {
          messageId: 'noMemoryLimit',
          message:
            'Container "app" has no memory limit, which this configuration requires (option memory, on in strict): it can grow past its request until the node is short of memory, and the kubelet then evicts pods over their requests first. Set resources.limits.memory (usually equal to the request).',
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
    { name: 'Pod, when asked', code: workload('Pod', APP), options: { memory: true }, errors: [{ messageId: 'noMemoryLimit', line: 8, column: 7 }] },
    {
      name: 'the pause container too, when asked: a Guaranteed pod needs limits on every container',
      code: workload('DaemonSet', '- name: pause\n  image: registry.k8s.io/pause:3.9\n', `initContainers:\n  - name: setup\n    image: x\n    resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}`),
      options: { memory: true },
      errors: [{ messageId: 'noMemoryLimit', data: { name: 'pause' }, line: 13, column: 11 }],
    },
  ],
});
