import type { PodView } from '@kubelore/core';

/** Every label key a workload controller adds to the pods it creates. */
export const CONTROLLER_KEYS: ReadonlySet<string> = new Set([
  'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index',
  'controller-revision-hash', 'apps.kubernetes.io/pod-index', 'statefulset.kubernetes.io/pod-name', 'pod-template-generation', 'pod-template-hash',
  'rollouts-pod-template-hash',
]);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the controller of a pod template gives its pods `key: value`, a label the template does not
 * carry: Jobs name their pods' job, StatefulSets number their pods, and hashes are unknown in advance.
 */
function controllerGives(pod: PodView, key: string, value: string): boolean {
  const { kind, name } = pod.resource;
  switch (kind) {
    case 'Job':
      if (key === 'job-name' || key === 'batch.kubernetes.io/job-name') return value === name;
      return key === 'controller-uid' || key === 'batch.kubernetes.io/controller-uid' || key === 'batch.kubernetes.io/job-completion-index';
    case 'CronJob':
      // Each run's Job is named after the CronJob and the scheduled time.
      if (key === 'job-name' || key === 'batch.kubernetes.io/job-name') return name !== undefined && value.startsWith(`${name}-`);
      return key === 'controller-uid' || key === 'batch.kubernetes.io/controller-uid';
    case 'StatefulSet':
      if (key === 'controller-revision-hash') return true;
      // Pods are numbered from 0; an autoscaler may add ordinals past spec.replicas, so any number will do.
      if (key === 'apps.kubernetes.io/pod-index') return /^\d+$/.test(value);
      if (key === 'statefulset.kubernetes.io/pod-name') return name !== undefined && new RegExp(`^${escape(name)}-\\d+$`).test(value);
      return false;
    case 'DaemonSet':
      return key === 'controller-revision-hash' || key === 'pod-template-generation';
    case 'Deployment':
    case 'ReplicaSet':
      return key === 'pod-template-hash';
    case 'Rollout':
      return key === 'rollouts-pod-template-hash';
    default:
      return false;
  }
}

/** A Service selector against a pod's template labels and the labels its controller adds. */
export function selectsWithControllerLabels(selector: Record<string, unknown>, pod: PodView): boolean {
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([key, raw]) => {
    const value = String(raw);
    return pod.labels[key] === value || (!(key in pod.labels) && controllerGives(pod, key, value));
  });
}
