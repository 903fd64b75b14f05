import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/node-pinning.js';
import { APP } from './manifests.js';

const hostAffinity = (hosts: string) => `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - {key: kubernetes.io/hostname, operator: In, values: [${hosts}]}`;

new RuleTester().run('scheduling/node-pinning', rule, {
  valid: [
    { name: 'a node pool label', code: workload('Deployment', APP, 'nodeSelector: {cloud.google.com/gke-nodepool: general}') },
    { name: 'affinity over two hosts', code: workload('StatefulSet', APP, hostAffinity('node-a, node-b')) },
    { name: 'DaemonSets are per node', code: workload('DaemonSet', APP, 'nodeSelector: {kubernetes.io/hostname: node-a}') },
  ],
  invalid: [
    {
      name: 'nodeName on a Deployment',
      code: workload('Deployment', APP, 'nodeName: worker-3'),
      errors: [{ messageId: 'nodeName', message: '`nodeName: worker-3` pins the pod to one node and bypasses the scheduler: it stays down while that node is down. Use node affinity on a label that several nodes share.', line: 15, column: 17 }],
    },
    {
      name: 'a hostname nodeSelector on a Pod',
      code: workload('Pod', APP, 'nodeSelector:\n  kubernetes.io/hostname: worker-3'),
      errors: [{ messageId: 'hostname', message: 'The pod can only run on node "worker-3" (nodeSelector): it goes down with that node. Select on a label that several nodes share.', line: 11, column: 29 }],
    },
    { name: 'required affinity on one host in a CronJob', code: workload('CronJob', APP, hostAffinity('worker-3')), errors: [{ messageId: 'hostname', data: { node: 'worker-3', how: 'required node affinity' }, line: 19, column: 15 }] },
  ],
});
