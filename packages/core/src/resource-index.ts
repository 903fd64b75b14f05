import type { Service } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isPlainObject, type Resource } from './resource.js';
import { selectorMatches, serviceSelectorMatches } from './selectors.js';
import { podViewOf, type PodView } from './workloads.js';
import { insertInOrder, insertInto, pushTo, removeFrom, removeItem } from './ordered.js';

/** What a CustomResourceDefinition of the input declares about its kind. */
export interface CustomKind {
  crd: Resource;
  group: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  /** Each served version's `openAPIV3Schema`, undefined where the CRD gives none. */
  versions: Map<string, Record<string, unknown> | undefined>;
}

/** CRDs of the input by `group/Kind`, every one in input order (the last wins where one is asked for). */
function readCustomKinds(resources: readonly Resource[]): Map<string, CustomKind[]> {
  const kinds = new Map<string, CustomKind[]>();
  for (const crd of resources) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    const spec = crd.object.spec;
    if (!isPlainObject(spec) || typeof spec.group !== 'string' || !isPlainObject(spec.names) || typeof spec.names.kind !== 'string') continue;
    const versions = new Map<string, Record<string, unknown> | undefined>();
    for (const version of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!isPlainObject(version) || typeof version.name !== 'string') continue;
      const schema = isPlainObject(version.schema) && isPlainObject(version.schema.openAPIV3Schema) ? version.schema.openAPIV3Schema : undefined;
      versions.set(version.name, schema);
    }
    const key = `${spec.group}/${spec.names.kind}`;
    const custom: CustomKind = { crd, group: spec.group, kind: spec.names.kind, scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced', versions };
    const list = kinds.get(key);
    if (list) list.push(custom);
    else kinds.set(key, [custom]);
  }
  return kinds;
}

/** The objects one update of an index took out and put in (those of the files that changed). */
export interface IndexChange {
  readonly removed: readonly Resource[];
  readonly added: readonly Resource[];
}

/**
 * A cross-object table a rule keeps on the index (see `ResourceIndex.table`). `build` makes it from
 * the whole index; `update`, when given, brings it up to date in place after some files' objects were
 * replaced (the index already holds the new objects) and returns true, or returns false to have it
 * built again.
 */
export interface IndexTable<T> {
  build(): T;
  update?(table: T, change: IndexChange): boolean;
}

interface TableEntry {
  value: unknown;
  /** Changes since the table was last brought up to date, oldest first. */
  pending: IndexChange[];
}

/** A table behind by more updates than this is dropped rather than kept with its log. */
const MAX_PENDING_CHANGES = 32;

/**
 * The namespace each object was modelled with, for objects a cluster-scoped CRD took it from: an index
 * built again without that CRD gives it back (an editor's objects outlive one run).
 */
const modelledNamespaces = new WeakMap<Resource, string | undefined>();

/**
 * Answers cross-object questions about the whole input (every file of a run): which pods a selector
 * matches, which Services select a pod, which PDBs and HPAs apply to a workload. An index can also be
 * updated in place (`update`, by an editor's LintSession) when a few files' objects change; rule tables
 * kept with `table` are then updated rather than built again.
 */
export class ResourceIndex {
  private objects: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly pods: PodView[] = [];
  private readonly podByResource = new Map<Resource, PodView>();
  private readonly byKindAndNamespace = new Map<string, Resource[]>();
  /** Objects of a kind by name, in input order: `find` is asked per pod and reference, a scan of the kind each time. */
  private readonly byKindAndName = new Map<string, Map<string, Resource[]>>();
  private readonly servicesByPod = new Map<PodView, Resource<Service>[]>();
  private readonly podsByNamespace = new Map<string, PodView[]>();
  /** Pods by `namespace\0key\0value` of each of their labels: selectors start from their rarest pair. */
  private readonly podsByLabel = new Map<string, PodView[]>();
  /**
   * Services by the `namespace\0key\0value` of the pair of their selector that the fewest pods have,
   * each in input order; filled when first asked for. By every pair, a pair every pod has (Helm's
   * `app.kubernetes.io/instance`) made every Service a candidate for every pod: quadratic.
   */
  private servicesByRarestPair: Map<string, Resource<Service>[]> | undefined;
  /** PodDisruptionBudgets the same way, by a pair of `matchLabels`; those without one by namespace. */
  private budgets: { byPair: Map<string, Resource[]>; unkeyed: Map<string, Resource[]> } | undefined;
  private readonly customKindsByName: Map<string, CustomKind>;
  private readonly clusterKinds: Set<string>;
  private readonly customKindLists: Map<string, CustomKind[]>;
  private testStepFolders: ReadonlySet<string> = new Set();
  private readonly memos = new Map<string, unknown>();
  private readonly tables = new Map<string, TableEntry>();
  private orders: Map<Resource, number> | undefined;

