import { defineRule, joinPointer, type Resource } from '@kubelore/core';
import type { Service } from 'kubernetes-types/core/v1.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a StatefulSet whose `serviceName` names no Service in the linted files, or a Service that is not headless',
      story:
        'a StatefulSet\'s pods get their stable DNS names (`db-0.db.<namespace>.svc`) from its governing headless Service; without it, or with a ClusterIP Service, those names do not resolve and peers cannot find each other.',
      recommended: true,
    },
    messages: {
      missing: 'StatefulSet "{{name}}" names serviceName "{{service}}", but no Service of that name is in the linted files in namespace "{{namespace}}": its pods get no stable DNS names.',
      notHeadless: 'StatefulSet "{{name}}" is governed by Service "{{service}}", which is not headless (`clusterIP: None`): per-pod DNS names such as {{name}}-0.{{service}} do not resolve.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      StatefulSet(statefulSet: Resource) {
        const spec = statefulSet.object.spec as { serviceName?: unknown } | undefined;
        const serviceName = spec?.serviceName;
        if (typeof serviceName !== 'string' || serviceName === '') return;
        const pointer = joinPointer(statefulSet.pointer, 'spec', 'serviceName');
        const name = statefulSet.name ?? '(unnamed)';
        const service = context.index.find<Service>('Service', serviceName, statefulSet.namespace);
        if (!service) {
          context.report({ node: statefulSet, pointer, messageId: 'missing', data: { name, service: serviceName, namespace: statefulSet.namespace ?? '' } });
        } else if (service.object.spec?.clusterIP !== 'None') {
          context.report({ node: statefulSet, pointer, messageId: 'notHeadless', data: { name, service: serviceName } });
        }
      },
    };
  },
});
