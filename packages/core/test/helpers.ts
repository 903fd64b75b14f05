import { definePlugin, defineRule } from '../src/rule.js';

/** A test plugin: `test/containers` reports every container, `test/kinds` every object by kind. */
export const containerRule = defineRule({
  meta: {
    type: 'problem',
    docs: { description: 'reports every container', story: 'test rule', recommended: true },
    messages: { seen: '{{role}} container "{{name}}"' },
    schema: { type: 'object', properties: { skip: { type: 'string' } }, additionalProperties: false },
    defaultOptions: { skip: '' },
  },
  create(context) {
    return {
      Container(view) {
        if (view.name !== context.options.skip) context.report({ node: view, messageId: 'seen', data: { role: view.role, name: view.name } });
      },
    };
  },
});

export const kindRule = defineRule({
  meta: {
    type: 'problem',
    docs: { description: 'reports every object', story: 'test rule', recommended: 'strict' },
    messages: { seen: '{{kind}} {{name}} in {{namespace}}' },
  },
  create(context) {
    return {
      '*'(resource) {
        context.report({ node: resource, pointer: `${resource.pointer}/kind`, messageId: 'seen', data: { kind: resource.kind, name: resource.name ?? '-', namespace: resource.namespace ?? '(cluster)' } });
      },
    };
  },
});

export const throwingRule = defineRule({
  meta: { type: 'problem', docs: { description: 'throws', story: 'test rule', recommended: true }, messages: { never: 'never' } },
  create() {
    return {
      Deployment() {
        throw new Error('boom');
      },
    };
  },
});

export const testPlugin = definePlugin({ name: 'test', rules: { containers: containerRule, kinds: kindRule, throws: throwingRule } });
