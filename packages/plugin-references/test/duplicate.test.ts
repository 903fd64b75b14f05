import { Linter } from '@kubelore/core';
import { RuleTester } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/duplicate.js';

const configMap = (name: string, apiVersion = 'v1', namespace = '') =>
  `apiVersion: ${apiVersion}\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data: {a: "1"}\n`;
const deployment = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: api\nspec: {}\n`;

new RuleTester().run('references/duplicate', rule, {
  valid: [
    { name: 'different names', code: `${configMap('a')}---\n${configMap('b')}` },
    { name: 'different namespaces', code: `${configMap('a')}---\n${configMap('a', 'v1', 'other')}` },
    { name: 'the default namespace spelled out is still different from another', code: `${configMap('a', 'v1', 'x')}---\n${configMap('a', 'v1', 'y')}` },
    { name: 'different groups', code: `${deployment('apps/v1')}---\n${deployment('extensions/v1beta1')}` },
  ],
  invalid: [
    {
      name: 'the same ConfigMap twice; the second is reported, pointing at the first',
      code: `${configMap('a')}---\n${configMap('a', 'v1', 'default')}`,
      errors: [
        {
          messageId: 'duplicate',
          message: 'ConfigMap "a" in namespace "default" is also defined at test.yaml:1:1, which is applied together with it: the later silently replaces the earlier. Keep one.',
          line: 10,
          column: 9,
        },
      ],
    },
    {
      name: 'apps/v1 and apps/v1beta2 are the same object',
      code: `${deployment('apps/v1')}---\n${deployment('apps/v1beta2')}`,
      errors: [{ messageId: 'duplicate', data: { kind: 'Deployment', name: 'api', namespace: ' in namespace "default"', where: 'test.yaml:1:1' }, line: 10, column: 9 }],
    },
  ],
});

const plugin = { meta: { name: 'references' }, rules: { duplicate: rule } };
const lintFiles = (files: Record<string, string>, options?: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
  new Linter().lint(
    Object.entries(files).map(([filePath, text]) => ({ filePath, text })),
    [{ plugins: { references: plugin }, rules: { 'references/duplicate': (options ? ['error', options] : 'error') as never }, settings }],
  );
const kustomization = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((entry) => `  - ${entry}\n`).join('')}`;
const found = (results: ReturnType<typeof lintFiles>) => results.map((result) => result.messages.length);

test('across files of one folder, only the later file reports, once', () => {
  const results = lintFiles({ 'k8s/a.yaml': configMap('shared'), 'k8s/b.yaml': `# copy\n${configMap('shared')}` });
  assert.equal(results[0]!.messages, []);
  assert.equal(
    results[1]!.messages.map((m) => `${m.line}:${m.column} ${m.message}`),
    ['5:9 ConfigMap "shared" in namespace "default" is also defined at k8s/a.yaml:1:1, which is applied together with it: the later silently replaces the earlier. Keep one.'],
  );
});

test('scope: folders are applied apart by default; "input" joins them, "file" separates files', () => {
  const environments = { 'staging/api.yaml': configMap('api'), 'prod/api.yaml': configMap('api') };
  assert.equal(found(lintFiles(environments)), [0, 0]);
  assert.equal(found(lintFiles(environments, { scope: 'input' })), [0, 1]);
  assert.equal(found(lintFiles({ 'base/api.yaml': configMap('api'), 'base/api-patch.yaml': configMap('api') })), [0, 0], 'a kustomize patch is not a copy');
  const oneFolder = { 'k8s/a.yaml': configMap('x'), 'k8s/b.yaml': configMap('x') };
  assert.equal(found(lintFiles(oneFolder, { scope: 'file' })), [0, 0]);
  assert.equal(found(lintFiles(oneFolder)), [0, 1]);
});

test('the applyScope setting is the default scope; the option overrides it', () => {
  const environments = { 'staging/api.yaml': configMap('api'), 'prod/api.yaml': configMap('api') };
  assert.equal(found(lintFiles(environments, undefined, { applyScope: 'input' })), [0, 1]);
  assert.equal(found(lintFiles(environments, { scope: 'folder' }, { applyScope: 'input' })), [0, 0]);
  assert.equal(found(lintFiles(environments, undefined, { applyScope: 'nonsense' })), [0, 0], 'an unknown value is the folder scope');
});

test('kustomize overlays are alternatives: each applies its base and its own files', () => {
  const tree = {
    'base/kustomization.yaml': kustomization('config.yaml'),
    'base/config.yaml': configMap('shared'),
    'overlays/prod/kustomization.yaml': kustomization('../../base', 'api.yaml'),
    'overlays/prod/api.yaml': configMap('api'),
    'overlays/staging/kustomization.yaml': kustomization('../../base/', './api.yaml'),
    'overlays/staging/api.yaml': configMap('api'),
  };
  assert.equal(found(lintFiles(tree)), [0, 0, 0, 0, 0, 0]);
  // An overlay that defines an object of its base again: kustomize would refuse the build.
  const again = lintFiles({ ...tree, 'overlays/prod/api.yaml': `${configMap('api')}---\n${configMap('shared')}` });
  assert.equal(
    again.filter((result) => result.messages.length > 0).map((result) => [result.filePath, result.messages.map((m) => `${m.line}:${m.column} ${m.message}`)]),
    [['overlays/prod/api.yaml', ['10:9 ConfigMap "shared" in namespace "default" is also defined at base/config.yaml:1:1, which is applied together with it: the later silently replaces the earlier. Keep one.']]],
  );
});

test('a folder with a kustomization applies what it lists: an unlisted file there is applied alone', () => {
  const folder = { 'app/kustomization.yaml': kustomization('api.yaml'), 'app/api.yaml': configMap('api'), 'app/api-v2.yaml': configMap('api') };
  assert.equal(found(lintFiles(folder)), [0, 0, 0]);
  const both = { ...folder, 'app/kustomization.yaml': kustomization('api.yaml', 'api-v2.yaml') };
  assert.equal(found(lintFiles(both)), [0, 0, 1]);
  assert.equal(found(lintFiles({ ...folder, 'app/kustomization.yaml': kustomization('https://github.com/acme/base?ref=v1', 'api.yaml') })), [0, 0, 0], 'remote entries are skipped');
});

test.run();
