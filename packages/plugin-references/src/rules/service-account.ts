import { defineRule, joinPointer } from '@kubelore/core';
import { applyScopeOf, applyUnits } from '../scope.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod whose `serviceAccountName` names no ServiceAccount in the linted files, when what is applied with it defines ServiceAccounts in that namespace',
      story:
        'a pod that names a ServiceAccount that does not exist is never created: the ReplicaSet reports `serviceaccount not found` and the rollout hangs.',
      recommended: true,
    },
    messages: {
      missing: 'The pod runs as ServiceAccount "{{account}}", but the linted files define no ServiceAccount of that name in namespace "{{namespace}}" (they define {{defined}}): the pod will not be created.',
    },
    visits: ['PodSpec'],
  },
  create(context) {
    const units = applyUnits(context.index, applyScopeOf(context.settings));
    return {
      PodSpec(pod) {
        const field = pod.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
        const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
        if (typeof account !== 'string' || account === '' || account === 'default') return;
        const namespace = pod.resource.namespace;
        // One of that name in a folder applied apart: how the two meet is not in the input.
        // (The index's name table: asked per pod, a scan of the namespace's accounts was quadratic.)
        if (context.index.find('ServiceAccount', account, namespace)) return;
        const all = context.index.ofKind('ServiceAccount', namespace);
        // When nothing applied with the pod defines accounts in the namespace, they are managed elsewhere.
        const accounts = all.filter((candidate) => units.together(candidate, pod.resource));
        if (accounts.length === 0) return;
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
