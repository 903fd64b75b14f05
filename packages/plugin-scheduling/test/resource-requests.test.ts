import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/resource-requests.js';
import { APP, SIZED } from './manifests.js';

const limitsOnly = `${APP}  resources:\n    limits: {cpu: 500m, memory: 256Mi}\n`;
const cpuOnly = `${APP}  resources:\n    requests: {cpu: 100m}\n`;

new RuleTester().run('scheduling/resource-requests', rule, {
  valid: [
    { name: 'cpu and memory requested', code: workload('Deployment', SIZED) },
    { name: "a kustomize patch leaves requests to the base it changes", code: workload('Deployment', APP), filename: 'overlays/prod/manager_config_patch.yaml' },
    {
      name: 'so does a file a kustomization lists as a patch, whatever its name',
      code: workload('Deployment', APP),
      filename: 'overlays/prod/web.yaml',
      files: { 'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\npatchesStrategicMerge: [web.yaml]\n' },
    },
    { name: 'limits stand in for missing requests, as the API server copies them', code: workload('StatefulSet', limitsOnly) },
    { name: 'only memory asked for', code: workload('Pod', `${APP}  resources:\n    requests: {memory: 64Mi}\n`), options: { resources: ['memory'] } },
    {
      name: 'a one-shot init container: the pod requests the larger of it and the sized main containers',
      code: workload('CronJob', SIZED, `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: migrate')}`),
    },
    {
      name: 'a system-critical pod with cpu requested: the kubelet never evicts it, so unrequested memory is a strict question',
      code: workload('DaemonSet', cpuOnly, 'priorityClassName: system-node-critical'),
    },
    {
      name: 'node setup: one-shot init containers, then only pause: an evicted idle pod reruns its setup',
      code: workload('DaemonSet', '- name: pause\n  image: registry.k8s.io/pause:3.9\n', `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: setup')}`),
    },
    { name: 'a one-shot Job (a fixed name, one pod): evicted, its pod is replaced by the Job controller', code: workload('Job', APP) },
    { name: 'the pause container only sleeps', code: workload('DaemonSet', `${SIZED}- name: keepalive\n  image: gcr.io/google_containers/pause-amd64:3.1\n`) },
  ],
  invalid: [
    {
      name: 'Deployment without resources',
      code: workload('Deployment', APP),
      errors: [
        {
          messageId: 'bestEffort',
          message:
            'No container of this pod requests or limits cpu or memory ("app"): the pod is BestEffort, the first the kubelet evicts when the node runs short of memory, and the scheduler places it as if it needed nothing. Set resources.requests on it.',
          line: 13,
          column: 11,
        },
      ],
    },
    {
      name: 'DaemonSet with cpu only: Burstable, and the message says what a missing memory request does',
      code: workload('DaemonSet', cpuOnly),
      errors: [
        {
          messageId: 'missing',
          message:
            "Container \"app\" requests no memory: the scheduler reserves no memory for it, and all it uses is over the pod's request when the kubelet picks pods to evict under memory pressure. Set resources.requests.",
          line: 16,
          column: 13,
        },
      ],
    },
    {
      name: 'a parallel Job runs many pods at once',
      code: workload('Job', APP).replace('spec:\n  template:', 'spec:\n  parallelism: 4\n  template:'),
      errors: [{ messageId: 'bestEffort', data: { names: '"app"', each: 'it' }, line: 12, column: 11 }],
    },
    {
      name: 'strict: a one-shot Job too (reportOneShotJobs)',
      code: workload('Job', APP),
      options: { reportOneShotJobs: true },
      errors: [{ messageId: 'bestEffort', data: { names: '"app"', each: 'it' }, line: 11, column: 11 }],
    },
    {
      name: 'a system-critical pod is never evicted by the kubelet: the message says what a missing cpu request still does',
      code: workload('Deployment', APP, 'priorityClassName: system-cluster-critical'),
      errors: [
        {
          messageId: 'critical',
          message:
            "Container \"app\" requests no cpu: its priority class system-cluster-critical spares the pod from the kubelet's evictions, but it gets the smallest cpu weight, so it starves when the node is busy. Set resources.requests.",
          line: 13,
          column: 11,
        },
      ],
    },
    {
      name: 'reportCriticalMemory (strict): unrequested memory of a critical pod skews the node\'s count',
      code: workload('DaemonSet', cpuOnly, 'priorityClassName: system-node-critical'),
      options: { reportCriticalMemory: true },
      errors: [
        {
          messageId: 'critical',
          message:
            "Container \"app\" requests no memory: its priority class system-node-critical spares the pod from the kubelet's evictions, but the scheduler counts none of its memory, so the node it runs on can be overcommitted and other pods evicted. Set resources.requests.",
          line: 16,
          column: 13,
        },
      ],
    },
    {
      name: 'Jobs a build system creates from a generateName: builders that request nothing all fit on one node, and the cluster autoscaler, which scales on pending pods, never adds another',
      code: workload('Job', APP).replace('  name: api\n', '  generateName: build-\n'),
      errors: [{ messageId: 'bestEffort', data: { names: '"app"', each: 'it' }, line: 11, column: 11 }],
    },
    {
      name: 'a BestEffort pod of several containers is one finding, at the first, naming them all',
      code: workload('Deployment', `${APP}${APP.replace('name: app', 'name: sidecar')}`),
      errors: [
        {
          messageId: 'bestEffort',
          message:
            'No container of this pod requests or limits cpu or memory ("app", "sidecar"): the pod is BestEffort, the first the kubelet evicts when the node runs short of memory, and the scheduler places it as if it needed nothing. Set resources.requests on each.',
          line: 13,
          column: 11,
        },
      ],
    },
    {
      name: 'a container without requests beside a sized one: the pod is Burstable, not BestEffort',
      code: workload('Deployment', `${SIZED}${APP.replace('name: app', 'name: helper')}`),
      errors: [
        {
          messageId: 'missing',
          message:
            "Container \"helper\" requests no cpu or memory: it gets the smallest cpu weight, so it starves when the node is busy; the scheduler reserves no memory for it, and all it uses is over the pod's request when the kubelet picks pods to evict under memory pressure. Set resources.requests.",
          line: 18,
          column: 11,
        },
      ],
    },
    {
      name: 'CronJob: a sidecar init container (restartPolicy Always) runs beside the app and counts',
      code: workload('CronJob', SIZED, `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: proxy\n    restartPolicy: Always')}`),
      errors: [{ messageId: 'missing', data: { name: 'proxy', resources: 'cpu or memory', consequence: "it gets the smallest cpu weight, so it starves when the node is busy; the scheduler reserves no memory for it, and all it uses is over the pod's request when the kubelet picks pods to evict under memory pressure." }, line: 21, column: 15 }],
    },
    {
      name: 'strict: DaemonSet whose only main container is pause: the init containers are the work and count',
      options: { reportNodeSetup: true },
      code: workload('DaemonSet', '- name: pause\n  image: registry.k8s.io/pause:3.9\n', `initContainers:\n${APP.replace(/^/gm, '  ').replace(/ +$/, '').replace('name: app', 'name: setup')}`),
      errors: [{ messageId: 'bestEffort', data: { names: '"setup"', each: 'it' }, line: 16, column: 11 }],
    },
    { name: 'Pod asking for ephemeral-storage too', code: workload('Pod', SIZED), options: { resources: ['cpu', 'memory', 'ephemeral-storage'] }, errors: [{ messageId: 'missing', data: { name: 'app', resources: 'ephemeral-storage', consequence: 'the scheduler reserves no ephemeral-storage for it.' }, line: 11, column: 9 }] },
  ],
});
