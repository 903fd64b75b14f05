import { Linter } from '@kubelore/core';
import { RuleTester } from '@kubelore/rule-tester';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/duplicate.js';

const configMap = (name: string, apiVersion = 'v1', namespace = '', value = '1') =>
  `apiVersion: ${apiVersion}\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data: {a: "${value}"}\n`;
const deployment = (apiVersion: string, replicas = 1) => `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: api\nspec: {replicas: ${replicas}}\n`;

new RuleTester().run('references/duplicate', rule, {
  valid: [
    { name: 'different names', code: `${configMap('a')}---\n${configMap('b')}` },
    { name: 'different namespaces', code: `${configMap('a')}---\n${configMap('a', 'v1', 'other')}` },
    { name: 'the default namespace spelled out is still different from another', code: `${configMap('a', 'v1', 'x')}---\n${configMap('a', 'v1', 'y', '2')}` },
    { name: 'different groups', code: `${deployment('apps/v1')}---\n${deployment('extensions/v1beta1', 2)}` },
    {
      name: 'an identical copy: applying either gives the same object',
      code: `${configMap('a')}---\n# the same again, keys in another order\nkind: ConfigMap\napiVersion: v1\ndata: {a: "1"}\nmetadata: {name: a}\n`,
    },
    {
      name: 'copies written differently that read as the same values: 1.0 and 1, nested keys in another order',
      code: 'kind: X\napiVersion: v1\nmetadata: {name: a}\nspec: {n: 1.0, m: {x: [1, {b: 2, a: 1}]}}\n---\nkind: X\napiVersion: v1\nmetadata: {name: a}\nspec: {m: {x: [1, {a: 1, b: 2}]}, n: 1}\n',
    },
  ],
  invalid: [
    ...[
      ['a number and a string', 'spec: {n: 1}', 'spec: {n: "1"}'],
      ['a null and a missing key', 'spec: {n: null}', 'spec: {}'],
      ['items in another order', 'spec: {n: [1, 2]}', 'spec: {n: [2, 1]}'],
      ['a list and a mapping', 'spec: {n: []}', 'spec: {n: {}}'],
      ['another key', 'spec: {n: 1}', 'spec: {m: 1}'],
    ].map(([name, first, second]) => ({
      name: `copies that differ: ${name}`,
      code: `kind: X\napiVersion: v1\nmetadata: {name: a}\n${first}\n---\nkind: X\napiVersion: v1\nmetadata: {name: a}\n${second}\n`,
      errors: [{ messageId: 'duplicate', line: 8, column: 18 }],
    })),
    {
      name: 'the same ConfigMap twice, differently; the second is reported, pointing at the first',
      code: `${configMap('a')}---\n${configMap('a', 'v1', 'default', '2')}`,
      errors: [
        {
          messageId: 'duplicate',
          message: 'ConfigMap "a" in namespace "default" is also defined, differently, at test.yaml:1:1, which is applied together with it: the later silently replaces the earlier. Keep one.',
          line: 10,
          column: 9,
        },
      ],
    },
    {
      name: 'apps/v1 and apps/v1beta2 are the same object',
      code: `${deployment('apps/v1')}---\n${deployment('apps/v1beta2', 3)}`,
      errors: [{ messageId: 'duplicate', data: { kind: 'Deployment', name: 'api', namespace: ' in namespace "default"', where: 'test.yaml:1:1' }, line: 10, column: 9 }],
    },
    {
      name: 'a rendered file listed by a Kustomization: kustomize refuses even an identical copy',
      filename: 'app/all.yaml',
      code: `${configMap('a')}---\n${configMap('a')}`,
      files: { 'app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [all.yaml]\n' },
      errors: [
        {
          messageId: 'kustomize',
          message: 'ConfigMap "a" in namespace "default" is also brought in at app/all.yaml:1:1 by the same Kustomization: kustomize refuses to build it ("may not add resource with an already registered id"). Keep one.',
          line: 10,
          column: 9,
        },
      ],
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
  const results = lintFiles({ 'k8s/a.yaml': `${configMap('shared')}---\n${configMap('a')}`, 'k8s/b.yaml': `# copy\n${configMap('shared', 'v1', '', '2')}---\n${configMap('b')}` });
  assert.equal(results[0]!.messages, []);
  assert.equal(
    results[1]!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
    ['references/duplicate 5:9 ConfigMap "shared" in namespace "default" is also defined, differently, at k8s/a.yaml:1:1, which is applied together with it: the later silently replaces the earlier. Keep one.'],
  );
  // The same copy, identical: nothing to report.
  assert.equal(found(lintFiles({ 'k8s/a.yaml': `${configMap('shared')}---\n${configMap('a')}`, 'k8s/b.yaml': `${configMap('shared')}---\n${configMap('b')}` })), [0, 0]);
});

test('scope: folders are applied apart by default; "input" joins them, "file" separates files', () => {
  const environments = { 'staging/api.yaml': configMap('api'), 'prod/api.yaml': configMap('api', 'v1', '', '2') };
  assert.equal(found(lintFiles(environments)), [0, 0]);
  assert.equal(found(lintFiles(environments, { scope: 'input' })), [0, 1]);
  assert.equal(found(lintFiles({ 'base/api.yaml': configMap('api'), 'base/api-patch.yaml': configMap('api') })), [0, 0], 'a kustomize patch is not a copy');
  const oneFolder = { 'k8s/a.yaml': `${configMap('x')}---\n${configMap('a')}`, 'k8s/b.yaml': `${configMap('x', 'v1', '', '2')}---\n${configMap('b')}` };
  assert.equal(found(lintFiles(oneFolder, { scope: 'file' })), [0, 0]);
  assert.equal(found(lintFiles(oneFolder)), [0, 1]);
});

test('the applyScope setting is the default scope; the option overrides it', () => {
  const environments = { 'staging/api.yaml': configMap('api'), 'prod/api.yaml': configMap('api', 'v1', '', '2') };
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
    [['overlays/prod/api.yaml', ['10:9 ConfigMap "shared" in namespace "default" is also brought in at base/config.yaml:1:1 by the same Kustomization: kustomize refuses to build it ("may not add resource with an already registered id"). Keep one.']]],
  );
});

test('a folder with a kustomization applies what it lists: an unlisted file there is applied alone', () => {
  const folder = { 'app/kustomization.yaml': kustomization('api.yaml'), 'app/api.yaml': configMap('api'), 'app/api-v2.yaml': configMap('api', 'v1', '', '2') };
  assert.equal(found(lintFiles(folder)), [0, 0, 0]);
  const both = { ...folder, 'app/kustomization.yaml': kustomization('api.yaml', 'api-v2.yaml') };
  assert.equal(found(lintFiles(both)), [0, 0, 1]);
  assert.equal(found(lintFiles({ ...folder, 'app/kustomization.yaml': kustomization('https://github.com/acme/base?ref=v1', 'api.yaml') })), [0, 0, 0], 'remote entries are skipped');
});

const where = (results: ReturnType<typeof lintFiles>) =>
  results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message.slice(0, m.message.indexOf(' at '))}`));

test('a folder of variants (two files that are mostly the same objects) is not applied whole: copies across its files are not reported', () => {
  // Two flavours of one install: three objects, two of them in both files, one differing.
  const install = (flavour: string) => `${configMap('settings', 'v1', '', flavour)}---\n${configMap('common')}---\n${configMap(`only-${flavour}`)}`;
  const variants = { 'manifests/install.yaml': install('plain'), 'manifests/install-openshift.yaml': install('openshift') };
  assert.equal(found(lintFiles(variants)), [0, 0]);
  // Once a folder holds variants, a third file that repeats one of their objects is one more variant.
  assert.equal(found(lintFiles({ ...variants, 'manifests/settings.yaml': configMap('settings', 'v1', '', 'other') })), [0, 0, 0]);
  // Two files that are nothing but the same object: two versions of it (a tutorial step, a `-test` copy).
  assert.equal(found(lintFiles({ 'samples/route.yaml': configMap('route'), 'samples/route-v2.yaml': configMap('route', 'v1', '', '2') })), [0, 0]);
  // In one file, a copy is always applied with the first.
  assert.equal(where(lintFiles({ 'manifests/install.yaml': `${install('plain')}---\n${configMap('common', 'v1', '', '3')}`, 'manifests/install-openshift.yaml': install('openshift') })), [
    'manifests/install.yaml:22:9 references/duplicate ConfigMap "common" in namespace "default" is also defined, differently,',
  ]);
});

test('files that share one object among others are parts of one install: the differing copy is reported', () => {
  // A namespace.yaml beside an app.yaml that brings its own copy of the Namespace, with other labels.
  const namespace = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {${labels}}\n`;
  const app = `${namespace('team: shop')}---\n${configMap('a', 'v1', 'shop')}---\n${configMap('b', 'v1', 'shop')}`;
  const results = lintFiles({ 'deploy/namespace.yaml': namespace('pod-security.kubernetes.io/enforce: restricted'), 'deploy/app.yaml': app });
  assert.equal(where(results), ['deploy/app.yaml:4:9 references/duplicate Namespace "shop" is also defined, differently,']);
  assert.equal(results[1]!.messages[0]!.messageId, 'duplicate');
  // Two multi-object files with one object in common are parts too.
  const parts = { 'deploy/a.yaml': `${configMap('x')}---\n${configMap('a1')}---\n${configMap('a2')}`, 'deploy/b.yaml': `${configMap('b1')}---\n${configMap('x', 'v1', '', '2')}---\n${configMap('b2')}` };
  assert.equal(where(lintFiles(parts)), ['deploy/b.yaml:10:9 references/duplicate ConfigMap "x" in namespace "default" is also defined, differently,']);
  // The input scope says everything is applied together: variants are duplicates there.
  const variants = { 'samples/route.yaml': configMap('route'), 'samples/route-v2.yaml': configMap('route', 'v1', '', '2') };
  assert.equal(found(lintFiles(variants, { scope: 'input' })), [0, 1]);
});

