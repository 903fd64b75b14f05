import { defineRule, joinPointer } from '@kubelore/core';
import { isCoveredInit, isPauseContainer, isScheduled, resourcesOf } from '../resources.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a container without cpu and memory requests (one-shot init containers and the pause container aside)',
      story:
        'the scheduler places pods by their requests; a pod that requests nothing fits on any node, so busy nodes keep receiving pods until they saturate, and the kubelet evicts the pods that asked for nothing first.',
      recommended: true,
    },
    messages: {
      missing:
        'Container "{{name}}" requests no {{resources}}: the scheduler places it as if it needed nothing, and nodes fill until they saturate. Set resources.requests.',
    },
    schema: {
      type: 'object',
      properties: { resources: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { resources: ['cpu', 'memory'] as string[] },
  },
  create(context) {
    const wanted = context.options.resources;
    return {
      Container(view) {
        if (!isScheduled(view) || isCoveredInit(view) || isPauseContainer(view)) return;
        const { requests } = resourcesOf(view);
        const missing = wanted.filter((resource) => requests[resource] === undefined || requests[resource] === null);
        if (missing.length === 0) return;
        context.report({
          node: view,
          pointer: joinPointer(view.pointer, 'resources', 'requests'),
          messageId: 'missing',
          data: { name: view.name, resources: missing.join(' or ') },
        });
      },
    };
  },
});