  /**
   * Indexes every object of a run. CRDs of the input are read first: objects of a kind they declare
   * cluster-scoped lose the default namespace they were given.
   */
  constructor(resources: readonly Resource[]) {
    this.objects = resources;
    this.customKindLists = readCustomKinds(resources);
    this.customKindsByName = new Map([...this.customKindLists].map(([key, list]) => [key, list[list.length - 1]!]));
    this.clusterKinds = new Set([...this.customKindsByName.values()].filter((custom) => custom.scope === 'Cluster').map((custom) => `${custom.group}/${custom.kind}`));
    for (const resource of resources) this.scope(resource);
    for (const resource of resources) this.add(resource, false);
  }

  /** Every object of the input, in input order. */
  get resources(): readonly Resource[] {
    return this.objects;
  }

  /** The position of an object in the input: tables kept in input order sort by it. */
  order(resource: Resource): number {
    if (!this.orders) this.orders = new Map(this.objects.map((object, position) => [object, position]));
    return this.orders.get(resource) ?? -1;
  }

  /**
   * Takes `change.removed` out and puts `change.added` in, `resources` being every object afterwards in
   * input order. Changes that add or remove a CRD cannot be made this way (they change other objects'
   * namespaces): build a new index for those. Memos are dropped; tables are updated when next asked for.
   */
  update(resources: readonly Resource[], change: IndexChange): void {
    if ([...change.removed, ...change.added].some((resource) => resource.kind === 'CustomResourceDefinition')) {
      throw new Error('A change of CustomResourceDefinitions needs a new ResourceIndex.');
    }
    for (const resource of change.removed) this.remove(resource);
    this.objects = resources;
    this.orders = undefined;
    for (const resource of change.added) this.scope(resource);
    for (const resource of change.added) this.add(resource, true);
    // Both are filled lazily from the lists above; cheaper to fill again than to patch.
    this.byKindAndNamespace.clear();
    this.byKindAndName.clear();
    this.servicesByRarestPair = undefined;
    this.budgets = undefined;
    this.servicesByPod.clear();
    this.memos.clear();
    for (const [key, entry] of this.tables) {
      entry.pending.push(change);
      if (entry.pending.length > MAX_PENDING_CHANGES) this.tables.delete(key);
    }
  }

  /** A cluster-scoped custom kind has no namespace; one that is no longer gets back the one it was modelled with. */
  private scope(resource: Resource): void {
    if (this.clusterKinds.has(`${resource.group}/${resource.kind}`)) {
      if (!modelledNamespaces.has(resource)) modelledNamespaces.set(resource, resource.namespace);
      resource.namespace = undefined;
    } else if (modelledNamespaces.has(resource)) {
      resource.namespace = modelledNamespaces.get(resource);
      modelledNamespaces.delete(resource);
    }
  }

  /** Adds an object to every list; `inOrder` for an update (the lists are already full). */
  private add(resource: Resource, inOrder: boolean): void {
    const order = (item: Resource) => this.order(item);
    const podOrder = (item: PodView) => this.order(item.resource);
    if (inOrder) insertInto(this.byKind, resource.kind, resource, order);
    else pushTo(this.byKind, resource.kind, resource);
    const pod = podViewOf(resource);
    if (pod) {
      if (inOrder) insertInOrder(this.pods, pod, podOrder);
      else this.pods.push(pod);
      this.podByResource.set(resource, pod);
      const keys = [namespaceKey(resource.namespace), ...Object.entries(pod.labels).map(([key, value]) => labelKey(resource.namespace, key, value))];
      keys.forEach((key, position) => {
        const map = position === 0 ? this.podsByNamespace : this.podsByLabel;
        if (inOrder) insertInto(map, key, pod, podOrder);
        else pushTo(map, key, pod);
      });
    }
  }

