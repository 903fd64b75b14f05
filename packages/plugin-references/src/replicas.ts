import { isPlainObject, type PodView, type Resource, type ResourceIndex, type Settings } from '@kubelore/core';
import { applyScopeOf, applyUnits } from './scope.js';

/** How many pods a workload runs: the bounds an autoscaler sets, or its `spec.replicas` twice. */
export interface ReplicaRange {
  min: number;
  max: number;
  /** `HorizontalPodAutoscaler "api"` when an autoscaler sets the bounds. */
  autoscaler?: string;
}

// KEDA's defaults when a ScaledObject leaves them out.
const KEDA_MIN_DEFAULT = 0;
const KEDA_MAX_DEFAULT = 100;

function targetOf(scaler: Resource): { kind: string; name: unknown } | undefined {
  const spec = scaler.object.spec;
  const ref = isPlainObject(spec) && isPlainObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (!ref) return undefined;
  // A ScaledObject's target kind defaults to Deployment; an HPA must name it.
  const kind = typeof ref.kind === 'string' ? ref.kind : scaler.kind === 'ScaledObject' ? 'Deployment' : '';
  return { kind, name: ref.name };
}

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The autoscalers (HPAs, then KEDA ScaledObjects) of a namespace by the kind and name they target, in
 * that order: once per run and namespace (a memo), where each pod used to scan the namespace's.
 */
function scalersByTarget(index: ResourceIndex, namespace: string | undefined): Map<string, Map<unknown, Resource[]>> {
  const cache = index.memo('references/replicas:scalers-by-target', () => new Map<string | undefined, Map<string, Map<unknown, Resource[]>>>());
  let byTarget = cache.get(namespace);
  if (!byTarget) {
    cache.set(namespace, (byTarget = new Map()));
    const scalers = [...index.ofKind('HorizontalPodAutoscaler', namespace), ...index.ofKind('ScaledObject', namespace).filter((scaler) => scaler.group === 'keda.sh')];
    for (const scaler of scalers) {
      const target = targetOf(scaler);
      if (!target) continue;
      let byName = byTarget.get(target.kind);
      if (!byName) byTarget.set(target.kind, (byName = new Map()));
      const list = byName.get(target.name);
      if (list) list.push(scaler);
      else byName.set(target.name, [scaler]);
    }
  }
  return byTarget;
}

/**
 * The replica range of a replicated workload (undefined for DaemonSets, Jobs and CronJobs): an
 * HorizontalPodAutoscaler's `minReplicas` (default 1) to `maxReplicas`, or a KEDA ScaledObject's
 * `minReplicaCount` (default 0) to `maxReplicaCount` (default 100), when one applied with the workload
 * targets it; `spec.replicas` otherwise. Bare Pods run one.
 */
export function replicaRange(pod: PodView, index: ResourceIndex, settings: Settings): ReplicaRange | undefined {
  if (pod.replicas === undefined) return undefined;
  if (pod.resource.kind === 'Pod') return { min: 1, max: 1 };
  const units = applyUnits(index, applyScopeOf(settings));
  const { resource } = pod;
  for (const scaler of scalersByTarget(index, resource.namespace).get(resource.kind)?.get(resource.name) ?? []) {
    if (!units.together(scaler, resource)) continue;
    const spec = scaler.object.spec as Record<string, unknown>;
    const autoscaler = `${scaler.kind} "${scaler.name ?? '(unnamed)'}"`;
    if (scaler.kind === 'ScaledObject') {
      const min = count(spec.minReplicaCount, KEDA_MIN_DEFAULT);
      return { min, max: Math.max(min, count(spec.maxReplicaCount, KEDA_MAX_DEFAULT)), autoscaler };
    }
    const min = count(spec.minReplicas, 1);
    return { min, max: Math.max(min, count(spec.maxReplicas, min)), autoscaler };
  }
  return { min: pod.replicas, max: pod.replicas };
}

/** How many pods a workload runs at least, for budgets: a scale-to-zero minimum counts as one pod. */
export function minimumReplicas(pod: PodView, index: ResourceIndex, settings: Settings): number | undefined {
  const range = replicaRange(pod, index, settings);
  if (!range) return undefined;
  return range.autoscaler && range.min === 0 ? 1 : range.min;
}

/** How many pods a workload can run at most: whether it is ever more than one. */
export function maximumReplicas(pod: PodView, index: ResourceIndex, settings: Settings): number | undefined {
  return replicaRange(pod, index, settings)?.max;
}

/**
 * A Job that runs one pod once: a fixed name (a second apply finds it and creates nothing), no
 * `generateName`, and neither `parallelism` nor `completions` over 1. Evicted, its pod is replaced by the
 * Job controller; the pods that stack on a node and never make the autoscaler scale are many: a
 * CronJob's, a parallel Job's, or the Jobs a build system creates from a `generateName`.
 */
export function isOneShotJob(resource: Resource): boolean {
  if (resource.kind !== 'Job') return false;
  const { metadata, spec } = resource.object as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  if (typeof metadata?.name !== 'string' || metadata.generateName !== undefined) return false;
  const atMostOne = (value: unknown) => value === undefined || value === null || (typeof value === 'number' && value <= 1);
  return atMostOne(spec?.parallelism) && atMostOne(spec?.completions);
}
