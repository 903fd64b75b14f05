import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/kubelet-api-qps.js';

const kubelet = (fields: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${fields}`;

new RuleTester().run('scheduling/kubelet-api-qps', rule, {
  valid: [
    { name: 'the current defaults, unset, on 1.27+', code: kubelet('maxPods: 110\n') },
    { name: 'raised explicitly on an old version', code: kubelet('kubeAPIQPS: 50\nkubeAPIBurst: 100\n'), settings: { kubernetesVersion: '1.24' } },
    { name: 'custom minimums', code: kubelet('kubeAPIQPS: 20\nkubeAPIBurst: 40\n'), options: { minQPS: 20, minBurst: 40 } },
  ],
  invalid: [
    {
      name: 'the old defaults set explicitly',
      code: kubelet('kubeAPIQPS: 5\nkubeAPIBurst: 10\n'),
      errors: [
        { messageId: 'low', message: 'kubelet kubeAPIQPS is 5: under pod churn the kubelet reports pod IPs and status minutes late. Raise it to at least 50 (the default since 1.27).', line: 3, column: 13 },
        { messageId: 'low', data: { field: 'kubeAPIBurst', value: 10, source: '', minimum: 100 }, line: 4, column: 15 },
      ],
    },
    {
      name: 'unset before 1.27 means 5 and 10; reported at the nearest existing field',
      code: kubelet('maxPods: 110\n'),
      settings: { kubernetesVersion: '1.25' },
      // Findings at the same place are ordered by message.
      errors: [
        { messageId: 'low', data: { field: 'kubeAPIBurst', value: 10, source: ' (the default before 1.27, unset here)', minimum: 100 }, line: 1, column: 1 },
        { messageId: 'low', message: 'kubelet kubeAPIQPS is 5 (the default before 1.27, unset here): under pod churn the kubelet reports pod IPs and status minutes late. Raise it to at least 50 (the default since 1.27).', line: 1, column: 1 },
      ],
    },
  ],
});
