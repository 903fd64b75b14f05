import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/host-network-policy.js';

const agent = '- name: agent\n  image: quay.io/acme/node-agent:2.1\n  args: ["--api=http://collector.monitoring.svc:4317"]\n';
const nodeAgent = '- name: calico-node\n  image: quay.io/calico/node:v3.29\n  env: [{name: DATASTORE_TYPE, value: kubernetes}, {name: IP, value: autodetect}]\n';

// hostNetwork is the first pod-level line after the one container (3 lines): Deployment line 16, CronJob 18, Pod 11.
new RuleTester().run('dns/host-network-policy', rule, {
  valid: [
    { name: 'pod network', code: workload('Deployment', agent) },
    { name: 'host network with ClusterFirstWithHostNet', code: workload('DaemonSet', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet') },
    { name: 'host network with the node resolver on purpose', code: workload('Pod', agent, 'hostNetwork: true\ndnsPolicy: Default') },
    { name: 'hostNetwork false', code: workload('StatefulSet', agent, 'hostNetwork: false') },
    { name: 'a node agent that names no cluster Service (a CNI must not depend on CoreDNS)', code: workload('DaemonSet', nodeAgent, 'hostNetwork: true') },
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
            "The pod uses the host network and names cluster Services, without `dnsPolicy: ClusterFirstWithHostNet`: it gets the node's resolver and cluster Service names do not resolve.",
          line: 16,
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
            "`dnsPolicy: ClusterFirst` on the host network behaves like `Default` (the node's resolver), and the pod names cluster Services: use `ClusterFirstWithHostNet` to resolve them.",
          line: 17,
          column: 18,
        },
      ],
    },
    {
      name: 'CronJob',
      code: workload('CronJob', agent, 'hostNetwork: true'),
      output: workload('CronJob', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [{ messageId: 'missing', line: 18, column: 24 }],
    },
    {
      name: 'Pod in flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostNetwork: true, containers: [{name: a, image: x, env: [{name: DB, value: "postgres:5432"}]}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: postgres}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n',
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostNetwork: true, containers: [{name: a, image: x, env: [{name: DB, value: "postgres:5432"}]}], dnsPolicy: ClusterFirstWithHostNet}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: postgres}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n',
      errors: [{ messageId: 'missing', line: 4, column: 21 }],
    },
    {
      name: 'StatefulSet',
      code: workload('StatefulSet', agent, 'hostNetwork: true'),
      output: workload('StatefulSet', agent, 'hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet'),
      errors: [{ messageId: 'missing', line: 16, column: 20 }],
    },
  ],
});
