import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repositoryRoot } from '../packages/cli/src/kubelore.js';
import { kubelore, project, ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

test('the Ravelin broken example reports prestop-delay at the container; the fixed one is clean', () => {
  const broken = kubelore(['examples/ravelin-termination/broken', '-f', 'json']);
  assert.is(broken.status, 1);
  const [result] = JSON.parse(broken.stdout);
  const finding = result.messages.find((m: { ruleId: string }) => m.ruleId === 'termination/prestop-delay');
  assert.equal([finding.line, finding.column, finding.resource.name], [28, 11, 'api']);
  assert.is(kubelore(['examples/ravelin-termination/fixed']).status, 0);
});

test('stylish output groups by file and ends with a summary', () => {
  const run = kubelore(['examples/ravelin-termination/broken']);
  assert.match(run.stdout, /examples\/ravelin-termination\/broken\/api\.yaml\n {2}28:11 {2}error {4}Container "api" receives traffic/);
  assert.match(run.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
  assert.not.match(run.stdout, /\x1b\[/, 'no colour when NO_COLOR is set and stdout is not a TTY');
});

test('stdin with --stdin-filename gives the same JSON as lintText from a plain Node script', () => {
  const text = readFileSync(join(ROOT, 'examples/ravelin-termination/broken/api.yaml'), 'utf8');
  const cli = kubelore(['-', '--stdin-filename', 'deploy/api.yaml', '-f', 'json'], { input: text });
  assert.is(cli.status, 1);
  const script = `import { Kubelore } from './packages/cli/dist/index.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
const text = readFileSync('examples/ravelin-termination/broken/api.yaml', 'utf8');
const results = await new Kubelore().lintText(text, { filePath: 'deploy/api.yaml' });
process.stdout.write(JSON.stringify(results));`;
  const node = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.is(node.status, 0, node.stderr);
  assert.equal(JSON.parse(node.stdout), JSON.parse(cli.stdout));
  assert.is(JSON.parse(cli.stdout)[0].filePath, 'deploy/api.yaml');
});

test('a malformed document and a valid one in the same file are both reported; other files too', () => {
  const dir = project({
    'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n---\n${SERVED_DEPLOYMENT}`,
    'b.yaml': SERVED_DEPLOYMENT.replace('name: api\n', 'name: other\n'),
  });
  const run = kubelore(['.', '-f', 'json'], { cwd: dir });
  assert.is(run.status, 1);
  const results = JSON.parse(run.stdout);
  assert.equal(results.map((r: { filePath: string }) => r.filePath), ['a.yaml', 'b.yaml']);
  assert.equal(
    results[0].messages.map((m: { ruleId: string | null; line: number }) => [m.ruleId, m.line]),
    [[null, 4], ['termination/prestop-delay', 18]],
  );
  assert.is(results[1].messages[0].ruleId, 'termination/prestop-delay');
});

test('a finding repeated on copies of one object in other files (tutorial steps) is reported once, with the copies listed', () => {
  const dir = project({ 'step-1/api.yaml': SERVED_DEPLOYMENT, 'step-2/api.yaml': SERVED_DEPLOYMENT, 'step-3/api.yaml': SERVED_DEPLOYMENT.replace('name: api\n', 'name: other\n') });
  type Message = { ruleId: string; line: number; column: number; repeats?: Array<{ filePath: string; line: number; column: number }> };
  const folded: Array<{ filePath: string; messages: Message[] }> = JSON.parse(kubelore(['.', '-f', 'json'], { cwd: dir }).stdout);
  const [first, second, third] = folded;
  const prestop = first!.messages.find((m) => m.ruleId === 'termination/prestop-delay')!;
  assert.equal(prestop.repeats, [{ filePath: 'step-2/api.yaml', line: prestop.line, column: prestop.column }]);
  assert.equal(second!.messages, [], 'every finding of the copy is on the first file');
  assert.ok(third!.messages.some((m) => m.ruleId === 'termination/prestop-delay' && m.repeats === undefined), 'another object is not a copy');
  const all: Array<{ messages: Message[] }> = JSON.parse(kubelore(['.', '-f', 'json', '--no-fold-repeats'], { cwd: dir }).stdout);
  assert.equal(all[1]!.messages.length, first!.messages.length);
  assert.ok(all.every((result) => result.messages.every((m) => m.repeats === undefined)));
  assert.match(kubelore(['.'], { cwd: dir }).stdout, `the same on 1 copy of the object: step-2/api.yaml:${prestop.line}:${prestop.column}`);
});

test('folders skip unrelated YAML and JSON; .gitignore is honoured; explicit files are always linted', () => {
  const dir = project({
    'deploy/api.yaml': SERVED_DEPLOYMENT,
    'deploy/ignored/api.yaml': SERVED_DEPLOYMENT,
    '.gitignore': 'deploy/ignored/\n',
    'package.json': '{"name": "x"}',
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'notes.yaml': 'title: not kubernetes\n',
  });
  const run = kubelore(['.', '-f', 'json'], { cwd: dir });
  assert.equal(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath), ['deploy/api.yaml']);
  const explicit = kubelore(['notes.yaml', '-f', 'json'], { cwd: dir });
  assert.is(JSON.parse(explicit.stdout)[0].messages[0].ruleId, 'kubelore/not-a-resource');
  assert.is(explicit.status, 0, 'a warning alone does not fail the run');
});

test('globs expand; a pattern that matches nothing is exit 2 with a message', () => {
  const dir = project({ 'k8s/a.yaml': SERVED_DEPLOYMENT, 'k8s/b.yml': SERVED_DEPLOYMENT });
  assert.is(JSON.parse(kubelore(['k8s/*.y*ml', '-f', 'json'], { cwd: dir }).stdout).length, 2);
  const none = kubelore(['missing/**/*.yaml'], { cwd: dir });
  assert.is(none.status, 2);
  assert.match(none.stderr, /No files matching the pattern "missing\/\*\*\/\*\.yaml" were found/);
  assert.is(kubelore(['missing/**/*.yaml', '--no-error-on-unmatched-pattern'], { cwd: dir }).status, 0);
});

test('config discovery upward, --no-config-lookup, -c, presets as strings', () => {
  const dir = project({
    'kubelore.config.yaml': '- kubelore:recommended\n- rules:\n    termination/prestop-delay: "off"\n',
    'apps/api.yaml': SERVED_DEPLOYMENT,
    'other.json': JSON.stringify([{ rules: { 'termination/prestop-delay': ['warn', { minDelaySeconds: 3 }] } }]),
  });
  assert.is(kubelore(['api.yaml'], { cwd: join(dir, 'apps') }).status, 0);
  assert.is(kubelore(['api.yaml', '--no-config-lookup'], { cwd: join(dir, 'apps') }).status, 1);
  const custom = kubelore(['apps/api.yaml', '-c', 'other.json', '-f', 'json'], { cwd: dir });
  assert.is(custom.status, 0);
  assert.is(JSON.parse(custom.stdout)[0].warningCount, 1);
});

test('--rule, --quiet and --max-warnings', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT });
  const warn = kubelore(['api.yaml', '--rule', 'termination/prestop-delay: warn'], { cwd: dir });
  assert.is(warn.status, 0);
  assert.match(warn.stdout, /warning/);
  assert.is(kubelore(['api.yaml', '--rule', 'termination/prestop-delay: warn', '--quiet'], { cwd: dir }).stdout, '');
  const tooMany = kubelore(['api.yaml', '--rule', 'termination/prestop-delay: warn', '--max-warnings', '0'], { cwd: dir });
  assert.is(tooMany.status, 1);
  assert.match(tooMany.stderr, /too many warnings \(maximum: 0\)/);
});

