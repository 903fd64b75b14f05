import { defineRule, joinPointer } from '@kubelore/core';
import { minimumReplicas } from '../replicas.js';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a replicated workload that no PodDisruptionBudget in the linted files covers',
      story:
        'without a disruption budget a node drain or cluster upgrade may evict every replica at the same time; the service goes down during routine maintenance.',
      recommended: 'strict',
    },
    messages: {
      missing: '{{kind}} "{{name}}" runs {{replicas}} replicas and no PodDisruptionBudget in the linted files selects its pods: a drain can evict them all at once.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      PodSpec(pod) {
        const replicas = minimumReplicas(pod, context.index);
        if (replicas === undefined || replicas <= 1 || pod.resource.kind === 'Pod') return;
        if (context.index.disruptionBudgetsFor(pod).length > 0) return;
        context.report({
          node: pod,
          pointer: joinPointer(pod.resource.pointer, 'spec', 'replicas'),
          messageId: 'missing',
          data: { kind: pod.resource.kind, name: pod.resource.name ?? '(unnamed)', replicas },
        });
      },
    };
  },
});
