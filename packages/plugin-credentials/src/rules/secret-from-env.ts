import { defineRule, isPlainObject, joinPointer } from '@kubelore/core';
import { eachMapping, type EnvFromSource, type EnvVar } from '../shapes.js';

export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a Secret exposed to a container through environment variables (`secretKeyRef`, `envFrom.secretRef`) instead of a mounted file',
      story:
        'environment variables are inherited by every child process, printed by crash handlers and debug endpoints, and copied into error reports; a mounted file is read only by the code that opens it and can be rotated without a restart.',
      recommended: 'strict',
    },
    messages: {
      keyRef: 'env "{{name}}" of container "{{container}}" takes Secret "{{secret}}" through the environment: mount the Secret as a file instead.',
      envFrom: 'Container "{{container}}" loads every key of Secret "{{secret}}" into its environment: mount the Secret as a file instead.',
    },
    security: 4.0,
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        eachMapping<EnvVar>(view.container.env, (variable, i) => {
          const ref = isPlainObject(variable.valueFrom) ? variable.valueFrom.secretKeyRef : undefined;
          if (!isPlainObject(ref)) return;
          context.report({
            node: view,
            pointer: joinPointer(view.pointer, 'env', i, 'valueFrom', 'secretKeyRef'),
            at: 'key',
            messageId: 'keyRef',
            data: { name: variable.name, container: view.name, secret: String(ref.name ?? '(unnamed)') },
          });
        });
        eachMapping<EnvFromSource>(view.container.envFrom, (source, i) => {
          if (!isPlainObject(source.secretRef)) return;
          context.report({
            node: view,
            pointer: joinPointer(view.pointer, 'envFrom', i, 'secretRef'),
            at: 'key',
            messageId: 'envFrom',
            data: { container: view.name, secret: String(source.secretRef.name ?? '(unnamed)') },
          });
        });
      },
    };
  },
});