test('bad usage and bad config exit 2 with a clear message', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'bad.yaml': '- rules:\n    termination/prestop-delay: [error, {minDelaySeconds: soon}]\n' });
  const unknownFlag = kubelore(['--frobnicate'], { cwd: dir });
  assert.is(unknownFlag.status, 2);
  assert.match(unknownFlag.stderr, /Unknown option '--frobnicate'/);
  const badOptions = kubelore(['api.yaml', '-c', 'bad.yaml'], { cwd: dir });
  assert.is(badOptions.status, 2);
  assert.match(badOptions.stderr, /Invalid options for rule "termination\/prestop-delay": option "minDelaySeconds" must be number/);
  const unknownRule = kubelore(['api.yaml', '--rule', 'termination/nope: error'], { cwd: dir });
  assert.is(unknownRule.status, 2);
  assert.match(unknownRule.stderr, /Could not find rule "termination\/nope"/);
  assert.is(kubelore(['api.yaml', '--preset', 'lenient'], { cwd: dir }).status, 2);
  assert.is(kubelore(['api.yaml', '--kubernetes-version', 'latest'], { cwd: dir }).status, 2);
});

test('-o writes the report to a file', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT });
  const run = kubelore(['api.yaml', '-f', 'json', '-o', 'out/report.json'], { cwd: dir });
  assert.is(run.status, 1);
  assert.is(run.stdout, '');
  assert.is(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))[0].errorCount, 1);
});

