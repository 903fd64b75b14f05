import { defineRule, Linter, type Resource } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyUnits, type ApplyScope } from '../src/scope.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const kustomization = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((entry) => `  - ${entry}\n`).join('')}`;
const tree = {
  'base/kustomization.yaml': kustomization('config.yaml'),
  'base/config.yaml': `${configMap('shared')}---\n${configMap('shared-2')}`,
  'base/unlisted.yaml': configMap('unlisted'),
  'overlays/prod/kustomization.yaml': kustomization('../../base', 'api.yaml'),
  'overlays/prod/api.yaml': configMap('prod'),
  'overlays/staging/kustomization.yaml': kustomization('../../base'),
  'plain/a.yaml': configMap('a'),
  'plain/b.yaml': configMap('b'),
};

// togetherWithAny is a faster form of `others.some((a) => together(a, b))`: the two must agree for every
// subset of the objects tried here, in every scope.
for (const scope of ['folder', 'file', 'input'] as ApplyScope[]) {
  test(`togetherWithAny agrees with together, scope ${scope}`, () => {
    let checked = 0;
    const rule = defineRule({
      meta: { type: 'problem', docs: { description: 'test', story: 'test', recommended: false }, messages: {} },
      create(context) {
        return {
          '*'(resource: Resource) {
            if (resource !== context.index.resources[0]) return;
            const units = applyUnits(context.index, scope);
            const all = context.index.resources;
            const subsets = [[], ...all.map((one) => [one]), all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 3 === 1), all];
            for (const others of subsets) {
              const test = units.togetherWithAny(others);
              for (const b of all) {
                assert.is(test(b), others.some((a) => units.together(a, b)), `${others.map((a) => a.name).join(',')} with ${b.name}`);
                checked++;
              }
            }
          },
        };
      },
    });
    new Linter().lint(
      Object.entries(tree).map(([filePath, text]) => ({ filePath, text })),
      [{ plugins: { t: { meta: { name: 't' }, rules: { scope: rule } } }, rules: { 't/scope': 'error' } }],
    );
    assert.ok(checked > 100, `checked ${checked}`);
  });
}

test.run();
