import { defineRule, Linter } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { marked, RuleTester } from '../src/index.js';

test('marked: markers are removed and their 1-based positions kept, across lines', () => {
  const { code, at } = marked('apiVersion: v1\nkind: Pod\n⟨meta⟩metadata:\n  name: ⟨name⟩web\nspec: {}\n');
  assert.is(code, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}\n');
  assert.equal(at('meta'), { line: 3, column: 1 });
  assert.equal(at('name'), { line: 4, column: 9 });
  assert.throws(() => at('missing'), /no marker ⟨missing⟩ in the text \(markers: meta, name\)/);
  assert.throws(() => marked('⟨a⟩x: 1\n⟨a⟩y: 2\n'), /used twice/);
});

test('what rules see is frozen when the tester asks: a rule that mutates it is a rule error', () => {
  const mutating = defineRule({
    meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'x' } },
    create: () => ({ Pod: (pod) => void ((pod.object.metadata as Record<string, unknown>).name = 'changed') }),
  });
  const linter = new Linter({ freezeValues: (value) => void Object.freeze((value as { metadata: object }).metadata) });
  const result = linter.lintText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n', [{ plugins: { t: { meta: { name: 't' }, rules: { m: mutating } } }, rules: { 't/m': 'error' } }]);
  assert.equal(result.messages.map((message) => message.ruleId), ['kubelore/rule-error']);
  assert.match(result.messages[0]!.message, /Rule "t\/m" failed on Pod a: Cannot assign to read only property 'name'/);
});

// A cross-file rule through the tester: a Service's Deployment lives in another file of the case.
const needsDeployment = defineRule({
  meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { alone: 'Service {{name}} selects nothing' } },
  create: (context) => ({
    Service(service) {
      if (context.index.podsSelectedBy(service).length === 0) context.report({ node: service, pointer: '/spec/selector', messageId: 'alone', data: { name: service.name ?? '' } });
    },
  }),
});
const service = marked('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ⟨selector⟩selector: {app: web}\n');
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web}]}\n';

new RuleTester().run('t/needs-deployment', needsDeployment, {
  valid: [{ name: 'its Deployment in another file', code: service.code, files: { 'deployment.yaml': deployment } }],
  invalid: [{ name: 'alone', code: service.code, errors: [{ messageId: 'alone', message: 'Service web selects nothing', ...service.at('selector') }] }],
});

test.run();
