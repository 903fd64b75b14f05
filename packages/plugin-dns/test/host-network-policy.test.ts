import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/host-network-policy.js';

const agent = '- name: agent\n  image: quay.io/acme/node-agent:2.1\n';

// hostNetwork is the first pod-level line after the one container (2 lines): Deployment line 15, CronJob 16, Pod 10.
new RuleTester().run('dns/host-network-policy', rule, {
  valid: [
    { name: 'pod network', code: workload('Deployment', agent) },
    { name: 'host network with ClusterFirstWithHostNet', code: workload('DaemonSet', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet') },
    { name: 'host network with the node resolver on purpose', code: workload('Pod', agent, 'hostNetwork: true\ndnsPolicy: Default') },
    { name: 'hostNetwork false', code: workload('StatefulSet', agent, 'hostNetwork: false') },
  ],
  invalid: [
    {
      name: 'DaemonSet on the host network without a policy: the fix adds one, keeping the comment',
      code: workload('DaemonSet', agent, 'hostNetwork: true # needs node ports'),
      output: workload('DaemonSet', agent, 'hostNetwork: true # needs node ports\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [
        {
          messageId: 'missing',
          message:
            "The pod uses the host network without `dnsPolicy: ClusterFirstWithHostNet`: it gets the node's resolver and cluster Service names do not resolve.",
          line: 15,
          column: 20,
        },
      ],
    },
    {
      name: 'Deployment with ClusterFirst spelled out: the fix replaces it',
      code: workload('Deployment', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirst'),
      output: workload('Deployment', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [
        {
          messageId: 'clusterFirst',
          message:
            "`dnsPolicy: ClusterFirst` on the host network behaves like `Default` (the node's resolver): use `ClusterFirstWithHostNet` to resolve cluster Service names.",
          line: 16,
          column: 18,
        },
      ],
    },
    {
      name: 'CronJob',
      code: workload('CronJob', agent, 'hostNetwork: true'),
      output: workload('CronJob', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [{ messageId: 'missing', line: 17, column: 24 }],
    },
    {
      name: 'Pod in flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostNetwork: true, containers: [{name: a, image: x}]}\n',
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostNetwork: true, containers: [{name: a, image: x}], dnsPolicy: ClusterFirstWithHostNet}\n',
      errors: [{ messageId: 'missing', line: 4, column: 21 }],
    },
    {
      name: 'StatefulSet',
      code: workload('StatefulSet', agent, 'hostNetwork: true'),
      output: workload('StatefulSet', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [{ messageId: 'missing', line: 15, column: 20 }],
    },
  ],
});