  private remove(resource: Resource): void {
    removeFrom(this.byKind, resource.kind, resource);
    const pod = this.podByResource.get(resource);
    if (pod) {
      removeItem(this.pods, pod);
      this.podByResource.delete(resource);
      removeFrom(this.podsByNamespace, namespaceKey(resource.namespace), pod);
      for (const [key, value] of Object.entries(pod.labels)) removeFrom(this.podsByLabel, labelKey(resource.namespace, key, value), pod);
    }
  }

  /**
   * A cross-object table a rule builds once and keeps while the index lives: in a one-off run the same
   * as `memo(key, table.build)`; in an editor, where the index outlives a run and only the edited file's
   * objects change, `table.update` patches it instead of a build over every object of the workspace.
   */
  table<T>(key: string, table: IndexTable<T>): T {
    const entry = this.tables.get(key);
    if (entry && entry.pending.length === 0) return entry.value as T;
    if (entry && table.update) {
      const change = netChange(entry.pending, (resource) => this.order(resource) !== -1);
      entry.pending = [];
      if (table.update(entry.value as T, change)) return entry.value as T;
    }
    this.tables.delete(key);
    const value = table.build();
    this.tables.set(key, { value, pending: [] });
    return value;
  }

  /** The CustomResourceDefinitions of the input, by `group/Kind` (of two for the same kind, the later one). */
  customKinds(): ReadonlyMap<string, CustomKind> {
    return this.customKindsByName;
  }

  /**
   * Whether the object is in a folder of chainsaw or kuttl test steps (one that holds assertion files or
   * a test-tool config): such a step is applied over objects the earlier steps created, and may be partial.
   */
  /** The folders of chainsaw or kuttl test steps of this run (the linter sets them before rules run). */
  setTestStepFolders(folders: ReadonlySet<string>): void {
    this.testStepFolders = folders;
  }

  isTestStep(resource: Resource): boolean {
    return this.testStepFolders.size > 0 && this.testStepFolders.has(folderOfPath(resource.source.path));
  }

  /** Every CustomResourceDefinition of the input for a `group/Kind`, in input order. */
  customKindsFor(key: string): readonly CustomKind[] {
    return this.customKindLists.get(key) ?? [];
  }

  /**
   * A fact about the whole run, computed once and shared by every file and rule that asks (a rule's
   * first-seen table, a namespace set). Keys are namespaced by convention: `plugin/rule:what`.
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Pod templates of one namespace. */
  podsIn(namespace: string | undefined): readonly PodView[] {
    return this.podsByNamespace.get(namespaceKey(namespace)) ?? [];
  }

  /** Objects of a kind, optionally only in one namespace. */
  ofKind<T = Record<string, unknown>>(kind: string, namespace?: string): Resource<T>[] {
    const list = this.byKind.get(kind) ?? [];
    if (namespace === undefined) return list as unknown as Resource<T>[];
    // Rules ask per pod or container: without the cache a run is quadratic in the number of objects.
    const key = `${kind}\u0000${namespace}`;
    let filtered = this.byKindAndNamespace.get(key);
    if (!filtered) this.byKindAndNamespace.set(key, (filtered = list.filter((resource) => resource.namespace === namespace)));
    return filtered as unknown as Resource<T>[];
  }

  /** The first object with this kind, name and namespace (namespace ignored for cluster-scoped kinds). */
  find<T = Record<string, unknown>>(kind: string, name: string, namespace?: string): Resource<T> | undefined {
    const matches = (resource: Resource) => resource.namespace === undefined || resource.namespace === namespace;
    // A name that is not a string (a caller's unchecked value) is looked for the long way.
    if (typeof name !== 'string') return this.ofKind<T>(kind).find((resource) => resource.name === name && matches(resource as unknown as Resource));
    return this.byName(kind).get(name)?.find(matches) as Resource<T> | undefined;
  }

  /** Every object of a kind with this name in the namespace (or cluster-scoped), in input order. */
  findAll<T = Record<string, unknown>>(kind: string, name: string, namespace?: string): Resource<T>[] {
    return (this.byName(kind).get(name) ?? []).filter((resource) => resource.namespace === undefined || resource.namespace === namespace) as unknown as Resource<T>[];
  }

