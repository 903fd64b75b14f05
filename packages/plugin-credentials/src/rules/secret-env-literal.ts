import { defineRule, joinPointer } from '@kubelore/core';
import { eachMapping, listOf, mappingsOf, type EnvVar } from '../shapes.js';
import { detectSecret, isAccessKeyUser, isBooleanLike, isPath, isPlaceholder, looksSecretName } from '../detectors.js';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'an environment variable with a secret-looking name (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`) set to a literal value',
      story:
        'a password typed into a manifest lives in git history, in every rendered chart and in `kubectl get -o yaml` for anyone with read access to the namespace.',
      recommended: true,
    },
    messages: {
      literal:
        'env "{{name}}" of container "{{container}}" looks like a secret but is set to a literal value: use `valueFrom.secretKeyRef` (or mount the Secret as a file); the value is not shown here.',
    },
    schema: {
      type: 'object',
      properties: { allowNames: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    },
    defaultOptions: { allowNames: [] as string[] },
    security: 7.5,
    reportsSecretValues: true,
    judgesWrittenValues: true,
    visits: ['Container'],
  },
  create(context) {
    const allowed = new Set(context.options.allowNames.map((name) => name.toUpperCase()));
    return {
      Container(view) {
        const env = listOf(view.container.env);
        const names = mappingsOf<EnvVar>(env).map((variable) => variable.name);
        eachMapping<EnvVar>(env, (variable, i) => {
          const value = variable.value;
          if (typeof value !== 'string' || isPlaceholder(value, variable.name) || isPath(value) || isBooleanLike(value) || /^\$\(\w+\)/.test(value)) return;
          if (typeof variable.name !== 'string' || !looksSecretName(variable.name) || allowed.has(variable.name.toUpperCase())) return;
          // `MINIO_ACCESS_KEY=minio` beside `MINIO_SECRET_KEY`: the user name of the pair.
          if (isAccessKeyUser(variable.name, value, names)) return;
          // A value a detector recognises is credentials/plaintext-secret's finding, with the kind named.
          if (detectSecret(value, variable.name)) return;
          context.report({
            node: view,
            pointer: joinPointer(view.pointer, 'env', i, 'value'),
            messageId: 'literal',
            data: { name: variable.name, container: view.name },
          });
        });
      },
    };
  },
});
