// A third-party kubelore plugin, written exactly the way kubelore's own plugins are.
import { definePlugin, defineRule, joinPointer } from '@kubelore/core';

const teamLabel = defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a workload without an owning team label',
      story: 'an alert on an unlabelled workload pages nobody, or the wrong team, while it burns',
      recommended: true,
    },
    messages: {
      missing: '{{kind}} "{{name}}" has no "{{label}}" label on its pods: alerts cannot be routed to an owner.',
    },
    schema: {
      type: 'object',
      properties: { label: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { label: 'team' },
  },
  create(context) {
    const { label } = context.options;
    return {
      PodSpec(pod) {
        if (pod.labels[label]) return;
        context.report({
          node: pod,
          pointer: joinPointer(pod.templatePointer, 'metadata', 'labels'),
          messageId: 'missing',
          data: { kind: pod.resource.kind, name: pod.resource.name ?? '(unnamed)', label },
        });
      },
    };
  },
});

export default definePlugin({
  name: 'acme',
  version: '1.0.0',
  rules: { 'team-label': teamLabel },
  // The rule pages ship in the package: `kubelore --explain acme/team-label` and SARIF's rule help read them.
  docsDir: new URL('./docs/rules/', import.meta.url),
  // Where they are published, for links (SARIF helpUri, --list-rules).
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/examples/custom-plugin/docs/rules',
});
