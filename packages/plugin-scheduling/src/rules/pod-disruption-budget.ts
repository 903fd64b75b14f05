import { defineRule, joinPointer } from '@kubelore/core';
import { replicaRange } from '../replicas.js';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a workload that can run more than one replica and that no PodDisruptionBudget in the linted files covers',
      story:
        'without a disruption budget a node drain or cluster upgrade may evict every replica at the same time; the service goes down during routine maintenance.',
      recommended: 'strict',
    },
    messages: {
      missing: '{{kind}} "{{name}}" can run {{replicas}} replicas{{scaling}} and no PodDisruptionBudget in the linted files selects its pods: a drain can evict them all at once.',
    },
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        if (pod.resource.kind === 'Pod') return;
        // "Can it run more than one pod?": an autoscaler's maximum, not its minimum.
        const range = replicaRange(pod, context.index, context.settings);
        if (!range || range.max <= 1) return;
        // A budget anywhere in the input covers the pods: how it is applied is not ours to guess.
        if (context.index.disruptionBudgetsFor(pod).length > 0) return;
        context.report({
          node: pod,
          pointer: joinPointer(pod.resource.pointer, 'spec', 'replicas'),
          messageId: 'missing',
          data: { kind: pod.resource.kind, name: pod.resource.name ?? '(unnamed)', replicas: range.max, scaling: range.autoscaler ? ` (the maximum of ${range.autoscaler})` : '' },
        });
      },
    };
  },
});
