import { defineRule, isKustomizePatch, joinPointer, type IndexChange, type Resource, type ResourceIndex, type SourceFile } from '@kubelore/core';
import { applyScopeOf, applyUnits, type ApplyScope, type ApplyUnits } from '../scope.js';
import { isVariantFolder, type ObjectsOfFile } from '../variants.js';

function identity(resource: Resource): string | undefined {
  // A kustomize patch names the object it patches: the same identity on purpose.
  if (resource.name === undefined || isKustomizePatch(resource)) return undefined;
  // The group, not the version: apps/v1 and apps/v1beta1 Deployments are the same object on the server.
  return `${resource.group}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
}

/**
 * Whether two copies hold the same content, whatever the order of their keys (and their comments): the
 * same as comparing their JSON with keys sorted, where a scalar stands for its JSON (`null` for what
 * JSON cannot write), but walked side by side, with no text built and an early stop at a difference.
 */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
      if (!sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  if (Array.isArray(b) || (b !== null && typeof b === 'object')) return false;
  // Two different strings are different JSON, as is a string and anything else.
  if (typeof a === 'string' || typeof b === 'string') return false;
  return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
}

/**
 * Among copies in input order, the first before a given copy whose content differs. Identical content
 * is an equivalence (the same key-sorted JSON), so a copy identical to the first differs from exactly
 * the copies that differ from the first: each copy is compared with the first, and the first copy that
 * differs from it is found once. k copies cost about 2k comparisons, where comparing each with every
 * earlier one cost k²/2 (every file of a folder bringing the same Namespace).
 */
class EarlierDifferent {
  private readonly positions = new Map<Resource, number>();
  /** The position of the first copy that differs from the first (the length when none does), once asked. */
  private firstDifferent: number | undefined;

  constructor(private readonly copies: readonly Resource[]) {
    copies.forEach((copy, position) => this.positions.set(copy, position));
  }

  of(resource: Resource): Resource | undefined {
    // A copy not among them comes after all of them.
    const position = this.positions.get(resource) ?? this.copies.length;
    if (position === 0) return undefined;
    const first = this.copies[0]!;
    if (!sameContent(first.object, resource.object)) return first;
    if (this.firstDifferent === undefined) {
      let at = 1;
      while (at < this.copies.length && sameContent(first.object, this.copies[at]!.object)) at++;
      this.firstDifferent = at;
    }
    return this.firstDifferent < position ? this.copies[this.firstDifferent] : undefined;
  }
}

/**
 * The `EarlierDifferent` of one unit's copies of an identity, or of those of them in `source`; per run (a
 * memo, dropped when an editor's edit updates the index and so the lists).
 */
function earlierDifferent(index: ResourceIndex, copies: readonly Resource[], source: SourceFile | undefined): EarlierDifferent {
  const cache = index.memo('references/duplicate:earlier-different', () => new WeakMap<readonly Resource[], Map<SourceFile | undefined, EarlierDifferent>>());
  let bySource = cache.get(copies);
  if (!bySource) cache.set(copies, (bySource = new Map()));
  let found = bySource.get(source);
  if (!found) bySource.set(source, (found = new EarlierDifferent(source === undefined ? copies : copies.filter((copy) => copy.source === source))));
  return found;
}

interface Copies {
  /** The units the table was built with: new units mean a new table. */
  units: ApplyUnits;
  /** Every copy of each identity in each unit, in input order. */
  byUnitAndKey: Map<string, Resource[]>;
  /** Identities of the objects of files in plain folders, by file (what `variantFolders` is decided from). */
  objectsOfFile: ObjectsOfFile;
  /** Plain folders in which two files are variants of each other (see `isVariantFolder`). */
  variantFolders: Set<string>;
  /**
   * The objects after another copy in some unit: the only ones conflict() can report (every object of
   * the index is in each of its units' lists, and the first of a list is never reported).
   */
  later: Set<Resource>;
}

/** The lists an object is in, one per unit. */
function listsOf(copies: Copies, resource: Resource, key: string): Resource[][] {
  const lists: Resource[][] = [];
  for (const unit of copies.units.unitsOf(resource)) {
    const list = copies.byUnitAndKey.get(`${unit}\u0000${key}`);
    if (list) lists.push(list);
  }
  return lists;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Counts (step 1) or uncounts (step -1) an object of a file in a plain folder (its identity and units as
 * the caller worked them out); returns its folder, or undefined.
 */
function countObject(objectsOfFile: ObjectsOfFile, units: ApplyUnits, resource: Resource, key: string, unitsOfResource: readonly string[], step: 1 | -1): string | undefined {
  if (!unitsOfResource.some((unit) => unit.startsWith('d:'))) return undefined;
  const path = units.fileOf(resource);
  const folder = folderOf(path);
  let counts = objectsOfFile.byFile.get(path);
  if (!counts) {
    objectsOfFile.byFile.set(path, (counts = new Map()));
    let files = objectsOfFile.byFolder.get(folder);
    if (!files) objectsOfFile.byFolder.set(folder, (files = new Set()));
    files.add(path);
  }
  const count = (counts.get(key) ?? 0) + step;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
  if (counts.size === 0) {
    objectsOfFile.byFile.delete(path);
    const files = objectsOfFile.byFolder.get(folder)!;
    files.delete(path);
    if (files.size === 0) objectsOfFile.byFolder.delete(folder);
  }
  return folder;
}

function buildCopies(index: ResourceIndex, units: ApplyUnits): Copies {
  const byUnitAndKey = new Map<string, Resource[]>();
  const objectsOfFile: ObjectsOfFile = { byFile: new Map(), byFolder: new Map() };
  for (const resource of index.resources) {
    const key = identity(resource);
    if (key === undefined) continue;
    const unitsOfResource = units.unitsOf(resource);
    for (const unit of unitsOfResource) {
      const slot = `${unit}\u0000${key}`;
      const list = byUnitAndKey.get(slot);
      if (list) list.push(resource);
      else byUnitAndKey.set(slot, [resource]);
    }
    if (units.scope === 'folder') countObject(objectsOfFile, units, resource, key, unitsOfResource, 1);
  }
  const variantFolders = new Set<string>();
  for (const [folder, files] of objectsOfFile.byFolder) if (isVariantFolder(files, objectsOfFile)) variantFolders.add(folder);
  const later = new Set<Resource>();
  for (const list of byUnitAndKey.values()) for (let i = 1; i < list.length; i++) later.add(list[i]!);
  return { units, byUnitAndKey, objectsOfFile, variantFolders, later };
}

/** Takes the replaced files' objects out of the table and puts the new ones in; false when the units changed. */
function updateCopies(copies: Copies, units: ApplyUnits, index: ResourceIndex, change: IndexChange): boolean {
  if (copies.units !== units) return false;
  const touched = new Set<string>();
  const touchedLists = new Set<string>();
  for (const [objects, step] of [[change.removed, -1], [change.added, 1]] as const) {
    for (const resource of objects) {
      const key = identity(resource);
      if (key === undefined) continue;
      const unitsOfResource = units.unitsOf(resource);
      for (const unit of unitsOfResource) {
        const slot = `${unit}\u0000${key}`;
        touchedLists.add(slot);
        let list = copies.byUnitAndKey.get(slot);
        if (step === 1) {
          if (!list) copies.byUnitAndKey.set(slot, (list = []));
          // In input order: the first copy of each unit is never the one reported.
          let at = list.length;
          while (at > 0 && index.order(list[at - 1]!) > index.order(resource)) at--;
          list.splice(at, 0, resource);
        } else if (list) {
          const at = list.indexOf(resource);
          if (at !== -1) list.splice(at, 1);
          if (list.length === 0) copies.byUnitAndKey.delete(slot);
        }
      }
      if (units.scope === 'folder') {
        const folder = countObject(copies.objectsOfFile, units, resource, key, unitsOfResource, step);
        if (folder !== undefined) touched.add(folder);
      }
    }
  }
  // Only the folders whose files changed can change their verdict.
  for (const folder of touched) {
    const files = copies.objectsOfFile.byFolder.get(folder);
    if (files && isVariantFolder(files, copies.objectsOfFile)) copies.variantFolders.add(folder);
    else copies.variantFolders.delete(folder);
  }
  // Only objects of the lists that changed (and those taken out) can have come first or stopped being so.
  for (const resource of change.removed) copies.later.delete(resource);
  const affected = new Set<Resource>();
  for (const slot of touchedLists) for (const resource of copies.byUnitAndKey.get(slot) ?? []) affected.add(resource);
  for (const resource of affected) {
    copies.later.delete(resource);
    if (listsOf(copies, resource, identity(resource)!).some((list) => list.indexOf(resource) > 0)) copies.later.add(resource);
  }
  return true;
}

/** Built once per index and scope; in an editor, updated with the edited file's objects. */
function copiesOf(index: ResourceIndex, units: ApplyUnits): Copies {
  return index.table(`references/duplicate:copies:${units.scope}`, {
    build: () => buildCopies(index, units),
    update: (copies, change) => updateCopies(copies, units, index, change),
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
    visits: ['*'],
  },
  create(context) {
    const units = applyUnits(context.index, context.options.scope ?? applyScopeOf(context.settings));
    /** The earlier copy to report against, and how; undefined when none conflicts. */
    let table: Copies | undefined;
    const conflict = (resource: Resource): { first: Resource; messageId: 'duplicate' | 'kustomize' } | undefined => {
      // The table cannot change while a file is linted.
      const copies = (table ??= copiesOf(context.index, units));
      // Most objects are the first (or only) copy in each of their units: nothing to compare, nor an
      // identity to write (only copies with one are in the table).
      if (!copies.later.has(resource)) return undefined;
      const key = identity(resource)!;
      // Kustomization units first: there even an identical copy breaks the build. Most objects have one unit.
      const unitsOfResource = units.unitsOf(resource);
      const mine = unitsOfResource.length > 1 ? [...unitsOfResource].sort((a, b) => Number(!a.startsWith('k:')) - Number(!b.startsWith('k:'))) : unitsOfResource;
      for (const unit of mine) {
        const list = copies.byUnitAndKey.get(`${unit}\u0000${key}`) ?? [];
        // Only copies before this one: the first of each unit is never reported.
        if (unit.startsWith('k:')) {
          if (list.length > 0 && list[0] !== resource) return { first: list[0]!, messageId: 'kustomize' };
          continue;
        }
        // Identical copies give the same object whichever is applied last; in a folder of variants only
        // copies within one file count.
        const variants = unit.startsWith('d:') && copies.variantFolders.has(unit.slice(2));
        const first = earlierDifferent(context.index, list, variants ? resource.source : undefined).of(resource);
        if (first) return { first, messageId: 'duplicate' };
      }
      return undefined;
    };
    return {
      '*'(resource) {
        const found = conflict(resource);
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
