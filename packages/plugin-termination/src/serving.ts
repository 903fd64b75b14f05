import type { ContainerView, PodView, ResourceIndex } from '@kubelore/core';

const BATCH_KINDS = new Set(['Job', 'CronJob']);

function declaresPorts(container: { ports?: unknown[] }): boolean {
  return Array.isArray(container.ports) && container.ports.length > 0;
}

/**
 * Whether a pod receives traffic: a Service in the input selects it, or (for long-running kinds) one of
 * its containers declares a port. Batch pods with ports are usually metrics endpoints, not served.
 */
export function isServed(pod: PodView, index: ResourceIndex): boolean {
  if (index.servicesSelecting(pod).length > 0) return true;
  if (BATCH_KINDS.has(pod.resource.kind)) return false;
  return (pod.spec.containers ?? []).some((container) => declaresPorts(container));
}

/**
 * The containers of a served pod that take the traffic: regular containers that declare ports, or every
 * regular container when none declares any (a Service may target undeclared ports).
 */
export function isServingContainer(view: ContainerView, index: ResourceIndex): boolean {
  if (view.role !== 'container' || !isServed(view.pod, index)) return false;
  const anyPorts = (view.pod.spec.containers ?? []).some((container) => declaresPorts(container));
  return !anyPorts || declaresPorts(view.container);
}
