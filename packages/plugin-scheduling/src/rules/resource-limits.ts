import { defineRule, joinPointer, parseQuantity } from '@kubelore/core';
import { isScheduled } from '../resources.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a memory limit below the request, which the API server rejects (and, in strict or when asked, a container without a memory or a cpu limit)',
      story:
        'a container without a memory limit can grow until the node runs out of memory; the kernel OOM killer and the kubelet\'s evictions then take down its neighbours too.',
      recommended: true,
    },
    messages: {
      noMemoryLimit:
        'Container "{{name}}" has no memory limit, which this configuration requires (option memory, on in strict): it can grow past its request until the node is short of memory, and the kubelet then evicts pods over their requests first. Set resources.limits.memory (usually equal to the request).',
      limitBelowRequest: 'Container "{{name}}" has a memory limit ({{limit}}) below its request ({{request}}): the API server rejects the pod.',
      noCpuLimit:
        'Container "{{name}}" has no cpu limit, which this configuration requires (option cpu, on in strict): without one it may use any idle cpu of the node, so its speed depends on its neighbours. A limit makes it predictable at the price of CFS throttling; set resources.limits.cpu, or turn the option off.',
    },
    schema: {
      type: 'object',
      properties: { cpu: { type: 'boolean' }, memory: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { cpu: false, memory: false },
    strictOptions: { cpu: true, memory: true },
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        if (!isScheduled(view)) return;
        const resources = view.container.resources ?? {};
        const limits = (resources.limits ?? {}) as Record<string, unknown>;
        const requests = (resources.requests ?? {}) as Record<string, unknown>;
        const limitsPointer = joinPointer(view.pointer, 'resources', 'limits');
        if (limits.memory === undefined) {
          if (context.options.memory) context.report({ node: view, pointer: joinPointer(limitsPointer, 'memory'), messageId: 'noMemoryLimit', data: { name: view.name } });
        } else {
          const limit = parseQuantity(limits.memory);
          const request = parseQuantity(requests.memory);
          if (limit !== undefined && request !== undefined && limit < request) {
            context.report({
              node: view,
              pointer: joinPointer(limitsPointer, 'memory'),
              messageId: 'limitBelowRequest',
              data: { name: view.name, limit: String(limits.memory), request: String(requests.memory) },
            });
          }
        }
        if (context.options.cpu && limits.cpu === undefined) {
          context.report({ node: view, pointer: joinPointer(limitsPointer, 'cpu'), messageId: 'noCpuLimit', data: { name: view.name } });
        }
      },
    };
  },
});
