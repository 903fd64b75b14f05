import { defineRule, joinPointer, versionAtLeast, type Resource } from '@kubelore/core';

// KubeletConfiguration defaults: kubeAPIQPS 5 and kubeAPIBurst 10 until 1.26; 50 and 100 since 1.27.
const NEW_DEFAULTS_SINCE = '1.27';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a `KubeletConfiguration` whose `kubeAPIQPS`/`kubeAPIBurst` are at the old defaults of 5 and 10 (which is what unset means before 1.27)',
      story:
        'under pod churn a throttled kubelet reports pod status, pod IPs included, minutes late; agents that map pod IPs to credentials (kube2iam) cannot serve the new pods, and builds fail (Zalando).',
      recommended: true,
    },
    messages: {
      low: 'kubelet {{field}} is {{value}}{{source}}: under pod churn the kubelet reports pod IPs and status minutes late. Raise it to at least {{minimum}} (the default since 1.27).',
    },
    schema: {
      type: 'object',
      properties: { minQPS: { type: 'number', minimum: 0 }, minBurst: { type: 'number', minimum: 0 } },
      additionalProperties: false,
    },
    defaultOptions: { minQPS: 50, minBurst: 100 },
    visits: ['KubeletConfiguration'],
  },
  create(context) {
    const modern = versionAtLeast(context.settings.kubernetesVersion, NEW_DEFAULTS_SINCE);
    return {
      KubeletConfiguration(config: Resource) {
        const checks = [
          { field: 'kubeAPIQPS', minimum: context.options.minQPS, fallback: modern ? 50 : 5 },
          { field: 'kubeAPIBurst', minimum: context.options.minBurst, fallback: modern ? 100 : 10 },
        ];
        for (const { field, minimum, fallback } of checks) {
          const declared = config.object[field];
          const value = typeof declared === 'number' ? declared : fallback;
          if (value >= minimum) continue;
          context.report({
            node: config,
            pointer: joinPointer(config.pointer, field),
            messageId: 'low',
            data: { field, value, source: typeof declared === 'number' ? '' : ` (the default before 1.27, unset here)`, minimum },
          });
        }
      },
    };
  },
});
