import { containersOf, defineRule, isPlainObject, joinPointer, serviceSelectorMatches, type PodView, type Resource, type ResourceIndex } from '@kubelore/core';

/** Labels the controllers add to the pods they create: a Job's pods carry its name. */
function withControllerLabels(pod: PodView): Record<string, string> {
  if (pod.resource.kind !== 'Job' || !pod.resource.name) return pod.labels;
  return { ...pod.labels, 'job-name': pod.resource.name, 'batch.kubernetes.io/job-name': pod.resource.name };
}

function isBuiltInKind(resource: Resource): boolean {
  return !resource.group.includes('.') || resource.group.endsWith('.k8s.io');
}

// Namespaces holding custom resources, once per run: asked for each Service without pods.
const customNamespaces = new WeakMap<ResourceIndex, Set<string>>();

function hasCustomResources(index: ResourceIndex, namespace: string | undefined): boolean {
  let namespaces = customNamespaces.get(index);
  if (!namespaces) {
    namespaces = new Set(index.resources.filter((resource) => !isBuiltInKind(resource)).map((resource) => resource.namespace ?? ''));
    customNamespaces.set(index, namespaces);
  }
  return namespaces.has(namespace ?? '');
}
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';

function describe(labels: Record<string, unknown>): string {
  return `{${Object.entries(labels).map(([key, value]) => `${key}: ${String(value)}`).join(', ')}}`;
}

/** The pod label sets sharing the most pairs with the selector, best first, at most three. */
function closest(selector: Record<string, string>, pods: readonly PodView[]): string[] {
  const scored = pods
    .map((pod) => ({ labels: describe(pod.labels), score: Object.entries(selector).filter(([key, value]) => pod.labels[key] === value).length }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.labels.localeCompare(b.labels));
  return [...new Set(scored.map((entry) => entry.labels))].slice(0, 3);
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a Service whose selector matches no pod template in the linted files, or whose `targetPort` no selected container declares',
      story:
        'a Service that selects nothing has no endpoints: every connection to it is refused or times out, while each object on its own looks valid.',
      recommended: true,
    },
    messages: {
      noPods: 'Service "{{name}}" selects {{selector}} but no pod template in the linted files in namespace "{{namespace}}" has those labels{{closest}}: the Service would have no endpoints.',
      namedPort: 'Service "{{name}}" targets port "{{port}}" but no container it selects declares a port of that name: the port has no endpoints.',
      numberedPort: 'Service "{{name}}" targets port {{port}} but the containers it selects declare only {{declared}}: check the targetPort.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      Service(resource: Resource) {
        const service = resource as Resource<Service>;
        const spec = service.object.spec;
        const selector = spec?.selector;
        if (spec?.type === 'ExternalName' || !isPlainObject(selector) || Object.keys(selector).length === 0) return;
        const namespace = service.namespace ?? '';
        const candidates = context.index.podsIn(service.namespace);
        // With no workload of the namespace in the input the pods are deployed elsewhere: nothing to check.
        if (candidates.length === 0) return;
        const selected = context.index.podsSelectedBy(service);
        const name = service.name ?? '(unnamed)';
        if (selected.length === 0) {
          if (candidates.some((pod) => serviceSelectorMatches(selector, withControllerLabels(pod)))) return;
          // Custom resources in the namespace (JobSets, operators' clusters) create pods we cannot see.
          if (hasCustomResources(context.index, service.namespace)) return;
          const near = closest(selector, candidates);
          context.report({
            node: resource,
            pointer: joinPointer(service.pointer, 'spec', 'selector'),
            messageId: 'noPods',
            data: { name, selector: describe(selector), namespace, closest: near.length > 0 ? ` (closest: ${near.join(', ')})` : '' },
          });
          return;
        }
        // What the selected containers declare, once per Service rather than once per port.
        const names = new Set<string>();
        const numbers = new Set<number>();
        for (const pod of selected) {
          for (const view of containersOf(pod)) {
            for (const port of view.container.ports ?? []) {
              if (port.name) names.add(port.name);
              numbers.add(port.containerPort);
            }
          }
        }
        (spec?.ports ?? []).forEach((port: ServicePort, i) => {
          const target = port.targetPort ?? port.port;
          const pointer = joinPointer(service.pointer, 'spec', 'ports', i, port.targetPort === undefined ? 'port' : 'targetPort');
          if (typeof target === 'string' && !/^\d+$/.test(target)) {
            if (!names.has(target)) context.report({ node: resource, pointer, messageId: 'namedPort', data: { name, port: target } });
            return;
          }
          // A numbered port works whether or not the container declares it; only contradicting declarations are suspicious.
          const number = Number(target);
          if (numbers.size === 0 || numbers.has(number)) return;
          context.report({ node: resource, pointer, messageId: 'numberedPort', data: { name, port: number, declared: [...numbers].join(', ') } });
        });
      },
    };
  },
});
