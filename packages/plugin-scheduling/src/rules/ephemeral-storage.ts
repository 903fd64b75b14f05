import { defineRule, joinPointer } from '@kubelore/core';
import { isScheduled } from '../resources.js';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a container without an ephemeral-storage request and limit',
      story:
        'logs, caches and temp files on the node\'s disk are invisible to the scheduler unless requested; one container filling the disk puts the node under disk pressure and the kubelet evicts every pod on it.',
      recommended: 'strict',
    },
    messages: {
      missing: 'Container "{{name}}" declares no ephemeral-storage {{which}}: its disk use is invisible to the scheduler and unbounded on the node.',
    },
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        if (!isScheduled(view)) return;
        const resources = view.container.resources ?? {};
        const request = (resources.requests as Record<string, unknown> | undefined)?.['ephemeral-storage'];
        const limit = (resources.limits as Record<string, unknown> | undefined)?.['ephemeral-storage'];
        if (request !== undefined && limit !== undefined) return;
        const which = request === undefined && limit === undefined ? 'request or limit' : request === undefined ? 'request' : 'limit';
        const pointer = joinPointer(view.pointer, 'resources', request === undefined ? 'requests' : 'limits', 'ephemeral-storage');
        context.report({ node: view, pointer, messageId: 'missing', data: { name: view.name, which } });
      },
    };
  },
});
