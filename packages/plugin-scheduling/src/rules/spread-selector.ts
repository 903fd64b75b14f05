import { defineRule, isPlainObject, joinPointer, selectorMatches } from '@kubelore/core';
import { describeLabels } from '../replicas.js';
import { spreadTermsOf } from '../topology.js';

/** The label keys a selector reads: its matchLabels' and matchExpressions'. */
function keysOf(selector: unknown): string[] {
  if (!isPlainObject(selector)) return [];
  const keys = isPlainObject(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  for (const expression of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (isPlainObject(expression) && typeof expression.key === 'string') keys.push(expression.key);
  }
  return keys;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod anti-affinity term or topology spread constraint whose label selector selects neither the pod itself nor another workload',
      story:
        'a spread rule only counts the pods its selector matches; a selector that misses the pod\'s own labels (a renamed label, a copy-pasted block) spreads nothing, and the replicas stack on one node while the manifest looks protected.',
      recommended: true,
    },
    schema: {
      type: 'object',
      properties: { reportForeignSelectors: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { reportForeignSelectors: false },
    strictOptions: { reportForeignSelectors: true },
    messages: {
      noSelector: 'This {{term}} has no labelSelector, so it counts no pods and spreads nothing: select the pod\'s own labels {{labels}}.',
      foreign:
        'This {{term}} selects {{selector}}, on label keys the pod does not have, and no pod template in the linted files matches it: unless a controller makes such pods, it does nothing. This configuration asks to confirm it (option reportForeignSelectors, on in strict).',
      missesSelf:
        'This {{term}} selects {{selector}}, which matches neither the pod\'s own labels {{labels}} nor any other pod template in the linted files: it spreads nothing.',
    },
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        const labels = describeLabels(pod.labels);
        for (const term of spreadTermsOf(pod)) {
          if (!term.labelSelector) {
            context.report({ node: pod, pointer: term.pointer, messageId: 'noSelector', data: { term: term.kind, labels } });
            continue;
          }
          // matchLabelKeys add the pod's own values for those keys: they always hold for the pod itself.
          if (selectorMatches(term.labelSelector, pod.labels)) continue;
          // Anti-affinity against another workload (routers away from their database) is deliberate.
          const others = context.index.podsMatching(term.labelSelector, pod.resource.namespace);
          if (others.some((other) => other !== pod)) continue;
          // A selector on none of the pod's own label keys is about other pods, perhaps ones a controller
          // creates at run time (a gateway's proxies): not provably a mistake.
          const foreign = !keysOf(term.labelSelector).some((key) => Object.hasOwn(pod.labels, key));
          if (foreign && !context.options.reportForeignSelectors) continue;
          context.report({
            node: pod,
            pointer: joinPointer(term.pointer, 'labelSelector'),
            messageId: foreign ? 'foreign' : 'missesSelf',
            data: { term: term.kind, selector: JSON.stringify(term.labelSelector).replace(/"/g, ''), labels },
          });
        }
      },
    };
  },
});
