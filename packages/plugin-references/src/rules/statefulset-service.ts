import { containersOf, defineRule, describeLabels, isPlainObject, joinPointer, serviceSelectorMatches, type Resource } from '@kubelore/core';
import type { Service } from 'kubernetes-types/core/v1.js';
import { applyScopeOf, applyUnits } from '../scope.js';
import { listOf } from '../shapes.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a StatefulSet whose `serviceName` names no Service applied with it, or a Service that is not headless or does not select its pods',
      story:
        'a StatefulSet\'s pods get their stable DNS names (`db-0.db.<namespace>.svc`) from its governing headless Service; without it, with a ClusterIP Service, or with one that selects other pods, those names do not resolve and peers cannot find each other.',
      recommended: true,
    },
    messages: {
      missing: 'StatefulSet "{{name}}" names serviceName "{{service}}", but no Service of that name is in the linted files in namespace "{{namespace}}": its pods get no stable DNS names.',
      notHeadless: 'StatefulSet "{{name}}" is governed by Service "{{service}}", which is not headless (`clusterIP: None`): per-pod DNS names such as {{name}}-0.{{service}} do not resolve.',
      noSelector:
        'StatefulSet "{{name}}" is governed by Service "{{service}}", which has no selector: no endpoints are made for its pods, so per-pod DNS names such as {{name}}-0.{{service}} do not resolve.',
      selectorMismatch:
        'StatefulSet "{{name}}" is governed by Service "{{service}}", whose selector {{selector}} does not match its pods\' labels {{labels}}: the pods get no endpoints in it, so per-pod DNS names such as {{name}}-0.{{service}} do not resolve.',
    },
    schema: {
      type: 'object',
      properties: { reportPortless: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { reportPortless: false },
    strictOptions: { reportPortless: true },
    visits: ['StatefulSet'],
  },
  create(context) {
    const units = applyUnits(context.index, applyScopeOf(context.settings));
    return {
      StatefulSet(statefulSet: Resource) {
        const spec = statefulSet.object.spec as { serviceName?: unknown } | undefined;
        const serviceName = spec?.serviceName;
        if (typeof serviceName !== 'string' || serviceName === '') return;
        const pointer = joinPointer(statefulSet.pointer, 'spec', 'serviceName');
        const name = statefulSet.name ?? '(unnamed)';
        const named = context.index.findAll<Service>('Service', serviceName, statefulSet.namespace);
        const service = named.find((candidate) => units.together(candidate, statefulSet));
        if (!service) {
          // A Service of that name in a folder applied apart: how the two meet is not in the input.
          if (named.length > 0) return;
          // Pods that declare no port are not what clients reach by name: the DNS names would serve nobody.
          const pod = context.index.podViewOf(statefulSet);
          const declaresPorts = pod !== undefined && containersOf(pod).some((view) => (view.role === 'container' || view.sidecar) && listOf(view.container.ports).length > 0);
          if (pod && !declaresPorts && !context.options.reportPortless) return;
          context.report({ node: statefulSet, pointer, messageId: 'missing', data: { name, service: serviceName, namespace: statefulSet.namespace ?? '' } });
          return;
        }
        const serviceSpec = service.object.spec;
        if (serviceSpec?.clusterIP !== 'None') {
          context.report({ node: statefulSet, pointer, messageId: 'notHeadless', data: { name, service: serviceName } });
          return;
        }
        const selector = serviceSpec?.selector;
        if (!isPlainObject(selector) || Object.keys(selector).length === 0) {
          context.report({ node: statefulSet, pointer, messageId: 'noSelector', data: { name, service: serviceName } });
          return;
        }
        const pod = context.index.podViewOf(statefulSet);
        if (pod && !serviceSelectorMatches(selector, pod.labels)) {
          context.report({ node: statefulSet, pointer, messageId: 'selectorMismatch', data: { name, service: serviceName, selector: describeLabels(selector), labels: describeLabels(pod.labels) } });
        }
      },
    };
  },
});
