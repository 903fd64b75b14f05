import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project, ROOT, servedDeployment } from './cli-helpers.js';

/** A Deployment that prestop-delay flags (a Service selects it and it has no preStop delay). */
function deployment(name: string, extra = ''): string {
  return servedDeployment(name, { namespace: 'shop', namedPort: true, afterImage: extra });
}
function service(name: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector: {app: ${name}}\n  ports: [{name: http, port: 80, targetPort: http}]\n`;
}

const SUPPRESSED_API = `{
  "apps.yaml": {
    "Deployment.apps shop/api": {
      "termination/prestop-delay": {
        "count": 1
      }
    }
  }
}
`;

function apps(...names: string[]): string {
  return names.map((name) => `${deployment(name)}---\n${service(name)}`).join('---\n');
}

const file = (dir: string, name = 'kubelore-suppressions.json') => readFileSync(join(dir, name), 'utf8');
const findings = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; resource?: { name: string } }> }>).flatMap((result) =>
    result.messages.map((message) => `${result.filePath} ${message.resource?.name} ${message.ruleId}`),
  );

test('--suppress-all records each error by file, object and rule; the next run is clean', () => {
  const dir = project({ 'apps.yaml': apps('api') });
  assert.is(kubelore(['.'], { cwd: dir }).status, 1);
  const record = kubelore(['--suppress-all'], { cwd: dir });
  assert.is(record.status, 0, record.stderr);
  assert.is(record.stdout, '');
  assert.is(record.stderr, 'kubelore: 1 error is suppressed by kubelore-suppressions.json.\n');
  assert.is(file(dir), SUPPRESSED_API);
  const next = kubelore([], { cwd: dir });
  assert.equal([next.status, next.stdout, next.stderr], [0, '', '']);
  assert.is(kubelore(['--suppress-all'], { cwd: dir }).status, 0);
  assert.is(file(dir), SUPPRESSED_API, 'recording again changes nothing: the file is stable');
});

test('a new object in the same file is reported; an edit elsewhere in the file revives nothing', () => {
  const dir = project({ 'apps.yaml': apps('api') });
  kubelore(['--suppress-all'], { cwd: dir });
  // Lines move and another object changes: the suppressed finding stays suppressed.
  writeFileSync(join(dir, 'apps.yaml'), `# moved down\n\n${apps('api').replace('port: 80,', 'port: 8080,')}`);
  assert.equal(kubelore(['.'], { cwd: dir }).status, 0);
  // A second Deployment with the same problem in the same file: not hidden by the first one's entry.
  writeFileSync(join(dir, 'apps.yaml'), apps('api', 'web'));
  const added = kubelore(['.', '-f', 'json'], { cwd: dir });
  assert.is(added.status, 1);
  assert.equal(findings(added.stdout), ['apps.yaml web termination/prestop-delay']);
});

test('a renamed object: its finding is new, and the old entry no longer occurs (exit 2 until pruned or passed)', () => {
  const dir = project({ 'apps.yaml': apps('api') });
  kubelore(['--suppress-all'], { cwd: dir });
  writeFileSync(join(dir, 'apps.yaml'), apps('api').replace(/name: api\n {2}namespace: shop\nspec:\n {2}replicas/, 'name: api-v2\n  namespace: shop\nspec:\n  replicas'));
  const renamed = kubelore(['.', '-f', 'json'], { cwd: dir });
  assert.is(renamed.status, 2);
  assert.equal(findings(renamed.stdout), ['apps.yaml api-v2 termination/prestop-delay']);
  assert.is(
    renamed.stderr,
    'kubelore: 1 suppressed error no longer occurs (kubelore-suppressions.json):\n' +
      '  apps.yaml  Deployment.apps shop/api  termination/prestop-delay\n' +
      'Run with --prune-suppressions to remove them, or --pass-on-unpruned-suppressions to ignore them.\n',
  );
  assert.is(kubelore(['.', '--pass-on-unpruned-suppressions'], { cwd: dir }).status, 1, 'the new finding still fails the run');
});

