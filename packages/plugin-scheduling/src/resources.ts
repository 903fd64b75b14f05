import { containersOf, type ContainerView } from '@kubelore/core';

/** A container's declared requests and limits; the API server copies a limit into a missing request. */
export function resourcesOf(view: ContainerView): { requests: Record<string, unknown>; limits: Record<string, unknown> } {
  const resources = view.container.resources ?? {};
  const limits = { ...(resources.limits ?? {}) } as Record<string, unknown>;
  const requests = { ...limits, ...(resources.requests ?? {}) } as Record<string, unknown>;
  return { requests, limits };
}

/** Ephemeral containers cannot declare resources; every other container is scheduled by its requests. */
export function isScheduled(view: ContainerView): boolean {
  return view.role !== 'ephemeral';
}

/**
 * The pause container (`registry.k8s.io/pause`, `k8s.gcr.io/pause`, `gcr.io/google_containers/pause`, or any
 * image named `pause`): it only sleeps, to keep a pod running after its init containers did the work.
 */
export function isPauseContainer(view: ContainerView): boolean {
  const image = typeof view.container.image === 'string' ? view.container.image : '';
  const name = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return /(^|\/)pause(-[a-z0-9]+)?$/.test(name);
}

/**
 * A one-shot init container (not a sidecar: no `restartPolicy: Always`) of a pod whose main containers
 * do real work. It runs alone, before them, and the pod's effective request is the larger of each init
 * container's and the sum of the main containers', so one that requests nothing leaves the pod's request
 * to the main containers, which are checked themselves. Where the only main container is the pause
 * container, the init containers are the pod's work and are checked.
 */
export function isCoveredInit(view: ContainerView): boolean {
  if (view.role !== 'init' || view.sidecar) return false;
  return containersOf(view.pod).some((other) => other.role === 'container' && !isPauseContainer(other));
}
