import { defineRule, editorFor, joinPointer, type PodView, type Suggestion } from '@kubelore/core';
import { minimumReplicas } from '../replicas.js';
import { spreadTermsOf } from '../topology.js';

function suggestSpread(pod: PodView): Suggestion[] {
  if (Object.keys(pod.labels).length === 0 || pod.spec.topologySpreadConstraints) return [];
  const constraint = {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: pod.labels },
  };
  const fix = editorFor(pod).insertKey(pod.pointer, 'topologySpreadConstraints', [constraint]);
  return fix ? [{ desc: 'Spread the replicas over nodes with a topology spread constraint', fix }] : [];
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a workload with more than one replica and neither pod anti-affinity nor a topology spread constraint',
      story:
        'nothing stops the scheduler from putting every replica on one node; when that node fails or saturates, the whole service is down at once, and the rescheduled pods overload the next node (Moonlight).',
      recommended: true,
    },
    messages: {
      notSpread:
        '{{kind}} "{{name}}" runs {{replicas}} replicas with no pod anti-affinity or topology spread constraint on {{keys}}: they can all land on one node, and that node\'s failure is a full outage.',
    },
    schema: {
      type: 'object',
      properties: { topologyKeys: { type: 'array', items: { type: 'string' }, minItems: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { topologyKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'] as string[] },
    hasSuggestions: true,
  },
  create(context) {
    const { topologyKeys } = context.options;
    return {
      PodSpec(pod) {
        const replicas = minimumReplicas(pod, context.index);
        if (replicas === undefined || replicas <= 1 || pod.resource.kind === 'Pod') return;
        const spread = spreadTermsOf(pod).some((term) => term.topologyKey !== undefined && topologyKeys.includes(term.topologyKey));
        if (spread) return;
        context.report({
          node: pod,
          pointer: joinPointer(pod.pointer, 'topologySpreadConstraints'),
          messageId: 'notSpread',
          data: { kind: pod.resource.kind, name: pod.resource.name ?? '(unnamed)', replicas, keys: topologyKeys.join(' or ') },
          suggest: suggestSpread(pod),
        });
      },
    };
  },
});