  /** The objects of a kind by name, built when first asked for. */
  private byName(kind: string): Map<string, Resource[]> {
    let byName = this.byKindAndName.get(kind);
    if (!byName) {
      this.byKindAndName.set(kind, (byName = new Map()));
      for (const resource of this.ofKind(kind)) if (resource.name !== undefined) pushTo(byName, resource.name, resource);
    }
    return byName;
  }

  /** The normalised pod of every workload in the input. */
  podViews(): readonly PodView[] {
    return this.pods;
  }

  podViewOf(resource: Resource): PodView | undefined {
    return this.podByResource.get(resource);
  }

  /** Pod templates in a namespace whose labels a `LabelSelector` matches. */
  podsMatching(selector: LabelSelector | null | undefined, namespace: string | undefined): PodView[] {
    const matchLabels = isPlainObject(selector) && isPlainObject(selector.matchLabels) ? (selector.matchLabels as Record<string, unknown>) : {};
    return this.candidatePods(matchLabels, namespace).filter((pod) => selectorMatches(selector, pod.labels));
  }

  /** Pod templates a Service's selector picks. */
  podsSelectedBy(service: Resource<Service>): PodView[] {
    const selector = service.object.spec?.selector;
    if (!isPlainObject(selector)) return [];
    return this.candidatePods(selector, service.namespace).filter((pod) => serviceSelectorMatches(selector, pod.labels));
  }

  /** Services in the input whose selector picks this pod. */
  servicesSelecting(pod: PodView): Resource<Service>[] {
    let services = this.servicesByPod.get(pod);
    if (!services) {
      // A Service selects the pod only if every pair of its selector is a label of the pod, its rarest
      // pair among them: look up by the pod's pairs.
      const byPair = (this.servicesByRarestPair ??= this.indexServicesByRarestPair());
      services = [];
      for (const [key, value] of Object.entries(pod.labels)) {
        for (const service of byPair.get(labelKey(pod.resource.namespace, key, value)) ?? []) {
          if (serviceSelectorMatches(service.object.spec?.selector, pod.labels)) services.push(service);
        }
      }
      if (services.length > 1) services = this.inSelectionOrder(services, pod);
      this.servicesByPod.set(pod, services);
    }
    return services;
  }

  private indexServicesByRarestPair(): Map<string, Resource<Service>[]> {
    const byPair = new Map<string, Resource<Service>[]>();
    for (const resource of this.byKind.get('Service') ?? []) {
      const selector = (resource as Resource<Service>).object.spec?.selector;
      const rarest = this.rarestPair(isPlainObject(selector) ? labelKeys(resource.namespace, selector) : []);
      if (rarest !== undefined) pushTo(byPair, rarest, resource as unknown as Resource<Service>);
    }
    return byPair;
  }

  /** Of a selector's `namespace\0key\0value` pairs, the first that the fewest pods have; undefined for none. */
  private rarestPair(pairs: readonly string[]): string | undefined {
    let rarest: string | undefined;
    let fewest = Infinity;
    for (const pair of pairs) {
      const pods = this.podsByLabel.get(pair)?.length ?? 0;
      if (pods < fewest) [rarest, fewest] = [pair, pods];
    }
    return rarest;
  }

  /**
   * Services that select a pod in the order callers have always had them: by the first of the pod's
   * labels (in its order) that each selects on, then in input order.
   */
  private inSelectionOrder(services: Resource<Service>[], pod: PodView): Resource<Service>[] {
    const position = new Map(Object.keys(pod.labels).map((key, at) => [key, at]));
    // Each Service's sort key worked out once (not per comparison): asked for every pod that several select.
    const keyed = services.map((service) => {
      let first = Infinity;
      for (const key of Object.keys(service.object.spec!.selector!)) first = Math.min(first, position.get(key)!);
      return { service, first, order: this.order(service as unknown as Resource) };
    });
    keyed.sort((a, b) => a.first - b.first || a.order - b.order);
    for (let at = 0; at < keyed.length; at++) services[at] = keyed[at]!.service;
    return services;
  }

