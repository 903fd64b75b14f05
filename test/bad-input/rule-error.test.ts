// A third-party rule that throws must not kill the run: its error is a kubelore/rule-error finding that
// names the rule and the object, every other rule still runs, and only --exit-on-rule-error exits 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project } from '../cli-helpers.js';
import { goodDeployment, positions } from './helpers.js';

// Plain objects: a plugin does not need @kubelore/core to be a plugin.
const CONFIG = `const rule = (create) => ({ meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { never: 'never' } }, create });
const thirdParty = {
  meta: { name: 'third-party' },
  rules: {
    'throws-on-deployment': rule(() => ({ Deployment(resource) { if (resource.name === 'web') throw new TypeError('cannot read properties of undefined'); } })),
    'throws-in-create': rule(() => { throw new Error('bad options'); }),
    'throws-a-string': rule(() => ({ Deployment(resource) { if (resource.name === 'api') throw 'a string, not an Error'; } })),
  },
};
export default [{
  plugins: { 'third-party': thirdParty },
  rules: {
    'third-party/throws-on-deployment': 'error',
    'third-party/throws-in-create': 'error',
    'third-party/throws-a-string': 'error',
    'termination/prestop-delay': 'error',
  },
}];
`;

function run(extra: string[] = []) {
  const dir = project({ 'kubelore.config.mjs': CONFIG, 'a.yaml': `${goodDeployment('api')}---\n${goodDeployment('web')}`, 'b.yaml': goodDeployment('worker') });
  return kubelore(['.', '-f', 'json', ...extra], { cwd: dir });
}

test('a throwing rule is a finding naming the rule and the object; every other rule and file is still linted', () => {
  const result = run();
  assert.is(result.status, 1, result.stderr);
  assert.is(result.stderr, '');
  const [a, b] = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
  // Errors outside any object (create) are at the top of the file; an object's at the object.
  assert.equal(positions(a!.messages as never), [
    ['kubelore/rule-error', 1, 1],
    ['kubelore/rule-error', 1, 1],
    ['termination/prestop-delay', 14, 11],
    ['kubelore/rule-error', 22, 1],
    ['termination/prestop-delay', 35, 11],
  ]);
  assert.equal(
    a!.messages.filter((message) => message.ruleId === 'kubelore/rule-error').map((message) => message.message),
    [
      'Rule "third-party/throws-a-string" failed on Deployment api: a string, not an Error',
      'Rule "third-party/throws-in-create" failed: bad options',
      'Rule "third-party/throws-on-deployment" failed on Deployment web: cannot read properties of undefined',
    ],
  );
  assert.equal(positions(b!.messages as never), [['kubelore/rule-error', 1, 1], ['termination/prestop-delay', 14, 11]]);
});

test('--exit-on-rule-error exits 2 (with the same report) when a rule threw', () => {
  const plain = run();
  const strict = run(['--exit-on-rule-error']);
  assert.is(strict.status, 2);
  assert.match(strict.stderr, /a rule threw an error \(see the kubelore\/rule-error findings\); exiting 2 because of --exit-on-rule-error/);
  assert.equal(JSON.parse(strict.stdout), JSON.parse(plain.stdout));
});

test('--exit-on-rule-error does not change the exit code when no rule threw', () => {
  const dir = project({ 'a.yaml': goodDeployment('api') });
  assert.is(kubelore(['a.yaml', '--no-config-lookup', '--exit-on-rule-error'], { cwd: dir }).status, 1);
  const clean = project({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n' });
  assert.is(kubelore(['a.yaml', '--no-config-lookup', '--exit-on-rule-error'], { cwd: clean }).status, 0);
});



// Issue 24, item 14: rules that break the contract in other ways.
const ODD_CONFIG = `const rule = (create) => ({ meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { never: 'never' } }, create });
const odd = {
  meta: { name: 'odd' },
  rules: {
    'returns-nothing': rule(() => undefined),
    'returns-a-number': rule(() => 42),
    'async-create': rule(async () => ({})),
    'throws-null': rule(() => ({ Deployment() { throw null; } })),
    'throws-an-object': rule(() => ({ Deployment() { throw { toString() { throw new Error('no'); } }; } })),
    'async-visitor-rejects': rule(() => ({ async Deployment() { throw new Error('rejected later'); } })),
  },
};
export default [{
  plugins: { odd },
  rules: Object.fromEntries([...Object.keys(odd.rules).map((name) => ['odd/' + name, 'error']), ['termination/prestop-delay', 'error']]),
}];
`;

function runOdd(extra: string[] = []) {
  const dir = project({ 'kubelore.config.mjs': ODD_CONFIG, 'a.yaml': goodDeployment('api') });
  return kubelore(['.', '-f', 'json', ...extra], { cwd: dir });
}

test('create() returning nothing, a number or a promise, a throw of null or of an odd object, an async visitor: rule errors, the run completes', () => {
  const result = runOdd();
  assert.is(result.status, 1, result.stderr);
  assert.is(result.stderr, '');
  const [a] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  const errors = a!.messages.filter((message) => message.ruleId === 'kubelore/rule-error').map((message) => message.message).sort();
  assert.equal(errors, [
    'Rule "odd/async-create" failed: create() returned a Promise; it must return the visitors themselves',
    'Rule "odd/async-visitor-rejects" failed on Deployment api: the "Deployment" visitor returned a Promise; visitors must be synchronous',
    'Rule "odd/returns-a-number" failed: create() returned number, not an object of visitors',
    'Rule "odd/returns-nothing" failed: create() returned undefined, not an object of visitors',
    'Rule "odd/throws-an-object" failed on Deployment api: it threw an object that is not an Error',
    'Rule "odd/throws-null" failed on Deployment api: it threw null',
  ]);
  assert.ok(a!.messages.some((message) => message.ruleId === 'termination/prestop-delay'), 'other rules still ran');
});

test('--exit-on-rule-error exits 2 for each of these', () => {
  const strict = runOdd(['--exit-on-rule-error']);
  assert.is(strict.status, 2, strict.stderr);
  assert.match(strict.stderr, /exiting 2 because of --exit-on-rule-error/);
});

test.run();
