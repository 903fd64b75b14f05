import { defineRule, joinPointer, type Resource, type ResourceIndex } from '@kubelore/core';

type Scope = 'file' | 'folder' | 'input';

/** What counts as applied together: one file, one folder (what `kubectl apply -f dir` takes), or everything. */
function unitOf(resource: Resource, scope: Scope): string {
  if (scope === 'input') return '';
  const path = resource.source.path;
  return scope === 'file' ? path : path.slice(0, path.lastIndexOf('/') + 1);
}

function identity(resource: Resource, scope: Scope): string | undefined {
  // A kustomize patch names the object it patches: the same identity on purpose.
  if (resource.name === undefined || /patch/i.test(resource.source.path.slice(resource.source.path.lastIndexOf('/') + 1))) return undefined;
  // The group, not the version: apps/v1 and apps/v1beta1 Deployments are the same object on the server.
  return `${unitOf(resource, scope)}\u0000${resource.group}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
}

/** The first object of each identity, in input order; built once per index and scope. */
const firstByIdentity = new WeakMap<ResourceIndex, Map<Scope, Map<string, Resource>>>();

function firsts(index: ResourceIndex, scope: Scope): Map<string, Resource> {
  let byScope = firstByIdentity.get(index);
  if (!byScope) firstByIdentity.set(index, (byScope = new Map()));
  let map = byScope.get(scope);
  if (!map) {
    map = new Map();
    for (const resource of index.resources) {
      const key = identity(resource, scope);
      if (key !== undefined && !map.has(key)) map.set(key, resource);
    }
    byScope.set(scope, map);
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
    schema: {
      type: 'object',
      properties: { scope: { enum: ['file', 'folder', 'input'] } },
      additionalProperties: false,
    },
    defaultOptions: { scope: 'folder' as Scope },
  },
  create(context) {
    const { scope } = context.options;
    return {
      '*'(resource) {
        const key = identity(resource, scope);
        if (key === undefined) return;
        const first = firsts(context.index, scope).get(key);
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

