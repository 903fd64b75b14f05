// Issue 24, item 16: a config that would check nothing, and malformed config entries, are config errors
// (exit 2, one line naming the entry), never a silent pass or a crash.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project } from './cli-helpers.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n';

function withConfig(name: string, text: string) {
  const dir = project({ [name]: text, 'p.yaml': POD });
  return kubelore(['p.yaml'], { cwd: dir });
}

for (const [name, text] of [
  ['kubelore.config.js', ''],
  ['kubelore.config.mjs', 'export default [];'],
  ['kubelore.config.mjs', 'export default [{}];'],
  ['kubelore.config.json', '[]'],
] as const) {
  test(`${name} holding ${JSON.stringify(text)}: a config error, not a run without rules`, () => {
    const run = withConfig(name, text);
    assert.is(run.status, 2, run.stdout);
    assert.match(run.stderr, /holds no config objects .*no rule would run/);
  });
}

const MALFORMED: Array<[string, RegExp]> = [
  ['[null]', /entry #0 must be an object, not null/],
  ['[{ files: "a.yaml", rules: {} }]', /entry #0: "files" must be an array of glob strings, not string/],
  ['[{ files: [5] }]', /entry #0: "files"\[0\] must be a glob string, not number/],
  ['[{ ignores: [null] }]', /entry #0: "ignores"\[0\] must be a glob string, not null/],
  ['[{ rules: [] }]', /entry #0: "rules" must be an object, not an array/],
  ['[{ rules: null }]', /entry #0: "rules" must be an object, not null/],
  ['[{ plugins: null }]', /entry #0: "plugins" must be an object, not null/],
  ['[{ settings: 5 }]', /entry #0: "settings" must be an object, not number/],
  ['[{ settings: { maxFileSize: "big" } }]', /setting "maxFileSize" must be a number/],
  ['[{ objects: [null], rules: {} }]', /"objects"\[0\] must be an object/],
  ['[{ plugins: { x: { rules: { y: {} } } }, rules: { "x/y": "error" } }]', /Rule "x\/y" is not a kubelore rule/],
];

for (const [config, message] of MALFORMED) {
  test(`config ${config}: a one-line config error`, () => {
    const run = withConfig('kubelore.config.mjs', `export default ${config};`);
    assert.is(run.status, 2, run.stdout);
    assert.match(run.stderr, message);
    assert.not.match(run.stderr, /crashed|\n\s+at /);
  });
}

test('the library rejects a malformed config array too (Linter, without the CLI)', async () => {
  const { Linter } = await import('../packages/core/dist/index.js');
  assert.throws(() => new Linter().lintText(POD, [null as never]), /must be an object, not null/);
  assert.throws(() => new Linter().lintText(POD, [{ ignores: [3 as never] }]), /"ignores"\[0\] must be a glob string/);
});

test.run();
