import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/config-valid.js';

const app = '- name: app\n  image: ghcr.io/acme/app:1.0\n';
const searches = (count: number) => `dnsConfig:\n  searches: [${Array.from({ length: count }, (_, i) => `s${i}.example.com`).join(', ')}]`;

// Pod-level fields start at line 15, column 7 in a Deployment/StatefulSet/DaemonSet; 17/11 in a CronJob (after restartPolicy); 10/3 in a Pod.
new RuleTester().run('dns/config-valid', rule, {
  valid: [
    { name: 'no DNS settings', code: workload('Deployment', app) },
    { name: 'None with a nameserver', code: workload('Pod', app, 'dnsPolicy: None\ndnsConfig:\n  nameservers: [10.0.0.10]\n  options: [{name: ndots, value: "2"}, {name: edns0}]') },
    { name: 'ndots override', code: workload('CronJob', app, 'dnsConfig:\n  options:\n    - name: ndots\n      value: "1"') },
    { name: '32 search domains on 1.28', code: workload('DaemonSet', app, searches(32)), settings: { kubernetesVersion: '1.28' } },
  ],
  invalid: [
    {
      name: 'None without nameservers',
      code: workload('Deployment', app, 'dnsPolicy: None'),
      errors: [
        {
          messageId: 'noneWithoutNameservers',
          message: '`dnsPolicy: None` without `dnsConfig.nameservers`: the pod has no resolver and the API server rejects it.',
          line: 15,
          column: 18,
        },
      ],
    },
    {
      name: 'None with a dnsConfig lacking nameservers is reported at the dnsConfig',
      code: workload('StatefulSet', app, 'dnsPolicy: None\ndnsConfig:\n  searches: [example.com]'),
      errors: [{ messageId: 'noneWithoutNameservers', line: 16, column: 7 }],
    },
    {
      name: 'four nameservers',
      code: workload('Pod', app, 'dnsConfig:\n  nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 10.0.0.10]'),
      errors: [
        {
          messageId: 'tooManyNameservers',
          message: '4 nameservers, over the limit of 3: the API server rejects the pod (the resolver would use only the first 3 anyway).',
          line: 11,
          column: 5,
        },
      ],
    },
    {
      name: 'seven search domains before 1.28',
      code: workload('DaemonSet', app, searches(7)),
      settings: { kubernetesVersion: '1.27' },
      errors: [
        {
          messageId: 'tooManySearches',
          message: '7 search domains, over the limit of 6 on Kubernetes 1.27: the API server rejects the pod.',
          line: 16,
          column: 9,
        },
      ],
    },
    {
      name: '33 search domains on 1.36',
      code: workload('Deployment', app, searches(33)),
      errors: [{ messageId: 'tooManySearches', data: { count: 33, max: 32, version: '1.36' }, line: 16, column: 9 }],
    },
    {
      name: 'search list over 256 characters before 1.28',
      code: workload('Deployment', app, `dnsConfig:\n  searches: [${'a'.repeat(120)}.example.com, ${'b'.repeat(120)}.example.com]`),
      settings: { kubernetesVersion: '1.25' },
      errors: [
        {
          messageId: 'searchesTooLong',
          message: 'The search domains take 265 characters, over the limit of 256 on Kubernetes 1.25: the API server rejects the pod.',
          line: 16,
          column: 9,
        },
      ],
    },
    {
      name: 'CronJob: an option without a name and a non-numeric ndots',
      code: workload('CronJob', app, 'dnsConfig:\n  options:\n    - value: "2"\n    - name: ndots\n      value: two'),
      errors: [
        { messageId: 'optionWithoutName', message: 'A dnsConfig option without a name: the API server rejects the pod.', line: 19, column: 17 },
        { messageId: 'optionNotNumeric', message: 'dnsConfig option "ndots" needs a whole number, not "two": the resolver ignores it.', line: 21, column: 24 },
      ],
    },
    {
      name: 'unknown policy',
      code: workload('Pod', app, 'dnsPolicy: ClusterFirstWithHostNetwork'),
      errors: [
        {
          messageId: 'unknownPolicy',
          message: 'Unknown dnsPolicy "ClusterFirstWithHostNetwork": use ClusterFirst, ClusterFirstWithHostNet, Default or None.',
          line: 10,
          column: 14,
        },
      ],
    },
  ],
});
