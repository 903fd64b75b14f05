import { isKustomization, isRemoteEntry, normalizePath, type IndexChange, type Resource, type ResourceIndex, type Settings, type SourceFile } from '@kubelore/core';

export { isKustomization, normalizePath };

/** Anything that comes from a file: an object of any type. */
type Located = { source: SourceFile };

/**
 * What is applied together, and so may satisfy or contradict each other:
 * - `file`: one file (a rendered chart);
 * - `folder`: one folder, as `kubectl apply -f dir` takes it; where a folder holds a Kustomization, its
 *   `resources` (and `bases`, `components`), followed into the folders they name, as `kubectl apply -k`
 *   takes them;
 * - `input`: every linted file.
 */
export type ApplyScope = 'file' | 'folder' | 'input';

const SCOPES: readonly ApplyScope[] = ['file', 'folder', 'input'];

/** The `applyScope` setting, `folder` when unset or not one of the scopes. */
export function applyScopeOf(settings: Settings): ApplyScope {
  const value = settings.applyScope;
  return SCOPES.includes(value as ApplyScope) ? (value as ApplyScope) : 'folder';
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const INPUT_UNITS: readonly string[] = Object.freeze(['']);

// Entries of a kustomization that bring whole objects (patches and generators do not).
const RESOURCE_FIELDS = ['resources', 'bases', 'components'];

/**
 * What a kustomization writes as it builds. `writesSelectors`: it has `commonLabels`, or a `labels` entry
 * with `includeSelectors: true`; kustomize then writes every workload's `spec.selector.matchLabels`
 * (creating it), its pod template's labels and each Service's `spec.selector`. `selector`: the labels so
 * written; `template`: those, and the pairs of `labels` entries with `includeTemplates`, on pod templates.
 */
interface AddedLabels {
  writesSelectors: boolean;
  selector: Record<string, string>;
  template: Record<string, string>;
}

function labelsAddedBy(kustomization: Resource): AddedLabels {
  const added: AddedLabels = { writesSelectors: false, selector: {}, template: {} };
  const put = (pairs: unknown, where: Array<Record<string, string>>) => {
    if (pairs === null || typeof pairs !== 'object' || Array.isArray(pairs)) return;
    for (const [key, value] of Object.entries(pairs)) for (const target of where) target[key] = String(value);
  };
  const { commonLabels, labels } = kustomization.object;
  if (commonLabels !== null && typeof commonLabels === 'object' && Object.keys(commonLabels).length > 0) added.writesSelectors = true;
  put(commonLabels, [added.selector, added.template]);
  if (Array.isArray(labels)) {
    for (const entry of labels) {
      if (entry === null || typeof entry !== 'object') continue;
      const { pairs, includeSelectors, includeTemplates } = entry as Record<string, unknown>;
      if (includeSelectors === true) {
        added.writesSelectors = true;
        put(pairs, [added.selector, added.template]);
      } else if (includeTemplates === true) put(pairs, [added.template]);
    }
  }
  return added;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function joinPath(folder: string, entry: string): string {
  return normalizePath(folder === '' ? entry : `${folder}/${entry}`);
}

/** Files with the same units, and whether they are applied with each other group (asked once per pair of groups). */
interface UnitGroup {
  units: ReadonlySet<string>;
  together: Map<UnitGroup, boolean>;
}

/**
 * The units of application of every file of an input. Each file belongs to one or more units; two
 * objects are applied together when their files share a unit. A base listed by a staging and a prod
 * overlay belongs to both; the overlays' own files share none, so alternatives never meet.
 */
export class ApplyUnits {
  private readonly unitsByFile = new Map<string, ReadonlySet<string>>();
  /**
   * Files with the same units (every file of a plain folder) share one group, and `together` is asked of
   * groups: an answer kept per pair of files made a table of pods × Services, quadratic in time and memory.
   */
  private readonly groupsByUnits = new Map<string, UnitGroup>();
  // Weak: in an editor the units outlive the runs, and each run parses the edited file again.
  private readonly groups = new WeakMap<SourceFile, UnitGroup>();
  private readonly paths = new WeakMap<SourceFile, string>();
  /** `unitsOf` per file: asked for every object of the input, a new list each time was most of its cost. */
  private readonly unitLists = new WeakMap<SourceFile, readonly string[]>();
  /** Objects per file: the units change when a file gains its first object or loses its last. */
  private readonly objectsPerFile = new Map<string, number>();
  /** What the kustomizations that build each file write into its objects (`folder` scope only). */
  private readonly addedLabels = new Map<string, AddedLabels>();

  constructor(
    index: ResourceIndex,
    readonly scope: ApplyScope,
  ) {
    if (scope !== 'folder') return;
    const files = new Set<string>();
    const filesByFolder = new Map<string, string[]>();
    const kustomizations = new Map<string, Resource[]>();
    for (const resource of index.resources) {
      const path = this.pathOf(resource.source);
      this.objectsPerFile.set(path, (this.objectsPerFile.get(path) ?? 0) + 1);
      if (!files.has(path)) {
        files.add(path);
        const folder = folderOf(path);
        const list = filesByFolder.get(folder);
        if (list) list.push(path);
        else filesByFolder.set(folder, [path]);
      }
      if (isKustomization(resource)) {
        const folder = folderOf(path);
        const list = kustomizations.get(folder);
        if (list) list.push(resource);
        else kustomizations.set(folder, [resource]);
      }
    }
    // Each kustomization folder is a unit: the files it lists, and what the folders it lists bring in.
    const members = new Map<string, Set<string>>();
    const expand = (folder: string, seen: Set<string>): Set<string> => {
      const known = members.get(folder);
      if (known) return known;
      const out = new Set<string>();
      if (seen.has(folder)) return out; // a cycle: kustomize refuses it; stop here
      seen.add(folder);
      for (const kustomization of kustomizations.get(folder) ?? []) {
        for (const field of RESOURCE_FIELDS) {
          const entries = kustomization.object[field];
          if (!Array.isArray(entries)) continue;
          for (const entry of entries) {
            if (typeof entry !== 'string' || entry === '' || isRemoteEntry(entry)) continue;
            const target = joinPath(folder, entry);
            if (files.has(target)) out.add(target);
            else if (kustomizations.has(target)) for (const file of expand(target, seen)) out.add(file);
            // A folder without a Kustomization among the objects (its file has no `kind:`): its files.
            else for (const file of filesByFolder.get(target) ?? []) out.add(file);
          }
        }
      }
      seen.delete(folder);
      members.set(folder, out);
      return out;
    };
    const units = new Map<string, Set<string>>();
    const add = (file: string, unit: string) => {
      let set = units.get(file);
      if (!set) units.set(file, (set = new Set()));
      set.add(unit);
    };
    for (const [folder, list] of kustomizations) {
      const written = list.map(labelsAddedBy).filter((added) => added.writesSelectors || Object.keys(added.template).length > 0);
      for (const file of expand(folder, new Set())) {
        add(file, `k:${folder}`);
        for (const added of written) {
          let into = this.addedLabels.get(file);
          if (!into) this.addedLabels.set(file, (into = { writesSelectors: false, selector: {}, template: {} }));
          into.writesSelectors ||= added.writesSelectors;
          Object.assign(into.selector, added.selector);
          Object.assign(into.template, added.template);
        }
      }
    }
    for (const file of files) {
      const folder = folderOf(file);
      // A folder with a Kustomization is applied by it: a file there that it does not list stands alone.
      if (!kustomizations.has(folder)) add(file, `d:${folder}`);
      else if (!units.has(file)) add(file, `f:${file}`);
    }
    for (const [file, set] of units) this.unitsByFile.set(file, set);
  }

  /**
   * After some files' objects were replaced: true when the units stay as they are (no Kustomization
   * came or went, no file gained its first object or lost its last), false when they must be built again.
   */
  update(change: IndexChange): boolean {
    if (this.scope !== 'folder') return true;
    if (change.removed.some(isKustomization) || change.added.some(isKustomization)) return false;
    // A replaced file loses its objects and gains new ones: compare each touched file before and after.
    const before = new Map<string, number>();
    for (const [objects, step] of [[change.removed, -1], [change.added, 1]] as const) {
      for (const resource of objects) {
        const path = this.pathOf(resource.source);
        const count = this.objectsPerFile.get(path) ?? 0;
        if (!before.has(path)) before.set(path, count);
        this.objectsPerFile.set(path, count + step);
      }
    }
    let same = true;
    for (const [path, count] of before) {
      const now = this.objectsPerFile.get(path)!;
      if (now <= 0) this.objectsPerFile.delete(path);
      if (count > 0 !== now > 0) same = false;
    }
    return same;
  }

  /** Whether two objects are applied together. */
  together(a: Located, b: Located): boolean {
    if (this.scope === 'input' || a.source === b.source) return true;
    if (this.scope === 'file') return false;
    const groupA = this.groupOf(a.source);
    const groupB = this.groupOf(b.source);
    // Every file has at least one unit, so the same units always meet.
    if (groupA === groupB) return true;
    let answer = groupA.together.get(groupB);
    if (answer === undefined) {
      answer = false;
      for (const unit of groupA.units) if (groupB.units.has(unit)) answer = true;
      groupA.together.set(groupB, answer);
    }
    return answer;
  }

  /**
   * `(b) => others.some((a) => this.together(a, b))`, answered with set look-ups: a rule that asks the
   * question for every pod against every Service of a namespace scans pods × Services otherwise. The
   * answer holds for `others` as given; build it again when they change.
   */
  togetherWithAny(others: readonly Located[]): (b: Located) => boolean {
    if (this.scope === 'input') return () => others.length > 0;
    const sources = new Set(others.map((other) => other.source));
    if (this.scope === 'file') return (b) => sources.has(b.source);
    const units = new Set<string>();
    for (const source of sources) for (const unit of this.unitsOfSource(source)) units.add(unit);
    return (b) => {
      if (sources.has(b.source)) return true;
      for (const unit of this.unitsOfSource(b.source)) if (units.has(unit)) return true;
      return false;
    };
  }

  /**
   * Whether a kustomization that builds the object's file adds labels to selectors (`commonLabels`,
   * `labels` with `includeSelectors`): its file then lacks the selector and labels kustomize writes.
   */
  kustomizeLabelsSelectors(resource: Located): boolean {
    return this.addedLabels.size > 0 && this.addedLabels.get(this.pathOf(resource.source))?.writesSelectors === true;
  }

  /** Whether any kustomization of the input writes labels as it builds. */
  hasKustomizeLabels(): boolean {
    return this.addedLabels.size > 0;
  }

  /**
   * The labels kustomizations that build the object's file write into its selectors (`commonLabels`,
   * `labels` with `includeSelectors`) or its pod templates (those, and `labels` with `includeTemplates`).
   * Where several kustomizations build the file (a base of two overlays), their labels are merged.
   */
  labelsKustomizeAdds(resource: Located, to: 'selector' | 'template'): Readonly<Record<string, string>> {
    if (this.addedLabels.size === 0) return NO_LABELS;
    return this.addedLabels.get(this.pathOf(resource.source))?.[to] ?? NO_LABELS;
  }

  /** The units an object belongs to, as opaque keys (one key for `input`, the file for `file`). */
  unitsOf(resource: Located): readonly string[] {
    let list = this.unitLists.get(resource.source);
    if (!list) {
      if (this.scope === 'input') list = INPUT_UNITS;
      else if (this.scope === 'file') list = [`f:${this.pathOf(resource.source)}`];
      else list = [...this.unitsOfSource(resource.source)];
      this.unitLists.set(resource.source, Object.freeze(list));
    }
    return list;
  }

  /** The normalised path of an object's file (`normalizePath`), worked out once per file. */
  fileOf(resource: Located): string {
    return this.pathOf(resource.source);
  }

  private pathOf(source: SourceFile): string {
    let path = this.paths.get(source);
    if (path === undefined) this.paths.set(source, (path = normalizePath(source.path)));
    return path;
  }

  private groupOf(source: SourceFile): UnitGroup {
    let group = this.groups.get(source);
    if (!group) {
      const units = this.unitsOfSource(source);
      const key = [...units].sort().join('\u0000');
      group = this.groupsByUnits.get(key);
      if (!group) this.groupsByUnits.set(key, (group = { units, together: new Map() }));
      this.groups.set(source, group);
    }
    return group;
  }

  private unitsOfSource(source: SourceFile): ReadonlySet<string> {
    const path = this.pathOf(source);
    return this.unitsByFile.get(path) ?? new Set([`f:${path}`]);
  }
}

// The table's key per scope, written once: rules ask for the units per object and container.
const UNITS_KEYS: Record<ApplyScope, string> = { file: 'references/scope:units:file', folder: 'references/scope:units:folder', input: 'references/scope:units:input' };

/** The units of an input, built once per index and scope (kept while an editor's edits leave them be). */
export function applyUnits(index: ResourceIndex, scope: ApplyScope): ApplyUnits {
  return index.table(UNITS_KEYS[scope], { build: () => new ApplyUnits(index, scope), update: (units, change) => units.update(change) });
}