test('a fixed finding is unused: exit 2; --pass-on-unpruned-suppressions passes; --prune-suppressions removes it', () => {
  const dir = project({ 'apps.yaml': apps('api', 'web') });
  kubelore(['--suppress-all'], { cwd: dir });
  const fixed = apps('api', 'web').replace(/image: ghcr.io\/acme\/web:1.0\n/, 'image: ghcr.io/acme/web:1.0\n          lifecycle: {preStop: {sleep: {seconds: 10}}}\n');
  writeFileSync(join(dir, 'apps.yaml'), fixed);
  const unused = kubelore(['.'], { cwd: dir });
  assert.is(unused.status, 2);
  assert.is(unused.stdout, '');
  assert.match(unused.stderr, /^kubelore: 1 suppressed error no longer occurs \(kubelore-suppressions.json\):\n {2}apps.yaml {2}Deployment.apps shop\/web {2}termination\/prestop-delay\n/);
  assert.is(kubelore(['.', '--pass-on-unpruned-suppressions'], { cwd: dir }).status, 0);
  const pruned = kubelore(['.', '--prune-suppressions'], { cwd: dir });
  assert.equal([pruned.status, pruned.stdout, pruned.stderr], [0, '', '']);
  assert.is(file(dir), SUPPRESSED_API);
  assert.is(kubelore(['.'], { cwd: dir }).status, 0);
});

