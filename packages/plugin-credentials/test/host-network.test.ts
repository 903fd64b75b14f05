import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/host-network.js';

const builder = '- name: build\n  image: registry.example.org/cdp/builder:2024.11\n';

new RuleTester().run('credentials/host-network', rule, {
  valid: [
    { name: 'pod network', code: workload('Deployment', builder) },
    { name: 'a DaemonSet is a node agent: one per node, doing node-level work', code: workload('DaemonSet', '- name: speaker\n  image: quay.io/metallb/speaker:v0.14.9\n', 'hostNetwork: true') },
    { name: 'kube2iam itself runs on the host network', code: workload('DaemonSet', '- name: kube2iam\n  image: jtblin/kube2iam:0.11.2\n', 'hostNetwork: true') },
    { name: 'an allowed node agent', code: workload('DaemonSet', '- name: exporter\n  image: quay.io/prometheus/node-exporter:v1.8.2\n', 'hostNetwork: true'), options: { allowImages: ['quay.io/prometheus/node-exporter:*'] } },
    { name: 'an allowed namespace', code: workload('DaemonSet', builder, 'hostNetwork: true').replace('name: api\n', 'name: api\n  namespace: kube-system\n'), options: { allowNamespaces: ['kube-system'] } },
    {
      name: 'a CNI controller with a system-critical priority runs before pod networking exists',
      code: workload('Deployment', builder, 'hostNetwork: true\npriorityClassName: system-cluster-critical'),
    },
    {
      name: 'a network operator that tolerates every NoSchedule taint runs on nodes whose network is not ready',
      code: workload('Deployment', builder, 'hostNetwork: true\ntolerations:\n  - {operator: Exists, effect: NoSchedule}'),
    },
    { name: 'tolerating a not-ready network is the same', code: workload('Deployment', builder, 'hostNetwork: true\ntolerations:\n  - {key: CriticalAddonsOnly, operator: Exists}') },
  ],
  invalid: [
    {
      name: 'tolerating the control-plane taint alone says nothing about networking',
      code: workload('Deployment', builder, 'hostNetwork: true\ntolerations:\n  - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}'),
      errors: [{ messageId: 'hostNetwork', line: 15, column: 20 }],
    },
    {
      name: 'strict asks about cluster bootstrap components too',
      code: workload('Deployment', builder, 'hostNetwork: true\npriorityClassName: system-node-critical'),
      options: { allowClusterBootstrap: false },
      errors: [{ messageId: 'hostNetwork', line: 15, column: 20 }],
    },
    {
      name: 'a Job-like builder on the host network',
      code: workload('CronJob', builder, 'hostNetwork: true'),
      errors: [
        {
          messageId: 'hostNetwork',
          message:
            "Pod runs on the host network: credential agents such as kube2iam cannot tell it from the node, so it gets the node's IAM role, and it shares the node's ports. Remove `hostNetwork: true` unless this is a node agent.",
          line: 17,
          column: 24,
        },
      ],
    },
    { name: 'Deployment', code: workload('Deployment', builder, 'hostNetwork: true'), errors: [{ messageId: 'hostNetwork', line: 15, column: 20 }] },
    { name: 'StatefulSet', code: workload('StatefulSet', builder, 'hostNetwork: true'), errors: [{ messageId: 'hostNetwork', line: 15, column: 20 }] },
    {
      name: 'DaemonSet mixing an agent with another container, when DaemonSets are not taken as node agents (strict)',
      code: workload('DaemonSet', `${builder}- name: kube2iam\n  image: jtblin/kube2iam:0.11.2\n`, 'hostNetwork: true'),
      options: { allowDaemonSets: false },
      errors: [{ messageId: 'hostNetwork', line: 17, column: 20 }],
    },
    { name: 'Pod', code: workload('Pod', builder, 'hostNetwork: true'), errors: [{ messageId: 'hostNetwork', line: 10, column: 16 }] },
  ],
});
