import { defineRule, joinPointer, type Resource, type ResourceIndex } from '@kubelore/core';

function identity(resource: Resource): string | undefined {
  if (resource.name === undefined) return undefined;
  // The group, not the version: apps/v1 and apps/v1beta1 Deployments are the same object on the server.
  return `${resource.group}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
}

/** The first object of each identity, in input order; built once per index. */
const firstByIdentity = new WeakMap<ResourceIndex, Map<string, Resource>>();

function firsts(index: ResourceIndex): Map<string, Resource> {
  let map = firstByIdentity.get(index);
  if (!map) {
    map = new Map();
    for (const resource of index.resources) {
      const key = identity(resource);
      if (key !== undefined && !map.has(key)) map.set(key, resource);
    }
    firstByIdentity.set(index, map);
  }
  return map;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'the same object (API group, kind, namespace, name) defined twice in the linted files',
      story:
        'applying both copies is last-writer-wins: one silently replaces the other, and which one depends on file order, so a change to the first copy never reaches the cluster.',
      recommended: true,
    },
    messages: {
      duplicate: '{{kind}} "{{name}}"{{namespace}} is also defined at {{where}} in the linted files: applying both, the later silently replaces the earlier. Keep one.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      '*'(resource) {
        const key = identity(resource);
        if (key === undefined) return;
        const first = firsts(context.index).get(key);
        if (!first || first === resource) return;
        const at = first.source.locate(first.documentIndex, first.pointer);
        context.report({
          node: resource,
          pointer: joinPointer(resource.pointer, 'metadata', 'name'),
          messageId: 'duplicate',
          data: {
            kind: resource.kind,
            name: resource.name!,
            namespace: resource.namespace ? ` in namespace "${resource.namespace}"` : '',
            where: `${first.source.path}:${at.line}:${at.column}`,
          },
        });
      },
    };
  },
});