test('more errors than the count: the whole group is reported; warnings are never recorded', () => {
  const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [${containers}]\n`;
  // resource-limits asks for a memory limit only with its memory option (on in strict).
  const dir = project({ 'pod.yaml': pod('{name: c, image: nginx}'), 'kubelore.config.yaml': '- kubelore:recommended\n- rules:\n    scheduling/resource-requests: warn\n    scheduling/resource-limits: [error, {memory: true}]\n' });
  kubelore(['--suppress-all'], { cwd: dir });
  assert.equal(JSON.parse(file(dir)), { 'pod.yaml': { 'Pod shop/p': { 'scheduling/resource-limits': { count: 1 } } } }, 'the warning is not recorded');
  writeFileSync(join(dir, 'pod.yaml'), pod('{name: c, image: nginx}, {name: d, image: nginx}'));
  const run = kubelore(['.', '-f', 'json', '--quiet'], { cwd: dir });
  assert.is(run.status, 1);
  assert.equal(findings(run.stdout), ['pod.yaml p scheduling/resource-limits', 'pod.yaml p scheduling/resource-limits'], 'nothing tells the old error from the new: both are reported');
});

test('--suppress-rule records only that rule; an unknown rule is exit 2 with the closest id', () => {
  const dir = project({ 'apps.yaml': `${apps('api')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: c, image: nginx}]\n` });
  const all = JSON.parse(kubelore(['.', '-f', 'json'], { cwd: dir }).stdout)[0].messages.filter((m: { severity: number }) => m.severity === 2);
  const rules = new Set(all.map((m: { ruleId: string }) => m.ruleId));
  assert.ok(rules.size > 1, 'the fixture has errors of several rules');
  const one = kubelore(['--suppress-rule', 'termination/prestop-delay', '-f', 'json'], { cwd: dir });
  assert.is(one.status, 1);
  assert.ok(findings(one.stdout).every((line) => !line.endsWith('termination/prestop-delay')));
  assert.is(file(dir), SUPPRESSED_API);
  const typo = kubelore(['--suppress-rule', 'termination/prestop-dealy'], { cwd: dir });
  assert.is(typo.status, 2);
  assert.is(typo.stderr, 'kubelore: --suppress-rule: unknown rule "termination/prestop-dealy". Did you mean "termination/prestop-delay"?\n');
});

test('the file sits beside the config file (paths relative to it), or where --suppressions-location says', () => {
  const dir = project({ 'kubelore.config.yaml': '- kubelore:recommended\n', 'deploy/apps.yaml': apps('api') });
  assert.is(kubelore(['.', '--suppress-all'], { cwd: join(dir, 'deploy') }).status, 0);
  assert.is(file(dir), SUPPRESSED_API.replace('"apps.yaml"', '"deploy/apps.yaml"'));
  assert.is(kubelore(['deploy'], { cwd: dir }).status, 0, 'the same entries from the config folder');
  assert.is(kubelore(['.', '--suppress-all', '--suppressions-location', 'ci/baseline.json'], { cwd: join(dir, 'deploy') }).status, 2, 'no such folder yet');
  const other = project({ 'apps.yaml': apps('api') });
  assert.is(kubelore(['--suppress-all', '--suppressions-location', 'baseline.json'], { cwd: other }).status, 0);
  assert.is(file(other, 'baseline.json'), SUPPRESSED_API);
  assert.is(kubelore([], { cwd: other }).status, 1, 'the default location holds nothing');
  assert.is(kubelore(['--suppressions-location', 'baseline.json'], { cwd: other }).status, 0);
});

test('a malformed suppressions file is exit 2 with one line', () => {
  const dir = project({ 'apps.yaml': apps('api'), 'kubelore-suppressions.json': '{"apps.yaml": {"Deployment.apps shop/api": {"termination/prestop-delay": {"count": 0}}}}' });
  const run = kubelore([], { cwd: dir });
  assert.is(run.status, 2);
  assert.match(run.stderr, /^kubelore: The suppressions file .*kubelore-suppressions.json is not a kubelore suppressions file: "apps.yaml" › "Deployment.apps shop\/api" › "termination\/prestop-delay" needs a count of at least 1.\n$/);
  writeFileSync(join(dir, 'kubelore-suppressions.json'), '{oops');
  assert.match(kubelore([], { cwd: dir }).stderr, /^kubelore: The suppressions file .* is not valid JSON \(.*\)\.\n$/);
});

test('entries of a deleted file no longer occur; a file not linted this run keeps its entries', () => {
  const dir = project({ 'a.yaml': apps('api'), 'b.yaml': apps('web') });
  kubelore(['--suppress-all'], { cwd: dir });
  assert.is(kubelore(['a.yaml'], { cwd: dir }).status, 0, 'b.yaml was not linted: its entry is not unused');
  rmSync(join(dir, 'b.yaml'));
  const run = kubelore(['a.yaml'], { cwd: dir });
  assert.is(run.status, 2);
  assert.match(run.stderr, / {2}b.yaml {2}Deployment.apps shop\/web {2}termination\/prestop-delay\n/);
  assert.is(kubelore(['a.yaml', '--prune-suppressions'], { cwd: dir }).status, 0);
  assert.is(file(dir), SUPPRESSED_API.replace('"apps.yaml"', '"a.yaml"'));
});

test('the Kubelore class applies suppressions when asked and says what no longer occurs', () => {
  const dir = project({ 'apps.yaml': apps('api', 'web') });
  kubelore(['--suppress-all'], { cwd: dir });
  writeFileSync(join(dir, 'apps.yaml'), apps('api'));
  const script = `import { Kubelore } from ${JSON.stringify(join(ROOT, 'packages/cli/dist/index.js'))};
const plain = await new Kubelore({ cwd: process.cwd() }).lintFiles(['.']);
const kubelore = new Kubelore({ cwd: process.cwd(), applySuppressions: true });
const results = await kubelore.lintFiles(['.']);
const outcome = Kubelore.getSuppressionOutcome(results);
process.stdout.write(JSON.stringify([plain[0].errorCount, results[0].errorCount, outcome.suppressed, outcome.unused]));`;
  const node = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  assert.is(node.status, 0, node.stderr);
  assert.equal(JSON.parse(node.stdout), [1, 0, 1, [{ file: 'apps.yaml', object: 'Deployment.apps shop/web', rule: 'termination/prestop-delay', count: 1 }]]);
});

test.run();
