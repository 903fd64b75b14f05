import type { ConfigArray } from './config.js';
import type { CachedFinding, FindingsCache } from './linter.js';
import type { Resource } from './resource.js';
import { ResourceIndex } from './resource-index.js';
import type { InputProblem, SourceFile } from './source.js';

/** A linted file as parsed and modelled, before anything of a run (directives, reports) is added. */
export interface ModelledFile {
  source: SourceFile;
  resources: Resource[];
  problems: InputProblem[];
}

interface KeptFile extends ModelledFile {
  text: string;
  /** The relative path and the settings the file was modelled with. */
  key: string;
}

/** Past this share of the objects changed, one build is cheaper than updating the index in place. */
const REBUILD_SHARE = 0.25;

/**
 * What an editor keeps between runs of the same config (`LintOptions.session`): the index of the last
 * run, updated in place with the objects of the files that changed rather than built again over the
 * whole workspace; linted files parsed and modelled as long as their text is the same; which context
 * inputs are ignored or hold which objects; and the findings of rules that read only their own file.
 * Results are those of a run without it. One session serves one config array and one Linter; a run with
 * another config array starts it afresh.
 */
export class LintSession {
  private configs: ConfigArray | undefined;
  private index: ResourceIndex | undefined;
  /** Each file's objects in the last run's order (files without objects left out). */
  private slots: ReadonlyArray<readonly Resource[]> = [];
  private kept = new Map<string, KeptFile>();
  private contexts = new WeakMap<object, readonly Resource[]>();
  private stored = new Map<string, { text: string; fingerprint: string; findings: Record<string, CachedFinding[]> }>();
  /** How the last run got its index: for tests and the language server's log. */
  lastIndex: 'built' | 'updated' | 'unchanged' | undefined;

  /** The findings cache a session run uses when the caller gives none. */
  readonly findings: FindingsCache = {
    get: (filePath, text, fingerprint) => {
      const entry = this.stored.get(filePath);
      return entry && entry.text === text && entry.fingerprint === fingerprint ? entry.findings : undefined;
    },
    set: (filePath, text, fingerprint, findings) => {
      this.stored.set(filePath, { text, fingerprint, findings });
    },
  };

  /** Called at the start of a run: another config array makes everything kept stale. */
  begin(configs: ConfigArray): void {
    if (configs === this.configs) return;
    this.configs = configs;
    this.index = undefined;
    this.slots = [];
    this.kept = new Map();
    this.contexts = new WeakMap();
    this.stored = new Map();
  }

  /** The objects of a context input seen before (the same input object), or undefined. */
  contextObjects(input: object): readonly Resource[] | undefined {
    return this.contexts.get(input);
  }

  rememberContext(input: object, resources: readonly Resource[]): void {
    this.contexts.set(input, resources);
  }

  /** A linted file modelled before from the same text, relative path and settings. */
  modelled(filePath: string, text: string, key: string): ModelledFile | undefined {
    const kept = this.kept.get(filePath);
    return kept && kept.text === text && kept.key === key ? kept : undefined;
  }

  keep(filePath: string, text: string, key: string, file: ModelledFile): void {
    this.kept.set(filePath, { ...file, text, key });
  }

  /** Forgets linted files that are no longer in the input, so that deleted files do not stay in memory. */
  retain(filePaths: ReadonlySet<string>): void {
    for (const path of this.kept.keys()) if (!filePaths.has(path)) this.kept.delete(path);
    for (const path of this.stored.keys()) if (!filePaths.has(path)) this.stored.delete(path);
  }

  /**
   * The index over `resources` (every object of the run, `slots` being them by file in input order): the
   * last one updated with the objects of the files that changed, or a new one when the files moved
   * around, a CRD came or went, or much changed.
   */
  indexFor(slots: ReadonlyArray<readonly Resource[]>, resources: readonly Resource[]): ResourceIndex {
    const previous = this.slots;
    this.slots = slots;
    const change = this.index ? changeBetween(previous, slots) : undefined;
    if (!this.index || !change || change.removed.length + change.added.length > REBUILD_SHARE * Math.max(resources.length, 1) || [...change.removed, ...change.added].some((resource) => resource.kind === 'CustomResourceDefinition')) {
      this.lastIndex = 'built';
      this.index = new ResourceIndex(resources);
      return this.index;
    }
    if (change.removed.length === 0 && change.added.length === 0) {
      this.lastIndex = 'unchanged';
      return this.index;
    }
    this.lastIndex = 'updated';
    this.index.update(resources, change);
    return this.index;
  }
}

/**
 * The objects of the files that left and came between two runs, by file (a file's objects are one array
 * while it is unchanged); undefined when files that stayed changed places (input order decides which of
 * two copies is the later, so the index is built again).
 */
function changeBetween(before: ReadonlyArray<readonly Resource[]>, after: ReadonlyArray<readonly Resource[]>): { removed: Resource[]; added: Resource[] } | undefined {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const stayedBefore = before.filter((slot) => afterSet.has(slot));
  const stayedAfter = after.filter((slot) => beforeSet.has(slot));
  if (stayedBefore.length !== stayedAfter.length || stayedBefore.some((slot, position) => slot !== stayedAfter[position])) return undefined;
  return { removed: before.filter((slot) => !afterSet.has(slot)).flat(), added: after.filter((slot) => !beforeSet.has(slot)).flat() };
}
