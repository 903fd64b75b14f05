import type { ContainerView } from '@kubelore/core';

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
