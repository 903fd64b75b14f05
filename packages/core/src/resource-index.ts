import type { Service } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isPlainObject, type Resource } from './resource.js';
import { selectorMatches, serviceSelectorMatches } from './selectors.js';
import { podViewOf, type PodView } from './workloads.js';

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

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const resource of resources) {
      let list = this.byKind.get(resource.kind);
      if (!list) this.byKind.set(resource.kind, (list = []));
      list.push(resource);
      const pod = podViewOf(resource);
      if (pod) {
        this.pods.push(pod);
        this.podByResource.set(resource, pod);
      }
    }
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
    return this.pods.filter((pod) => pod.resource.namespace === namespace && selectorMatches(selector, pod.labels));
  }

  /** Pod templates a Service's selector picks. */
  podsSelectedBy(service: Resource<Service>): PodView[] {
    const selector = service.object.spec?.selector;
    return this.pods.filter((pod) => pod.resource.namespace === service.namespace && serviceSelectorMatches(selector, pod.labels));
  }

  /** Services in the input whose selector picks this pod. */
  servicesSelecting(pod: PodView): Resource<Service>[] {
    let services = this.servicesByPod.get(pod);
    if (!services) {
      services = this.ofKind<Service>('Service', pod.resource.namespace).filter((service) => serviceSelectorMatches(service.object.spec?.selector, pod.labels));
      this.servicesByPod.set(pod, services);
    }
    return services;
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
