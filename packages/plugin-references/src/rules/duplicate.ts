import { defineRule, isKustomizePatch, joinPointer, type Resource, type ResourceIndex } from '@kubelore/core';
import { applyScopeOf, applyUnits, normalizePath, type ApplyScope, type ApplyUnits } from '../scope.js';

function identity(resource: Resource): string | undefined {
  // A kustomize patch names the object it patches: the same identity on purpose.
  if (resource.name === undefined || isKustomizePatch(resource)) return undefined;
  // The group, not the version: apps/v1 and apps/v1beta1 Deployments are the same object on the server.
  return `${resource.group}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
}

/** JSON with keys sorted: two copies that differ only in key order or comments give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Copies {
  /** Every copy of each identity in each unit, in input order. */
  byUnitAndKey: Map<string, Resource[]>;
  /** Plain folders in which two files are variants of each other (see `variantFolders`). */
  variantFolders: Set<string>;
  content(resource: Resource): string;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Plain folders (no Kustomization) that hold variants rather than parts of one install. Two files are
 * variants of each other when they define at least two of the same objects and those are at least half
 * of the smaller file's objects (MetalLB's six rendered installs, an OKD flavour of an install, two
 * recipes that each bring their own Elasticsearch), or when both files are nothing but the same objects
 * (a `pool.yaml` and a `pool-test.yaml`). Nobody applies such a folder whole: each variant is applied
 * alone, so copies across its files are not duplicates.
 */
function variantFolders(index: ResourceIndex, units: ApplyUnits): Set<string> {
  const objectsOfFile = new Map<string, Set<string>>();
  for (const resource of index.resources) {
    const key = identity(resource);
    if (key === undefined) continue;
    if (!units.unitsOf(resource).some((unit) => unit.startsWith('d:'))) continue;
    const path = normalizePath(resource.source.path);
    let set = objectsOfFile.get(path);
    if (!set) objectsOfFile.set(path, (set = new Set()));
    set.add(key);
  }
  const filesOfFolder = new Map<string, string[]>();
  for (const path of objectsOfFile.keys()) {
    const folder = folderOf(path);
    const list = filesOfFolder.get(folder);
    if (list) list.push(path);
    else filesOfFolder.set(folder, [path]);
  }
  const out = new Set<string>();
  for (const [folder, files] of filesOfFolder) {
    // Per folder, how many objects each pair of files has in common, counted from each object's files.
    const filesOfObject = new Map<string, string[]>();
    for (const file of files) {
      for (const key of objectsOfFile.get(file)!) {
        const list = filesOfObject.get(key);
        if (list) list.push(file);
        else filesOfObject.set(key, [file]);
      }
    }
    const shared = new Map<string, number>();
    for (const holders of filesOfObject.values()) {
      for (let i = 0; i < holders.length; i++) {
        for (let j = i + 1; j < holders.length; j++) {
          const pair = `${holders[i]}\u0000${holders[j]}`;
          shared.set(pair, (shared.get(pair) ?? 0) + 1);
        }
      }
    }
    for (const [pair, count] of shared) {
      const [a, b] = pair.split('\u0000') as [string, string];
      const sizeA = objectsOfFile.get(a)!.size;
      const sizeB = objectsOfFile.get(b)!.size;
      if ((count >= 2 && count * 2 >= Math.min(sizeA, sizeB)) || (count === sizeA && count === sizeB)) {
        out.add(folder);
        break;
      }
    }
  }
  return out;
}

/** Built once per run and scope. */
function copiesOf(index: ResourceIndex, units: ApplyUnits): Copies {
  return index.memo(`references/duplicate:copies:${units.scope}`, () => {
    const byUnitAndKey = new Map<string, Resource[]>();
    for (const resource of index.resources) {
      const key = identity(resource);
      if (key === undefined) continue;
      for (const unit of units.unitsOf(resource)) {
        const list = byUnitAndKey.get(`${unit}\u0000${key}`);
        if (list) list.push(resource);
        else byUnitAndKey.set(`${unit}\u0000${key}`, [resource]);
      }
    }
    const contents = new WeakMap<Resource, string>();
    return {
      byUnitAndKey,
      variantFolders: units.scope === 'folder' ? variantFolders(index, units) : new Set(),
      content(resource) {
        let text = contents.get(resource);
        if (text === undefined) contents.set(resource, (text = canonical(resource.object)));
        return text;
      },
    };
  });
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'the same object (API group, kind, namespace, name) defined twice, differently, in what is applied together',
      story:
        'applying both copies is last-writer-wins: one silently replaces the other, and which one depends on file order, so a change to the first copy never reaches the cluster. kustomize refuses to build a Kustomization that brings one object twice.',
      recommended: true,
    },
    messages: {
      duplicate: '{{kind}} "{{name}}"{{namespace}} is also defined, differently, at {{where}}, which is applied together with it: the later silently replaces the earlier. Keep one.',
      kustomize:
        '{{kind}} "{{name}}"{{namespace}} is also brought in at {{where}} by the same Kustomization: kustomize refuses to build it ("may not add resource with an already registered id"). Keep one.',
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
    /** The earlier copy to report against, and how; undefined when none conflicts. */
    const conflict = (resource: Resource, key: string): { first: Resource; messageId: 'duplicate' | 'kustomize' } | undefined => {
      const copies = copiesOf(context.index, units);
      // Kustomization units first: there even an identical copy breaks the build.
      const mine = [...units.unitsOf(resource)].sort((a, b) => Number(!a.startsWith('k:')) - Number(!b.startsWith('k:')));
      for (const unit of mine) {
        const list = copies.byUnitAndKey.get(`${unit}\u0000${key}`) ?? [];
        for (const first of list) {
          // Only copies before this one: the first of each unit is never reported.
          if (first === resource) break;
          if (unit.startsWith('k:')) return { first, messageId: 'kustomize' };
          // Identical copies give the same object whichever is applied last.
          if (copies.content(first) === copies.content(resource)) continue;
          if (first.source !== resource.source && unit.startsWith('d:') && copies.variantFolders.has(unit.slice(2))) continue;
          return { first, messageId: 'duplicate' };
        }
      }
      return undefined;
    };
    return {
      '*'(resource) {
        const key = identity(resource);
        if (key === undefined) return;
        const found = conflict(resource, key);
        if (!found) return;
        const { first, messageId } = found;
        const at = first.source.locate(first.documentIndex, first.pointer);
        context.report({
          node: resource,
          pointer: joinPointer(resource.pointer, 'metadata', 'name'),
          messageId,
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
