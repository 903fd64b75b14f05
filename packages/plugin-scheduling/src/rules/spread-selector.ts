import { defineRule, joinPointer, selectorMatches } from '@kubelore/core';
import { describeLabels } from '../replicas.js';
import { spreadTermsOf } from '../topology.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod anti-affinity term or topology spread constraint whose label selector selects neither the pod itself nor another workload',
      story:
        'a spread rule only counts the pods its selector matches; a selector that misses the pod\'s own labels (a renamed label, a copy-pasted block) spreads nothing, and the replicas stack on one node while the manifest looks protected.',
      recommended: true,
    },
    messages: {
      noSelector: 'This {{term}} has no labelSelector, so it counts no pods and spreads nothing: select the pod\'s own labels {{labels}}.',
      missesSelf:
        'This {{term}} selects {{selector}}, which matches neither the pod\'s own labels {{labels}} nor any other pod template in the linted files: it spreads nothing.',
    },
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
          context.report({
            node: pod,
            pointer: joinPointer(term.pointer, 'labelSelector'),
            messageId: 'missesSelf',
            data: { term: term.kind, selector: JSON.stringify(term.labelSelector).replace(/"/g, ''), labels },
          });
        }
      },
    };
  },
});
