import { defineRule, joinPointer } from '@kubelore/core';
import { servingReason, stopsBeforeReplacement } from '../serving.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a container that receives traffic has no readiness probe',
      story:
        'without a readiness probe a pod joins the Service the moment its process starts, so traffic reaches it before it can answer, on every rollout and restart.',
      recommended: true,
    },
    messages: {
      missing:
        'Container "{{name}}" receives traffic ({{reason}}) but has no readinessProbe: it gets requests before it can answer them. Add a readinessProbe on the port it serves.',
    },
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        if (view.container.readinessProbe) return;
        const reason = servingReason(view, context.index, context.settings);
        if (reason === undefined) return;
        // A single pod stopped before its replacement starts has no other endpoint while the new one
        // starts: a probe would change the error its clients get, not spare them one.
        if (stopsBeforeReplacement(view.pod, context.index, context.settings)) return;
        context.report({ node: view, pointer: joinPointer(view.pointer, 'readinessProbe'), messageId: 'missing', data: { name: view.name, reason } });
      },
    };
  },
});
