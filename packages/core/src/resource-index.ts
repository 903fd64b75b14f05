import type { Service } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isPlainObject, type Resource } from './resource.js';
import { selectorMatches, serviceSelectorMatches } from './selectors.js';
import { podViewOf, type PodView } from './workloads.js';

/** What a CustomResourceDefinition of the input declares about its kind. */
export interface CustomKind {
  crd: Resource;
  group: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  /** Each served version's `openAPIV3Schema`, undefined where the CRD gives none. */
  versions: Map<string, Record<string, unknown> | undefined>;
}

/** CRDs of the input by `group/Kind` (of two for the same kind, the later one). */
function readCustomKinds(resources: readonly Resource[]): Map<string, CustomKind> {
  const kinds = new Map<string, CustomKind>();
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
    kinds.set(key, { crd, group: spec.group, kind: spec.names.kind, scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced', versions });
  }
  return kinds;
}

/**
 * Answers cross-object questions about the whole input (every file of a run): which pods a selector
 * matches, which Services select a pod, which PDBs and HPAs apply to a workload.
 */
export class ResourceIndex {
  readonly resources: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly pods: PodView[] = [];
  private readonly podByResource = new Map<Resource, PodView>();
  private readonly byKindAndNamespace = new Map<string, Resource[]>();
  private readonly servicesByPod = new Map<PodView, Resource<Service>[]>();
  private readonly podsByNamespace = new Map<string, PodView[]>();
  /** Pods by `namespace\0key\0value` of each of their labels: selectors start from their rarest pair. */
  private readonly podsByLabel = new Map<string, PodView[]>();
  /** Services by `namespace\0key\0value` of each pair of their selector. */
  private readonly servicesBySelectorPair = new Map<string, Resource<Service>[]>();
  private readonly customKindsByName: Map<string, CustomKind>;
  private readonly memos = new Map<string, unknown>();

  /**
   * Indexes every object of a run. CRDs of the input are read first: objects of a kind they declare
   * cluster-scoped lose the default namespace they were given.
   */
  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    this.customKindsByName = readCustomKinds(resources);
    const clusterKinds = [...this.customKindsByName.values()].filter((custom) => custom.scope === 'Cluster');
    if (clusterKinds.length > 0) {
      const keys = new Set(clusterKinds.map((custom) => `${custom.group}/${custom.kind}`));
      for (const resource of resources) if (keys.has(`${resource.group}/${resource.kind}`)) resource.namespace = undefined;
    }
    for (const resource of resources) {
      let list = this.byKind.get(resource.kind);
      if (!list) this.byKind.set(resource.kind, (list = []));
      list.push(resource);
      const pod = podViewOf(resource);
      if (pod) {
        this.pods.push(pod);
        this.podByResource.set(resource, pod);
        push(this.podsByNamespace, resource.namespace ?? '', pod);
        for (const [key, value] of Object.entries(pod.labels)) push(this.podsByLabel, labelKey(resource.namespace, key, value), pod);
      }
      if (resource.kind === 'Service') {
        const selector = (resource as Resource<Service>).object.spec?.selector;
        if (isPlainObject(selector)) {
          for (const [key, value] of Object.entries(selector)) push(this.servicesBySelectorPair, labelKey(resource.namespace, key, String(value)), resource as Resource<Service>);
        }
      }
    }
  }

  /** The CustomResourceDefinitions of the input, by `group/Kind`. */
  customKinds(): ReadonlyMap<string, CustomKind> {
    return this.customKindsByName;
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
    return this.podsByNamespace.get(namespace ?? '') ?? [];
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
    return this.ofKind<T>(kind).find((resource) => resource.name === name && (resource.namespace === undefined || resource.namespace === namespace));
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
      // A Service selects the pod only if every pair of its selector is a label of the pod: look up by those.
      const candidates = new Set<Resource<Service>>();
      for (const [key, value] of Object.entries(pod.labels)) {
        for (const service of this.servicesBySelectorPair.get(labelKey(pod.resource.namespace, key, value)) ?? []) candidates.add(service);
      }
      services = [...candidates].filter((service) => serviceSelectorMatches(service.object.spec?.selector, pod.labels));
      this.servicesByPod.set(pod, services);
    }
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

  /** PodDisruptionBudgets whose selector matches this pod. */
  disruptionBudgetsFor(pod: PodView): Resource[] {
    return this.ofKind('PodDisruptionBudget', pod.resource.namespace).filter((pdb) => {
      const spec = pdb.object.spec;
      return isPlainObject(spec) && selectorMatches(spec.selector as LabelSelector | undefined, pod.labels);
    });
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

function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
