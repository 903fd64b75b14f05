import { defineRule, editorFor, joinPointer } from '@kubelore/core';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod on the host network without `dnsPolicy: ClusterFirstWithHostNet`',
      story:
        'with `hostNetwork: true` the default `ClusterFirst` policy silently falls back to the node\'s resolver, so Service names stop resolving and the pod fails to reach anything in the cluster by name.',
      recommended: true,
    },
    messages: {
      missing:
        'The pod uses the host network without `dnsPolicy: ClusterFirstWithHostNet`: it gets the node\'s resolver and cluster Service names do not resolve.',
      clusterFirst:
        '`dnsPolicy: ClusterFirst` on the host network behaves like `Default` (the node\'s resolver): use `ClusterFirstWithHostNet` to resolve cluster Service names.',
    },
    fixable: 'code',
  },
  create(context) {
    return {
      PodSpec(pod) {
        if (pod.spec.hostNetwork !== true) return;
        const policy = pod.spec.dnsPolicy;
        // `Default` and `None` are explicit choices of a resolver; only the implicit fallback is a trap.
        if (policy !== undefined && policy !== 'ClusterFirst') return;
        const editor = editorFor(pod);
        if (policy === undefined) {
          context.report({
            node: pod,
            pointer: joinPointer(pod.pointer, 'hostNetwork'),
            messageId: 'missing',
            fix: editor.insertKey(pod.pointer, 'dnsPolicy', 'ClusterFirstWithHostNet'),
          });
        } else {
          const pointer = joinPointer(pod.pointer, 'dnsPolicy');
          context.report({ node: pod, pointer, messageId: 'clusterFirst', fix: editor.setScalar(pointer, 'ClusterFirstWithHostNet') });
        }
      },
    };
  },
});
