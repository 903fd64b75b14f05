import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { joinPointer } from './pointer.js';
import { isPlainObject, type Resource } from './resource.js';

/** The pod a workload runs, the same shape whatever the workload kind. */
export interface PodView {
  resource: Resource;
  spec: PodSpec;
  /** Pointer to the pod spec (`/spec/template/spec` for a Deployment). */
  pointer: string;
  /** Pointer to the pod template (`/spec/template`), or the Pod itself. */
  templatePointer: string;
  /** The pod's labels: the template's for a workload, the Pod's own for a Pod. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** How many copies run at once: `spec.replicas` (default 1) for replicated kinds; undefined for DaemonSets, Jobs and CronJobs. */
  replicas: number | undefined;
}

export type ContainerRole = 'init' | 'container' | 'ephemeral';

export interface ContainerView {
  resource: Resource;
  pod: PodView;
  container: Container;
  role: ContainerRole;
  /** An init container with `restartPolicy: Always` runs beside the main containers for the pod's life. */
  sidecar: boolean;
  index: number;
  name: string;
  pointer: string;
}

/** Where each workload kind keeps its pod template (pointers relative to the object). */
const TEMPLATE_PATHS: Record<string, string> = {
  Deployment: '/spec/template',
  StatefulSet: '/spec/template',
  DaemonSet: '/spec/template',
  ReplicaSet: '/spec/template',
  ReplicationController: '/spec/template',
  Job: '/spec/template',
  CronJob: '/spec/jobTemplate/spec/template',
  PodTemplate: '/template',
  // Argo Rollouts embed a Deployment-shaped template.
  Rollout: '/spec/template',
};

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Pod', ...Object.keys(TEMPLATE_PATHS)]);

function child(value: unknown, key: string): unknown {
  return isPlainObject(value) ? value[key] : undefined;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = String(entry);
  return out;
}

function walk(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.split('/').slice(1)) current = child(current, key);
  return current;
}

/** The normalised pod of any workload kind, or undefined when the object runs no pod. */
export function podViewOf(resource: Resource): PodView | undefined {
  if (resource.kind === 'Rollout' && resource.group !== 'argoproj.io') return undefined;
  const object = resource.object;
  let templatePath: string;
  let template: unknown;
  if (resource.kind === 'Pod') {
    templatePath = '';
    template = object;
  } else {
    // Own keys only: a kind named `constructor` or `toString` is not a workload.
    const path = Object.hasOwn(TEMPLATE_PATHS, resource.kind) ? TEMPLATE_PATHS[resource.kind] : undefined;
    if (!path) return undefined;
    templatePath = path;
    template = walk(object, path);
  }
  const spec = child(template, 'spec');
  if (!isPlainObject(spec)) return undefined;
  const metadata = child(template, 'metadata');
  let replicas: number | undefined;
  if (resource.kind === 'Pod') replicas = 1;
  else if (REPLICATED_KINDS.has(resource.kind)) {
    const declared = child(object.spec, 'replicas');
    replicas = typeof declared === 'number' ? declared : 1;
  }
  const templatePointer = resource.pointer + templatePath;
  return {
    resource,
    spec: spec as unknown as PodSpec,
    pointer: joinPointer(templatePointer, 'spec'),
    templatePointer,
    labels: stringMap(child(metadata, 'labels')),
    annotations: stringMap(child(metadata, 'annotations')),
    replicas,
  };
}

const CONTAINER_LISTS: Array<[keyof PodSpec, ContainerRole]> = [
  ['initContainers', 'init'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeral'],
];

// Asked for by the engine (the Container visitors) and by many rules for the same pod: the views are
// built once per pod view and shared. A pod view is made once per object by the index and never changes.
const containersByPod = new WeakMap<PodView, readonly ContainerView[]>();

/** Every container of a pod: init containers first, then regular, then ephemeral, in file order. */
export function containersOf(pod: PodView): readonly ContainerView[] {
  let views = containersByPod.get(pod);
  if (!views) containersByPod.set(pod, (views = Object.freeze(buildContainerViews(pod))));
  return views;
}

function buildContainerViews(pod: PodView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const [field, role] of CONTAINER_LISTS) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!isPlainObject(container)) return;
      const typed = container as unknown as Container;
      out.push({
        resource: pod.resource,
        pod,
        container: typed,
        role,
        sidecar: role === 'init' && (typed as { restartPolicy?: string }).restartPolicy === 'Always',
        index,
        name: typeof typed.name === 'string' ? typed.name : `#${index}`,
        pointer: joinPointer(pod.pointer, field, index),
      });
    });
  }
  return out;
}
