import { defineRule, isPlainObject, joinPointer, versionAtLeast, type Resource } from '@kubelore/core';

// unhealthyPodEvictionPolicy: beta and on by default in 1.27, GA in 1.31.
const POLICY_SINCE = '1.27';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a PodDisruptionBudget without `unhealthyPodEvictionPolicy: AlwaysAllow`',
      story:
        'by default pods that are not ready still count against the budget; a crash-looping replica then blocks every drain, although evicting it would harm nothing.',
      recommended: 'strict',
    },
    messages: {
      missing: 'PodDisruptionBudget "{{name}}" does not set `unhealthyPodEvictionPolicy: AlwaysAllow`: crash-looping pods block node drains.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    if (!versionAtLeast(context.settings.kubernetesVersion, POLICY_SINCE)) return {};
    return {
      PodDisruptionBudget(pdb: Resource) {
        const spec = isPlainObject(pdb.object.spec) ? pdb.object.spec : {};
        if (spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return;
        const pointer = joinPointer(pdb.pointer, 'spec', 'unhealthyPodEvictionPolicy');
        context.report({ node: pdb, pointer, messageId: 'missing', data: { name: pdb.name ?? '(unnamed)' } });
      },
    };
  },
});
