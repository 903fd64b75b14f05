import { defineRule, isPlainObject, joinPointer, versionAtLeast, type Resource } from '@kubelore/core';

// unhealthyPodEvictionPolicy: beta and on by default in 1.27, GA in 1.31.
const POLICY_SINCE = '1.27';

/** A budget that lets every pod go (`minAvailable: 0`, `maxUnavailable: 100%`) never blocks a drain. */
function neverBlocks(spec: Record<string, unknown>): boolean {
  const { minAvailable, maxUnavailable } = spec;
  return minAvailable === 0 || minAvailable === '0' || minAvailable === '0%' || maxUnavailable === '100%';
}

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a PodDisruptionBudget that can block a drain and leaves `unhealthyPodEvictionPolicy` unset',
      story:
        'by default pods that are not ready still count against the budget; a crash-looping replica then blocks every drain, although evicting it would harm nothing.',
      recommended: 'strict',
    },
    messages: {
      missing: 'PodDisruptionBudget "{{name}}" does not set `unhealthyPodEvictionPolicy`: by default (IfHealthyBudget) crash-looping pods block node drains. Set `AlwaysAllow`, or `IfHealthyBudget` to keep the default on purpose.',
    },
    visits: ['PodDisruptionBudget'],
  },
  create(context) {
    if (!versionAtLeast(context.settings.kubernetesVersion, POLICY_SINCE)) return {};
    return {
      PodDisruptionBudget(pdb: Resource) {
        const spec = isPlainObject(pdb.object.spec) ? pdb.object.spec : {};
        // An explicit policy, either one, is a decision; a budget that never blocks needs none.
        if (spec.unhealthyPodEvictionPolicy !== undefined || neverBlocks(spec)) return;
        context.report({ node: pdb, pointer: joinPointer(pdb.pointer, 'spec'), messageId: 'missing', data: { name: pdb.name ?? '(unnamed)' } });
      },
    };
  },
});
