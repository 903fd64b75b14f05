import { defineRule, joinPointer } from '@kubelore/core';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a pod that gets a service account token mounted without opting in',
      story:
        'every container of the pod can read the token at /var/run/secrets/kubernetes.io/serviceaccount; an attacker with code execution in any of them holds API credentials with whatever the account is allowed.',
      recommended: 'strict',
    },
    messages: {
      mounted:
        'The pod gets a service account token mounted by default: set `automountServiceAccountToken: false` on the pod (or its ServiceAccount), and `true` only where it calls the Kubernetes API.',
    },
    security: 5.0,
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        // An explicit value either way is a decision; only the silent default is reported.
        if (pod.spec.automountServiceAccountToken !== undefined) return;
        const accountName = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default';
        const account = context.index.find('ServiceAccount', accountName, pod.resource.namespace);
        if (account && account.object.automountServiceAccountToken !== undefined) return;
        context.report({ node: pod, pointer: joinPointer(pod.pointer, 'automountServiceAccountToken'), messageId: 'mounted' });
      },
    };
  },
});
