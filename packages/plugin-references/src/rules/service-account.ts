import { defineRule, joinPointer } from '@kubelore/core';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod whose `serviceAccountName` names no ServiceAccount in the linted files, when they define ServiceAccounts in that namespace',
      story:
        'a pod that names a ServiceAccount that does not exist is never created: the ReplicaSet reports `serviceaccount not found` and the rollout hangs.',
      recommended: true,
    },
    messages: {
      missing: 'The pod runs as ServiceAccount "{{account}}", but the linted files define no ServiceAccount of that name in namespace "{{namespace}}" (they define {{defined}}): the pod will not be created.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      PodSpec(pod) {
        const field = pod.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
        const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
        if (typeof account !== 'string' || account === '' || account === 'default') return;
        const namespace = pod.resource.namespace;
        const accounts = context.index.ofKind('ServiceAccount', namespace);
        // When the input defines no accounts in the namespace, they are managed elsewhere: we cannot know.
        if (accounts.length === 0 || accounts.some((candidate) => candidate.name === account)) return;
        const names = accounts.map((candidate) => `"${candidate.name}"`).slice(0, 5).join(', ');
        context.report({
          node: pod,
          pointer: joinPointer(pod.pointer, field),
          messageId: 'missing',
          data: { account, namespace: namespace ?? '', defined: names },
        });
      },
    };
  },
});