test('--list-rules --format json lists every rule with its metadata', () => {
  const run = kubelore(['--list-rules', '--format', 'json']);
  assert.is(run.status, 0);
  const rules = JSON.parse(run.stdout);
  const rule = rules.find((r: { id: string }) => r.id === 'termination/prestop-sleep-action');
  assert.equal(Object.keys(rule).slice(0, 5), ['id', 'description', 'recommended', 'preset', 'fixable']);
  assert.is(rule.recommended, true);
  assert.is(rule.fixable, true);
  assert.is(rule.docsUrl, 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-termination/docs/rules/prestop-sleep-action.md');
});

test('--version, --help and --explain', () => {
  assert.match(kubelore(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.match(kubelore(['--help']).stdout, /Exit codes: 0 no errors/);
  assert.match(kubelore(['--explain', 'termination/prestop-delay']).stdout, /## The failure it prevents/);
  assert.is(kubelore(['--explain', 'nope/nope']).status, 2);
});

test('binary and non-UTF-8 files get a clear fatal message; the other files are still linted', () => {
  const dir = project({
    'bin.yaml': new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x00, 0x01, 0x02]),
    'latin1.yaml': new Uint8Array([...Buffer.from('kind: ConfigMap\ndata: {a: "caf'), 0xe9, ...Buffer.from('"}\n')]),
    'ok.yaml': SERVED_DEPLOYMENT,
  });
  const results = JSON.parse(kubelore(['bin.yaml', 'latin1.yaml', 'ok.yaml', '-f', 'json'], { cwd: dir }).stdout);
  assert.match(results[0].messages[0].message, /^Binary file/);
  assert.match(results[1].messages[0].message, /not valid UTF-8 \(first invalid byte at line 2, column 15, offset 30\)/);
  assert.is(results[2].messages[0].ruleId, 'termination/prestop-delay');
});

test('SARIF and annotation paths count from the repository root: the nearest folder upward with .git, else the working folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-root-'));
  mkdirSync(join(dir, 'repo/.git'), { recursive: true });
  mkdirSync(join(dir, 'repo/deploy/prod'), { recursive: true });
  mkdirSync(join(dir, 'plain/deploy'), { recursive: true });
  assert.is(repositoryRoot(join(dir, 'repo/deploy/prod')), join(dir, 'repo'));
  assert.is(repositoryRoot(join(dir, 'plain/deploy')), join(dir, 'plain/deploy'));
});

test('--stats puts ESLint 9-shaped timing on each result of --format json; the findings are the same', () => {
  const dir = project({ 'k8s/a.yaml': SERVED_DEPLOYMENT, 'k8s/b.yml': SERVED_DEPLOYMENT });
  const plain = JSON.parse(kubelore(['k8s', '-f', 'json'], { cwd: dir }).stdout);
  const timed = JSON.parse(kubelore(['k8s', '-f', 'json', '--stats'], { cwd: dir }).stdout);
  assert.is(timed.length, 2);
  for (const [position, result] of timed.entries()) {
    const { stats, ...rest } = result;
    assert.equal(rest, plain[position]);
    assert.is(stats.fixPasses, 0);
    assert.is(stats.times.passes.length, 1);
    const [pass] = stats.times.passes;
    assert.equal(Object.keys(pass).sort(), ['fix', 'parse', 'rules', 'total']);
    assert.ok(Object.keys(pass.rules).includes('termination/prestop-delay'));
    for (const time of [pass.parse.total, pass.total, ...Object.values(pass.rules).map((rule: any) => rule.total)]) assert.ok(typeof time === 'number' && time >= 0);
  }
});

test.run();
