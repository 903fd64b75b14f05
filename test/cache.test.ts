import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project, servedDeployment } from './cli-helpers.js';

// A plugin rule that says on stderr which objects it visited: what a cache hit skips is visible.
const CONFIG = `const visits = {
  meta: { type: 'problem', docs: { description: 'says what it visits', story: 'test', recommended: false }, messages: { x: 'x' } },
  create: () => ({ '*': (resource) => process.stderr.write(\`visit \${resource.kind} \${resource.name}\\n\`) }),
};
export default ['kubelore:recommended', { plugins: { count: { meta: { name: 'count' }, rules: { visits } } }, rules: { 'count/visits': 'error' } }];
`;

const DEPLOYMENT = servedDeployment('api', { namedPort: true });
const service = (app: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: ${app}}\n  ports: [{name: http, port: 80, targetPort: http}]\n`;

const env = { CI: '' };
const visits = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('visit '));

test('--cache: a cached run prints what an uncached one does after an edit to one file of a related pair; hits skip the rules', () => {
  const dir = project({ 'kubelore.config.mjs': CONFIG, 'deploy.yaml': DEPLOYMENT, 'svc.yaml': service('api') });
  const first = kubelore(['.', '--cache', '-f', 'json'], { cwd: dir, env });
  assert.equal(visits(first.stderr), ['visit Deployment api', 'visit Service api']);
  const prestop = (stdout: string) => JSON.parse(stdout)[0].messages.find((m: { ruleId: string }) => m.ruleId === 'termination/prestop-delay')?.message as string;
  assert.match(prestop(first.stdout), /selected by Service api on port http/, 'the Service is part of the verdict on the Deployment');
  const again = kubelore(['.', '--cache', '-f', 'json'], { cwd: dir, env });
  assert.equal(visits(again.stderr), [], 'nothing changed: no visits');
  assert.is(again.stdout, first.stdout);

  // The Service stops selecting the Deployment: the verdict on the unchanged Deployment changes.
  writeFileSync(join(dir, 'svc.yaml'), service('other'));
  for (const format of ['json', 'stylish']) {
    const cached = kubelore(['.', '--cache', '-f', format], { cwd: dir, env });
    const uncached = kubelore(['.', '-f', format], { cwd: dir, env });
    assert.is(cached.stdout, uncached.stdout, `${format}: byte-identical output`);
    assert.is(cached.status, uncached.status);
    if (format === 'json') {
      assert.equal(visits(cached.stderr), ['visit Service api'], 'only the edited file runs the one-object rule');
      // The folder's Service now selects other pods: the Deployment is not taken as served any more.
      assert.is(prestop(cached.stdout), undefined, 'the verdict on the unchanged Deployment changed');
    }
  }
  const debug = kubelore(['.', '--cache', '--debug'], { cwd: dir, env });
  assert.match(debug.stderr, /^kubelore:debug cache: \.kubelorecache, strategy metadata$/m);
  assert.match(debug.stderr, /^kubelore:debug cache: findings of \d+ rule runs reused on 2 files; 0 files linted in full$/m);
});

test('--cache-strategy content sees an edit that keeps size and mtime; CI makes it the default', () => {
  const dir = project({ 'kubelore.config.mjs': CONFIG, 'svc.yaml': service('api') });
  const path = join(dir, 'svc.yaml');
  utimesSync(path, 1_700_000_000, 1_700_000_000);
  kubelore(['.', '--cache'], { cwd: dir, env });
  writeFileSync(path, service('apx'));
  utimesSync(path, 1_700_000_000, 1_700_000_000);
  assert.equal(visits(kubelore(['.', '--cache'], { cwd: dir, env }).stderr), [], 'metadata: same size and mtime look unchanged (documented)');
  assert.equal(visits(kubelore(['.', '--cache', '--cache-strategy', 'content'], { cwd: dir, env }).stderr), ['visit Service api']);
  const ci = kubelore(['.', '--cache', '--debug'], { cwd: dir, env: { CI: 'true' } });
  assert.match(ci.stderr, /^kubelore:debug cache: \.kubelorecache, strategy content$/m);
  const bad = kubelore(['.', '--cache', '--cache-strategy', 'mtime'], { cwd: dir, env });
  assert.equal([bad.status, bad.stderr], [2, 'kubelore: --cache-strategy must be "metadata" or "content", not "mtime".\n']);
});

test('--cache-location takes a file or a folder; a config change or a corrupt cache starts afresh', () => {
  const dir = project({ 'kubelore.config.mjs': CONFIG, 'svc.yaml': service('api'), 'tmp/.keep': '' });
  kubelore(['svc.yaml', '--cache', '--cache-location', 'tmp/'], { cwd: dir, env });
  assert.ok(statSync(join(dir, 'tmp/.kubelorecache')).isFile());
  kubelore(['svc.yaml', '--cache', '--cache-location', 'tmp/lint.cache'], { cwd: dir, env });
  assert.ok(statSync(join(dir, 'tmp/lint.cache')).isFile());
  writeFileSync(join(dir, 'kubelore.config.mjs'), `${CONFIG}// changed\n`);
  const changed = kubelore(['svc.yaml', '--cache', '--cache-location', 'tmp/', '--debug'], { cwd: dir, env });
  assert.match(changed.stderr, /previous cache not used: the config file changed/);
  assert.equal(visits(changed.stderr), ['visit Service api']);
  writeFileSync(join(dir, 'tmp/.kubelorecache'), '{not json');
  const corrupt = kubelore(['svc.yaml', '--cache', '--cache-location', 'tmp/', '--debug'], { cwd: dir, env });
  assert.is(corrupt.status, 0);
  assert.match(corrupt.stderr, /previous cache not used: it could not be read/);
  assert.is(kubelore(['svc.yaml', '--cache', '--fix'], { cwd: dir, env }).status, 2);
});

test('the cache holds no flagged secret value: files where a secret rule found something keep nothing', () => {
  const password = 'Vx9!kq2Lm#7Rt4Zp';
  const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      env:\n        - name: POSTGRES_PASSWORD\n          value: "${password}"\n`;
  const dir = project({ 'pod.yaml': pod });
  const run = kubelore(['.', '--cache', '-f', 'json'], { cwd: dir, env });
  assert.ok(JSON.parse(run.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId.startsWith('credentials/')), 'the fixture has a flagged value');
  const cache = readFileSync(join(dir, '.kubelorecache'), 'utf8');
  assert.not.ok(cache.includes(password));
  assert.not.ok(cache.includes('Vx9'));
  assert.equal(JSON.parse(cache).files['pod.yaml'].findings, {});
});

test.run();
