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
          message: 'ConfigMap "a" in namespace "default" is also defined at test.yaml:1:1 in the linted files: applying both, the later silently replaces the earlier. Keep one.',
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

test('across files, only the later file reports, once', () => {
  const plugin = { meta: { name: 'references' }, rules: { duplicate: rule } };
  const results = new Linter().lint(
    [
      { filePath: 'a.yaml', text: configMap('shared') },
      { filePath: 'b.yaml', text: `# copy\n${configMap('shared')}` },
    ],
    [{ plugins: { references: plugin }, rules: { 'references/duplicate': 'error' } }],
  );
  assert.equal(results[0]!.messages, []);
  assert.equal(
    results[1]!.messages.map((m) => `${m.line}:${m.column} ${m.message}`),
    ['5:9 ConfigMap "shared" in namespace "default" is also defined at a.yaml:1:1 in the linted files: applying both, the later silently replaces the earlier. Keep one.'],
  );
});

test.run();
