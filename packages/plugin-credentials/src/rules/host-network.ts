import { containersOf, defineRule, isPlainObject, joinPointer } from '@kubelore/core';

/** `*` matches anything, slashes included: image references are not paths. */
function imageMatches(image: string, pattern: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(image);
}

const CRITICAL_PRIORITY = new Set(['system-cluster-critical', 'system-node-critical']);
// Taints of nodes whose pod network is not up yet: only what the network itself needs tolerates them.
const BOOTSTRAP_TAINTS = new Set(['CriticalAddonsOnly', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/network-unavailable', 'node.cloudprovider.kubernetes.io/uninitialized']);

/**
 * A cluster component that must run before pod networking does (a CNI's controller or operator): a
 * system-critical priority class, or tolerations of every NoSchedule taint or of the taints of a node
 * whose network is not ready.
 */
function isClusterBootstrap(spec: Record<string, unknown>): boolean {
  if (typeof spec.priorityClassName === 'string' && CRITICAL_PRIORITY.has(spec.priorityClassName)) return true;
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  return tolerations.some((toleration) => {
    if (!isPlainObject(toleration)) return false;
    const { key, operator, effect } = toleration;
    if ((key === undefined || key === '') && operator === 'Exists' && (effect === undefined || effect === '' || effect === 'NoSchedule')) return true;
    return typeof key === 'string' && BOOTSTRAP_TAINTS.has(key);
  });
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod on the host network (`hostNetwork: true`)',
      story:
        'node credential agents (kube2iam, kiam) find a pod by its IP; a host-network pod has the node\'s IP, bypasses them and gets the node\'s own IAM role, and it also shares the node\'s ports and network namespace.',
      recommended: true,
    },
    messages: {
      hostNetwork:
        'Pod runs on the host network: credential agents such as kube2iam cannot tell it from the node, so it gets the node\'s IAM role, and it shares the node\'s ports. Remove `hostNetwork: true` unless this is a node agent.',
    },
    schema: {
      type: 'object',
      properties: {
        allowImages: { type: 'array', items: { type: 'string' } },
        allowNamespaces: { type: 'array', items: { type: 'string' } },
        allowDaemonSets: { type: 'boolean' },
        allowClusterBootstrap: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    // The credential agents themselves must run on the host network to intercept the metadata API.
    // A DaemonSet on the host network is a node agent (a CNI, a BGP speaker, a node setup script): one per
    // node, doing node-level work, which is the exception the message names. Strict asks about them too.
    // So is a component that must run before pod networking exists (a CNI's controller or operator).
    defaultOptions: { allowImages: ['*kube2iam*', '*kiam*'] as string[], allowNamespaces: [] as string[], allowDaemonSets: true, allowClusterBootstrap: true },
    strictOptions: { allowDaemonSets: false, allowClusterBootstrap: false },
    security: 6.5,
    visits: ['PodSpec'],
  },
  create(context) {
    const { allowImages, allowNamespaces, allowDaemonSets, allowClusterBootstrap } = context.options;
    return {
      PodSpec(pod) {
        if (pod.spec.hostNetwork !== true) return;
        if (allowDaemonSets && pod.resource.kind === 'DaemonSet') return;
        if (allowClusterBootstrap && isClusterBootstrap(pod.spec as unknown as Record<string, unknown>)) return;
        // Node agents usually live in a namespace of their own (kube-system, monitoring).
        if (pod.resource.namespace !== undefined && allowNamespaces.includes(pod.resource.namespace)) return;
        const images = containersOf(pod).map((view) => String(view.container.image ?? ''));
        if (images.length > 0 && images.every((image) => allowImages.some((pattern) => imageMatches(image, pattern)))) return;
        context.report({ node: pod, pointer: joinPointer(pod.pointer, 'hostNetwork'), messageId: 'hostNetwork' });
      },
    };
  },
});
