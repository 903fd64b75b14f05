import { containersOf, defineRule, joinPointer } from '@kubelore/core';

/** `*` matches anything, slashes included: image references are not paths. */
function imageMatches(image: string, pattern: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(image);
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
      },
      additionalProperties: false,
    },
    // The credential agents themselves must run on the host network to intercept the metadata API.
    // A DaemonSet on the host network is a node agent (a CNI, a BGP speaker, a node setup script): one per
    // node, doing node-level work, which is the exception the message names. Strict asks about them too.
    defaultOptions: { allowImages: ['*kube2iam*', '*kiam*'] as string[], allowNamespaces: [] as string[], allowDaemonSets: true },
    strictOptions: { allowDaemonSets: false },
    security: 6.5,
  },
  create(context) {
    const { allowImages, allowNamespaces, allowDaemonSets } = context.options;
    return {
      PodSpec(pod) {
        if (pod.spec.hostNetwork !== true) return;
        if (allowDaemonSets && pod.resource.kind === 'DaemonSet') return;
        // Node agents usually live in a namespace of their own (kube-system, monitoring).
        if (pod.resource.namespace !== undefined && allowNamespaces.includes(pod.resource.namespace)) return;
        const images = containersOf(pod).map((view) => String(view.container.image ?? ''));
        if (images.length > 0 && images.every((image) => allowImages.some((pattern) => imageMatches(image, pattern)))) return;
        context.report({ node: pod, pointer: joinPointer(pod.pointer, 'hostNetwork'), messageId: 'hostNetwork' });
      },
    };
  },
});
