import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin, defineRule } from '../src/rule.js';
import { ignoredDirectiveCount, Linter, type CachedFinding, type FindingsCache } from '../src/linter.js';

const runs: string[] = [];

/** `own/name` looks at one object; `cross/selected` asks the index whether a Service selects the pod. */
const plugin = definePlugin({
  name: 'test',
  rules: {
    name: defineRule({
      meta: { type: 'problem', docs: { description: 'd', story: 's', recommended: true }, messages: { named: '{{kind}} is named {{name}}' } },
      create: (context) => ({
        '*'(resource) {
          runs.push(`name ${context.filePath}`);
          context.report({ node: resource, messageId: 'named', data: { kind: resource.kind, name: resource.name ?? '' } });
        },
      }),
    }),
    selected: defineRule({
      meta: { type: 'problem', docs: { description: 'd', story: 's', recommended: true }, messages: { unselected: 'no Service selects this pod' } },
      create: (context) => ({
        PodSpec(pod) {
          runs.push(`selected ${context.filePath}`);
          if (context.index.servicesSelecting(pod).length === 0) context.report({ node: pod, messageId: 'unselected' });
        },
      }),
    }),
  },
});

const configs = [{ plugins: { test: plugin }, rules: { 'test/name': 'error' as const, 'test/selected': 'error' as const } }];
const deployment = `# kubelore-disable-next-line test/name\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api}]\n`;
const service = (app: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: ${app}}\n`;

function memoryCache(): FindingsCache & { store: Map<string, { text: string; fingerprint: string; findings: Record<string, CachedFinding[]> }> } {
  const store = new Map<string, { text: string; fingerprint: string; findings: Record<string, CachedFinding[]> }>();
  return {
    store,
    get: (filePath, text, fingerprint) => {
      const entry = store.get(filePath);
      return entry && entry.text === text && entry.fingerprint === fingerprint ? JSON.parse(JSON.stringify(entry.findings)) : undefined;
    },
    set: (filePath, text, fingerprint, findings) => void store.set(filePath, { text, fingerprint, findings: JSON.parse(JSON.stringify(findings)) }),
  };
}

test('findingsCache: rules that read the index run again; the others are replayed, directives and all', () => {
  const linter = new Linter();
  const cache = memoryCache();
  const inputs = (app: string) => [
    { filePath: 'deploy.yaml', text: deployment },
    { filePath: 'svc.yaml', text: service(app) },
  ];
  const first = linter.lint(inputs('api'), configs, { findingsCache: cache, reportUnusedDirectives: true });
  assert.equal(Object.keys(cache.store.get('deploy.yaml')!.findings), ['test/name'], 'test/selected read the index: not kept');
  runs.length = 0;
  const edited = linter.lint(inputs('web'), configs, { findingsCache: cache, reportUnusedDirectives: true });
  assert.equal(runs, ['selected deploy.yaml', 'name svc.yaml'], 'the unchanged file replays test/name; the edited one runs it');
  const uncached = new Linter().lint(inputs('web'), configs, { reportUnusedDirectives: true });
  assert.equal(edited, uncached, 'the same results as a run without the cache');
  assert.not.equal(edited, first);
  assert.ok(edited[0]!.messages.some((m) => m.ruleId === 'test/selected'), 'the Service edit changed the verdict on the unchanged Deployment');
  assert.equal(edited[0]!.messages.map((m) => m.ruleId), ['test/selected'], 'a replayed finding is still suppressed by its directive, which counts as used');
});

test('noInlineConfig: comments and annotations suppress nothing, are not unused, and are counted', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # kubelore-disable-line test/name\n  annotations: {kubelore.dev/ignore: test/name}\n`;
  const linter = new Linter();
  const normal = linter.lint([{ filePath: 'a.yaml', text }], configs, { reportUnusedDirectives: true })[0]!;
  assert.is(normal.messages.filter((m) => m.ruleId === 'test/name').length, 0);
  assert.is(ignoredDirectiveCount(normal), 0);
  const strict = linter.lint([{ filePath: 'a.yaml', text }], configs, { noInlineConfig: true, reportUnusedDirectives: true })[0]!;
  assert.equal(strict.messages.map((m) => m.ruleId), ['test/name']);
  assert.is(ignoredDirectiveCount(strict), 2);
});

test.run();
