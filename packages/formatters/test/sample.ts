// Findings from several rules, made by the real Linter from small plugin rules written for these tests.
import { definePlugin, defineRule, Linter, type LintResult, type Rule } from '@kubelore/core';
import type { FormatterContext } from '../src/index.js';

const latestImage = defineRule({
  meta: {
    type: 'problem',
    severity: 'error',
    security: 7.5,
    fixable: 'code',
    docs: { description: 'an image pinned to the latest tag', story: 'a restarted pod may run different code than its neighbours', recommended: true },
    messages: { latest: 'Container "{{name}}" runs a ":latest" image.' },
  },
  create(context) {
    return {
      Container(view) {
        const image = String(view.container.image ?? '');
        if (!image.endsWith(':latest')) return;
        const pointer = `${view.pointer}/image`;
        const range = context.source.locate(view.resource.documentIndex, pointer);
        context.report({ node: view, pointer, messageId: 'latest', data: { name: view.name }, fix: { range: [range.offset, range.endOffset], text: image.replace(/:latest$/, ':1.0') } });
      },
    };
  },
});

const singleReplica = defineRule({
  meta: {
    type: 'suggestion',
    severity: 'warn',
    hasSuggestions: true,
    docs: { description: 'a Deployment with one replica', story: 'one node drain is an outage', recommended: 'strict' },
    messages: { one: 'Deployment "{{name}}" runs one replica.' },
  },
  create(context) {
    return {
      Deployment(resource) {
        const spec = (resource.object as { spec?: { replicas?: number } }).spec;
        if (spec?.replicas !== 1) return;
        const pointer = `${resource.pointer}/spec/replicas`;
        const range = context.source.locate(resource.documentIndex, pointer);
        context.report({
          node: resource,
          pointer,
          messageId: 'one',
          data: { name: resource.name ?? '' },
          suggest: [{ desc: 'Run two replicas', fix: { range: [range.offset, range.endOffset], text: '2' } }],
        });
      },
    };
  },
});

export const demoPlugin = definePlugin({ name: 'demo', rules: { 'latest-image': latestImage, 'single-replica': singleReplica }, docsBaseUrl: 'https://example.test/rules' });

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: web
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:latest
        - name: proxy
          image: envoyproxy/envoy:latest
`;

const linter = new Linter();

/** Lints `files` (path → text) with both demo rules on. */
export function lint(files: Record<string, string>): LintResult[] {
  const configs = [{ plugins: { demo: demoPlugin }, rules: { 'demo/latest-image': 'error', 'demo/single-replica': 'warn' } as const }];
  return linter.lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    configs,
  );
}

export function context(overrides: Partial<FormatterContext> = {}): FormatterContext {
  const rules = new Map<string, Rule<string, any>>(Object.entries(demoPlugin.rules).map(([name, rule]) => [`demo/${name}`, rule]));
  return { cwd: '/repo', color: false, rules, version: '9.8.7', options: { srcRoot: '/repo' }, ...overrides };
}
