import { containersOf, defineRule, editorFor, isPlainObject, joinPointer, type PodView, type ResourceIndex } from '@kubelore/core';
import { eachMapping, listOf } from '../shapes.js';

/** A host in a URL or `host:port`, or a bare word, at the start of a value or after `=`. */
const HOST = /(?:^|[=\s/@,])((?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)(?=:\d|\/|$|[\s,])/gi;

/**
 * Whether the pod visibly resolves a cluster name: a `*.svc` name, or the name of a Service of the input
 * in its namespace, in its containers' env values, command or args. A node agent on the host network
 * that names no cluster Service (a CNI, a BGP speaker, a node setup script) needs no cluster DNS, and a
 * CNI must not depend on CoreDNS, which needs the CNI to run.
 */
function resolvesClusterNames(pod: PodView, index: ResourceIndex): boolean {
  const values: string[] = [];
  for (const view of containersOf(pod)) {
    for (const part of [...listOf(view.container.command), ...listOf(view.container.args)]) if (typeof part === 'string') values.push(part);
    eachMapping<Record<string, unknown>>(view.container.env, (variable) => {
      if (typeof variable.value === 'string') values.push(variable.value);
    });
  }
  const namespace = pod.resource.namespace;
  for (const value of values) {
    for (const match of value.matchAll(HOST)) {
      const host = match[1]!.toLowerCase();
      if (/\.svc(\.|$)/.test(host)) return true;
      if (!host.includes('.') && /[a-z]/.test(host) && index.find('Service', host, namespace) !== undefined) return true;
      const [service, serviceNamespace] = host.split('.');
      if (serviceNamespace !== undefined && host.split('.').length === 2 && index.find('Service', service!, serviceNamespace) !== undefined) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod on the host network that resolves cluster names without `dnsPolicy: ClusterFirstWithHostNet`',
      story:
        'with `hostNetwork: true` the default `ClusterFirst` policy silently falls back to the node\'s resolver, so Service names stop resolving and the pod fails to reach anything in the cluster by name.',
      recommended: true,
    },
    messages: {
      missing:
        'The pod uses the host network and names cluster Services, without `dnsPolicy: ClusterFirstWithHostNet`: it gets the node\'s resolver and cluster Service names do not resolve.',
      clusterFirst:
        '`dnsPolicy: ClusterFirst` on the host network behaves like `Default` (the node\'s resolver), and the pod names cluster Services: use `ClusterFirstWithHostNet` to resolve them.',
    },
    fixable: 'code',
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        if (pod.spec.hostNetwork !== true) return;
        const policy = pod.spec.dnsPolicy;
        // `Default` and `None` are explicit choices of a resolver; only the implicit fallback is a trap.
        if (policy !== undefined && policy !== 'ClusterFirst') return;
        if (!resolvesClusterNames(pod, context.index)) return;
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