  /** Pods that can match a set of required labels: those with its rarest pair, or the whole namespace. */
  private candidatePods(required: Record<string, unknown>, namespace: string | undefined): readonly PodView[] {
    let best: readonly PodView[] = this.podsIn(namespace);
    for (const [key, value] of Object.entries(required)) {
      const withPair = this.podsByLabel.get(labelKey(namespace, key, String(value))) ?? [];
      if (withPair.length < best.length) best = withPair;
    }
    return best;
  }

  /** PodDisruptionBudgets whose selector matches this pod, in input order. */
  disruptionBudgetsFor(pod: PodView): Resource[] {
    // Asked per pod: matching every budget of the namespace was quadratic where each workload has one.
    const { namespace } = pod.resource;
    const budgets = (this.budgets ??= this.indexBudgets());
    const candidates = new Set(budgets.unkeyed.get(namespaceKey(namespace)));
    for (const [key, value] of Object.entries(pod.labels)) for (const pdb of budgets.byPair.get(labelKey(namespace, key, value)) ?? []) candidates.add(pdb);
    return [...candidates]
      .filter((pdb) => pdb.namespace === namespace && selectorMatches((pdb.object.spec as { selector?: LabelSelector }).selector, pod.labels))
      .sort((a, b) => this.order(a) - this.order(b));
  }

  /**
   * Each budget that can match a pod under the rarest pair of its `matchLabels` (a pod it matches has
   * them all); a selector without `matchLabels` (expressions only, or `{}`, which selects every pod) by
   * its namespace. A budget without a spec or a selector matches nothing.
   */
  private indexBudgets(): { byPair: Map<string, Resource[]>; unkeyed: Map<string, Resource[]> } {
    const byPair = new Map<string, Resource[]>();
    const unkeyed = new Map<string, Resource[]>();
    for (const pdb of this.byKind.get('PodDisruptionBudget') ?? []) {
      const spec = pdb.object.spec;
      if (!isPlainObject(spec) || !isPlainObject(spec.selector)) continue;
      const matchLabels = isPlainObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
      const rarest = this.rarestPair(labelKeys(pdb.namespace, matchLabels));
      if (rarest === undefined) pushTo(unkeyed, namespaceKey(pdb.namespace), pdb);
      else pushTo(byPair, rarest, pdb);
    }
    return { byPair, unkeyed };
  }

  /** HorizontalPodAutoscalers whose `scaleTargetRef` names this object. */
  autoscalersFor(resource: Resource): Resource[] {
    return this.ofKind('HorizontalPodAutoscaler', resource.namespace).filter((hpa) => {
      const spec = hpa.object.spec;
      const target = isPlainObject(spec) && isPlainObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
      return target?.kind === resource.kind && target?.name === resource.name;
    });
  }
}

function namespaceKey(namespace: string | undefined): string {
  return namespace ?? '';
}

/** The folder part of a path (`a/b` of `a/b/c.yaml`, `` of `c.yaml`), either separator. */
export function folderOfPath(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash === -1 ? '' : path.slice(0, slash);
}

function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

/** The `namespace\0key\0value` of each pair of a Service's selector. */
/** The `labelKey` of each pair of a selector's map (a value as its string). */
function labelKeys(namespace: string | undefined, pairs: Record<string, unknown>): string[] {
  return Object.entries(pairs).map(([key, value]) => labelKey(namespace, key, String(value)));
}

/**
 * Several changes as one, against the index as it is now: an object taken out and put back (a file
 * back to a text it had) is no change; one put in and taken out again is none either.
 */
function netChange(changes: readonly IndexChange[], present: (resource: Resource) => boolean): IndexChange {
  if (changes.length === 1) return changes[0]!;
  const first = new Map<Resource, 'removed' | 'added'>();
  for (const change of changes) {
    for (const resource of change.removed) if (!first.has(resource)) first.set(resource, 'removed');
    for (const resource of change.added) if (!first.has(resource)) first.set(resource, 'added');
  }
  const removed: Resource[] = [];
  const added: Resource[] = [];
  for (const [resource, event] of first) {
    // First taken out: it was there before. First put in: it was not.
    const before = event === 'removed';
    const now = present(resource);
    if (before && !now) removed.push(resource);
    else if (!before && now) added.push(resource);
  }
  return { removed, added };
}
