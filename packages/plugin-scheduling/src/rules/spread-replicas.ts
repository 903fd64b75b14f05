import { defineRule, editorFor, joinPointer, selectorMatches, type PodView, type Suggestion } from '@kubelore/core';
import { describeLabels, replicaRange } from '../replicas.js';
import { spreadTermsOf, termCoversNamespace } from '../topology.js';

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
      notOwnPods:
        '{{kind}} "{{name}}" spreads with a {{term}} on {{key}} that {{why}}: it does not count the replicas, so they can all land on one node.',
      notSpread:
        '{{kind}} "{{name}}" can run {{replicas}} replicas{{scaling}} with no pod anti-affinity or topology spread constraint on {{keys}}: only the scheduler\'s soft default spreading keeps them apart, and it gives way when nodes are short of room, so they can end up on one node whose failure is a full outage.',
    },
    schema: {
      type: 'object',
      properties: { topologyKeys: { type: 'array', items: { type: 'string' }, minItems: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { topologyKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'] as string[] },
    hasSuggestions: true,
    visits: ['PodSpec'],
  },
  create(context) {
    const { topologyKeys } = context.options;
    return {
      PodSpec(pod) {
        if (pod.resource.kind === 'Pod') return;
        // "Can it run more than one pod?": an autoscaler's maximum, not its minimum.
        const range = replicaRange(pod, context.index, context.settings);
        if (!range || range.max <= 1) return;
        const onKeys = spreadTermsOf(pod).filter((term) => term.topologyKey !== undefined && topologyKeys.includes(term.topologyKey));
        // A term spreads the replicas only if it counts them: its selector picks the workload's own pods
        // (matchLabelKeys add the pod's own values, which always hold), in a scope that has their namespace.
        const counts = (term: (typeof onKeys)[number]) => selectorMatches(term.labelSelector, pod.labels) && termCoversNamespace(term, pod.resource.namespace, context.index);
        if (onKeys.some(counts)) return;
        const blind = onKeys[0];
        if (blind) {
          const ownPods = selectorMatches(blind.labelSelector, pod.labels);
          context.report({
            node: pod,
            pointer: ownPods ? blind.pointer : joinPointer(blind.pointer, 'labelSelector'),
            messageId: 'notOwnPods',
            data: {
              kind: pod.resource.kind,
              name: pod.resource.name ?? '(unnamed)',
              term: blind.kind,
              key: blind.topologyKey!,
              why: ownPods
                ? `counts pods of other namespaces only, not "${pod.resource.namespace ?? ''}"`
                : `selects ${blind.labelSelector ? JSON.stringify(blind.labelSelector).replace(/"/g, '') : 'nothing (no labelSelector)'}, not the pod's own labels ${describeLabels(pod.labels)}`,
            },
          });
          return;
        }
        context.report({
          node: pod,
          pointer: joinPointer(pod.pointer, 'topologySpreadConstraints'),
          messageId: 'notSpread',
          data: { kind: pod.resource.kind, name: pod.resource.name ?? '(unnamed)', replicas: range.max, scaling: range.autoscaler ? ` (the maximum of ${range.autoscaler})` : '', keys: topologyKeys.join(' or ') },
          suggest: suggestSpread(pod),
        });
      },
    };
  },
});
