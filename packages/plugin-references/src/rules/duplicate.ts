import { defineRule, isKustomizePatch, joinPointer, type Resource, type ResourceIndex } from '@kubelore/core';
import { applyScopeOf, applyUnits, type ApplyScope, type ApplyUnits } from '../scope.js';

function identity(resource: Resource): string | undefined {
  // A kustomize patch names the object it patches: the same identity on purpose.
  if (resource.name === undefined || isKustomizePatch(resource)) return undefined;
  // The group, not the version: apps/v1 and apps/v1beta1 Deployments are the same object on the server.
  return `${resource.group}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
}

/** The first object of each identity in each unit, in input order; built once per run and scope. */
function firsts(index: ResourceIndex, units: ApplyUnits): Map<string, Resource> {
  return index.memo(`references/duplicate:firsts:${units.scope}`, () => {
    const map = new Map<string, Resource>();
    for (const resource of index.resources) {
      const key = identity(resource);
      if (key === undefined) continue;
      for (const unit of units.unitsOf(resource)) if (!map.has(`${unit}\u0000${key}`)) map.set(`${unit}\u0000${key}`, resource);
    }
    return map;
  });
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'the same object (API group, kind, namespace, name) defined twice in what is applied together',
      story:
        'applying both copies is last-writer-wins: one silently replaces the other, and which one depends on file order, so a change to the first copy never reaches the cluster.',
      recommended: true,
    },
    messages: {
      duplicate: '{{kind}} "{{name}}"{{namespace}} is also defined at {{where}}, which is applied together with it: the later silently replaces the earlier. Keep one.',
    },
    schema: {
      type: 'object',
      properties: { scope: { enum: ['file', 'folder', 'input'] } },
      additionalProperties: false,
    },
    defaultOptions: {} as { scope?: ApplyScope },
  },
  create(context) {
    const units = applyUnits(context.index, context.options.scope ?? applyScopeOf(context.settings));
    return {
      '*'(resource) {
        const key = identity(resource);
        if (key === undefined) return;
        const map = firsts(context.index, units);
        const first = units
          .unitsOf(resource)
          .map((unit) => map.get(`${unit}\u0000${key}`))
          .find((candidate) => candidate !== undefined && candidate !== resource);
        // The first of each unit comes before the others in input order: only the later copies report.
        if (!first) return;
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
