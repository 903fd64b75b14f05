import { isPlainObject, type PodView, type ResourceIndex } from '@kubelore/core';

/**
 * How many replicas a workload runs at least: `spec.replicas`, raised to an HPA's `minReplicas` when an
 * autoscaler in the input targets it. Undefined for kinds that are not replicated (DaemonSets, Jobs).
 */
export function minimumReplicas(pod: PodView, index: ResourceIndex): number | undefined {
  if (pod.replicas === undefined || pod.resource.kind === 'Pod') return pod.replicas;
  let replicas = pod.replicas;
  for (const hpa of index.autoscalersFor(pod.resource)) {
    const spec = hpa.object.spec;
    const min = isPlainObject(spec) && typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    // With an autoscaler the declared replicas are only the starting point; minReplicas is the floor.
    replicas = min;
  }
  return replicas;
}

/** `{app: api, tier: web}` as messages show label sets. */
export function describeLabels(labels: Record<string, unknown> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? '{}' : `{${entries.map(([key, value]) => `${key}: ${String(value)}`).join(', ')}}`;
}
