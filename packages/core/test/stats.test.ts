// LintOptions.stats (issue 23): ESLint 9's --stats shape on every result, timed with the Linter's clock.
// The clock here is a counter (each reading is one "millisecond" later), so the figures are exact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin, defineRule } from '../src/rule.js';
import { editorFor } from '../src/edits.js';
import { Linter } from '../src/linter.js';
import { defaultClock } from '../src/stats.js';
import { testPlugin } from './helpers.js';

function counterClock(): () => number {
  let now = 0;
  return () => now++;
}

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: web\n`;
const configs = [{ plugins: { test: testPlugin }, rules: { 'test/containers': 'error' as const, 'test/kinds': 'warn' as const } }];

test('each result has one pass with parse, per-rule and total times; without stats there is no field', () => {
  const linter = new Linter({ now: counterClock() });
  const inputs = [{ filePath: 'a.yaml', text: pod('a') }, { filePath: 'b.yaml', text: pod('b') }];
  const plain = new Linter().lint(inputs, configs);
  assert.is('stats' in plain[0]!, false);
  const timed = linter.lint(inputs, configs, { stats: true });
  for (const [position, result] of timed.entries()) {
    const { stats, ...rest } = result;
    assert.equal(rest, plain[position]);
    assert.is(stats!.fixPasses, 0);
    assert.is(stats!.times.passes.length, 1);
    const pass = stats!.times.passes[0]!;
    // One reading before and one after each: parse, each rule's create, each visitor call.
    assert.is(pass.parse.total, 1);
    assert.equal(Object.keys(pass.rules).sort(), ['test/containers', 'test/kinds']);
    // create + one visitor call each (one Pod with one container).
    assert.equal(pass.rules['test/containers'], { total: 2 });
    assert.equal(pass.rules['test/kinds'], { total: 2 });
    assert.equal(pass.fix, { total: 0 });
    assert.ok(pass.total >= pass.parse.total + 4);
  }
});

const fixable = definePlugin({
  name: 'fixer',
  rules: {
    name: defineRule({
      meta: { type: 'problem', fixable: 'code', docs: { description: 'names end in -x', story: 'test', recommended: true }, messages: { name: 'rename' } },
      create(context) {
        return {
          '*'(resource) {
            if (resource.name?.endsWith('-x')) return;
            context.report({ node: resource, pointer: '/metadata/name', messageId: 'name', fix: editorFor(resource).setScalar('/metadata/name', `${resource.name}-x`) });
          },
        };
      },
    }),
  },
});

test('lintAndFix: one pass per lint, fix time in the pass that fixed, fixPasses counts the passes that changed the text', () => {
  const linter = new Linter({ now: counterClock() });
  const results = linter.lintAndFix([{ filePath: 'a.yaml', text: pod('a') }], [{ plugins: { fixer: fixable }, rules: { 'fixer/name': 'error' } }], { stats: true });
  const stats = results[0]!.stats!;
  assert.is(results[0]!.output, pod('a-x'));
  assert.is(stats.fixPasses, 1);
  assert.is(stats.times.passes.length, 2);
  assert.equal(stats.times.passes.map((pass) => pass.fix.total), [1, 1]);
  assert.equal(stats.times.passes.map((pass) => Object.keys(pass.rules)), [['fixer/name'], ['fixer/name']]);
});

test('the default clock finds the platform clock at its first reading, not when a Linter is made', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'performance');
  let lookups = 0;
  Object.defineProperty(globalThis, 'performance', {
    configurable: true,
    get: () => {
      lookups++;
      return { now: () => 42 };
    },
  });
  try {
    const linter = new Linter();
    linter.lintText(pod('a'), configs, 'a.yaml');
    assert.is(lookups, 0, 'a lint without stats never looks');
    const clock = defaultClock();
    assert.is(lookups, 0);
    assert.equal([clock(), clock()], [42, 42]);
    assert.is(lookups, 1);
    assert.ok(new Linter().lintText(pod('a'), configs, 'a.yaml', { stats: true }).stats!.times.passes[0]!.total === 0, 'with stats it reads the platform clock');
  } finally {
    Object.defineProperty(globalThis, 'performance', original!);
  }
});

test.run();