test('many copies of one object: each reports the first earlier copy that differs from it', () => {
  // Every file of a folder brings the Namespace (and its own app); the fifth and the eighth bring another.
  const namespace = (team: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: ${team}}\n`;
  const teams = ['a', 'a', 'a', 'a', 'b', 'a', 'a', 'c', 'a'];
  const files = Object.fromEntries(teams.map((team, i) => [`deploy/app-${i}.yaml`, `${namespace(team)}---\n${configMap(`app-${i}`, 'v1', 'shop')}`]));
  const results = lintFiles(files);
  assert.equal(
    results.flatMap((result) => result.messages.map((m) => `${result.filePath} ${m.message.slice(m.message.indexOf(' at ') + 4, m.message.indexOf(', which'))}`)),
    // Team b differs from the first; the copies after it like the first differ from it; team c from the first.
    ['deploy/app-4.yaml deploy/app-0.yaml:1:1', 'deploy/app-5.yaml deploy/app-4.yaml:1:1', 'deploy/app-6.yaml deploy/app-4.yaml:1:1', 'deploy/app-7.yaml deploy/app-0.yaml:1:1', 'deploy/app-8.yaml deploy/app-4.yaml:1:1'],
  );
  // In a folder of variants, only copies in one file count.
  const install = (flavour: string, extra = '') => `${configMap('settings', 'v1', '', flavour)}---\n${configMap('common')}---\n${configMap('common')}${extra}`;
  const variants = { 'manifests/install.yaml': install('plain', `---\n${configMap('common')}---\n${configMap('common', 'v1', '', '2')}---\n${configMap('common')}`), 'manifests/install-openshift.yaml': install('openshift') };
  // The fifth document differs from the file's first copy (line 7); the sixth, like the first, from the fifth.
  assert.equal(
    lintFiles(variants).flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line} ${m.message.slice(m.message.indexOf(' at ') + 4, m.message.indexOf(', which'))}`)),
    ['manifests/install.yaml:28 manifests/install.yaml:7:1', 'manifests/install.yaml:34 manifests/install.yaml:25:1'],
  );
});

test.run();
