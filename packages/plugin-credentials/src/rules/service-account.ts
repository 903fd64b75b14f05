import { defineRule, joinPointer } from '@kubelore/core';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a pod that runs as the namespace\'s `default` service account, or names its account with the deprecated `serviceAccount` field',
      story:
        'every pod without an account of its own shares `default`; the first role granted to it for one workload is granted to all of them, and an audit log cannot tell them apart.',
      recommended: 'strict',
    },
    messages: {
      defaultAccount: 'The pod runs as the "default" service account, shared by every pod of the namespace: give it a ServiceAccount of its own.',
      deprecatedField: '`serviceAccount` is deprecated: use `serviceAccountName: {{name}}`.',
    },
    security: 3.0,
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        const { serviceAccount, serviceAccountName } = pod.spec;
        if (serviceAccount !== undefined && serviceAccountName === undefined) {
          context.report({ node: pod, pointer: joinPointer(pod.pointer, 'serviceAccount'), at: 'key', messageId: 'deprecatedField', data: { name: String(serviceAccount) } });
        }
        const name = serviceAccountName ?? serviceAccount;
        if (name === undefined || name === 'default') {
          const pointer = name === undefined ? pod.pointer : joinPointer(pod.pointer, serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount');
          context.report({ node: pod, pointer, messageId: 'defaultAccount' });
        }
      },
    };
  },
});
