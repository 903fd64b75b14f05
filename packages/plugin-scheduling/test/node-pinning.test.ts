import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/node-pinning.js';
import { APP } from './manifests.js';

const hostAffinity = (hosts: string) => `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - {key: kubernetes.io/hostname, operator: In, values: [${hosts}]}`;

new RuleTester().run('scheduling/node-pinning', rule, {
  valid: [
    { name: 'a node pool label', code: workload('Deployment', APP, 'nodeSelector: {cloud.google.com/gke-nodepool: general}') },
    { name: 'affinity over two hosts', code: workload('StatefulSet', APP, hostAffinity('node-a, node-b')) },
    { name: 'a hostname nodeSelector on a Pod is per-node work', code: workload('Pod', APP, 'nodeSelector:\n  kubernetes.io/hostname: worker-3') },
    { name: 'required affinity on one host in a CronJob is per-node work', code: workload('CronJob', APP, hostAffinity('worker-3')) },
    { name: 'perNodeKinds may name more kinds', code: workload('StatefulSet', APP, 'nodeSelector: {kubernetes.io/hostname: node-a}'), options: { perNodeKinds: ['StatefulSet'] } },
    { name: 'DaemonSets are per node', code: workload('DaemonSet', APP, 'nodeSelector: {kubernetes.io/hostname: node-a}') },
  ],
  invalid: [
    {
      name: 'nodeName on a Deployment',
      code: workload('Deployment', APP, 'nodeName: worker-3'),
      errors: [{ messageId: 'nodeName', message: '`nodeName: worker-3` pins the pod to one node and bypasses the scheduler: it stays down while that node is down. Use node affinity on a label that several nodes share.', line: 15, column: 17 }],
    },
    {
      name: 'a hostname nodeSelector on a Deployment',
      code: workload('Deployment', APP, 'nodeSelector:\n  kubernetes.io/hostname: worker-3'),
      errors: [{ messageId: 'hostname', message: 'The pod can only run on node "worker-3" (nodeSelector): it goes down with that node. Select on a label that several nodes share.', line: 16, column: 33 }],
    },
    { name: 'required affinity on one host in a StatefulSet', code: workload('StatefulSet', APP, hostAffinity('worker-3')), errors: [{ messageId: 'hostname', data: { node: 'worker-3', how: 'required node affinity' }, line: 17, column: 11 }] },
    { name: 'a Pod pinned by hostname when Pods are not in perNodeKinds', code: workload('Pod', APP, 'nodeSelector:\n  kubernetes.io/hostname: worker-3'), options: { perNodeKinds: ['Job'] }, errors: [{ messageId: 'hostname', line: 11, column: 29 }] },
    {
      name: 'nodeName on a Job bypasses the scheduler',
      code: workload('CronJob', APP, 'nodeName: worker-3'),
      errors: [
        {
          messageId: 'nodeNamePerNode',
          message:
            "`nodeName: worker-3` binds the CronJob's pod to the node without the scheduler: only the kubelet checks that it fits, and a pod that does not is failed (OutOfcpu, OutOfmemory) instead of waiting. To run on that node on purpose, select it with `nodeSelector: {kubernetes.io/hostname: worker-3}`.",
          line: 17,
          column: 21,
        },
      ],
    },
  ],
});
