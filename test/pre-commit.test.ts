// The real pre-commit (issue 18) installs the hook from a local clone of this repository (`repo:` a
// path, `rev:` its commit) the way it installs any `language: node` hook: `npm install` and `npm pack`
// in the clone, `npm install -g` of the tarball, which holds the committed bundle. A throwaway
// repository then commits through the hook. Skipped, saying why, when pre-commit is not installed
// (.ci/run installs Debian's package when it is missing).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HEADLESS_SERVICE, ROOT, SERVED_DEPLOYMENT, STATEFULSET } from './cli-helpers.js';

// Complete for a served database, so that only its Service can be missing.
const DATABASE = STATEFULSET.replace(
  '          resources:',
  '          ports: [{containerPort: 5432}]\n          readinessProbe: {tcpSocket: {port: 5432}}\n          lifecycle: {preStop: {sleep: {seconds: 5}}}\n          resources:',
);
const CLEAN = SERVED_DEPLOYMENT.replace('          resources:', '          lifecycle: {preStop: {sleep: {seconds: 5}}}\n          resources:');
const found = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = found.status === 0;
if (!available) console.log('test/pre-commit.test.ts: skipped: the pre-commit command is not installed (Debian: apt-get install pre-commit; .ci/run does this as root).');
const it = available ? test : test.skip;

const work = mkdtempSync(join(tmpdir(), 'kubelore-pre-commit-'));
const clone = join(work, 'kubelore');
const repo = join(work, 'project');
// The environment of someone committing: no pnpm script variables, a pre-commit cache of its own (so the
// install is cold), the user's npm cache (so it works offline once the cache has the packages).
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_OPTIONS$)/i.test(key)));
Object.assign(env, {
  PRE_COMMIT_HOME: join(work, 'cache'),
  NO_COLOR: '1',
  PRE_COMMIT_COLOR: 'never',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.test',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
});

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8' });
}

function ok(run: SpawnSyncReturns<string>, what: string): string {
  assert.is(run.status, 0, `${what}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function commit(message: string): SpawnSyncReturns<string> {
  return sh('git', ['commit', '-q', '-m', message], repo);
}

it('pre-commit installs the hook from a local clone: npm pack of the root, the bundle as its bin', () => {
  // The clone: this repository's files as they are now (tracked and new, not ignored), committed.
  mkdirSync(clone);
  const files = ok(sh('git', ['ls-files', '-co', '--exclude-standard', '-z'], ROOT), 'git ls-files').split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(clone, file));
    } catch {
      // Deleted in the working tree but not yet in the index.
    }
  }
  ok(sh('git', ['init', '-q'], clone), 'git init');
  ok(sh('git', ['add', '-A'], clone), 'git add');
  ok(sh('git', ['commit', '-q', '-m', 'snapshot'], clone), 'git commit');
  const rev = ok(sh('git', ['rev-parse', 'HEAD'], clone), 'rev-parse').trim();

  mkdirSync(repo);
  ok(sh('git', ['init', '-q'], repo), 'git init');
  write('.pre-commit-config.yaml', `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: kubelore\n`);
  ok(sh('pre-commit', ['install'], repo), 'pre-commit install');
  const started = process.hrtime.bigint();
  ok(sh('pre-commit', ['install-hooks'], repo), 'pre-commit install-hooks');
  console.log(`test/pre-commit.test.ts: cold install of the hook environment took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
});

it('a commit with a broken manifest fails with the finding; the fixed one passes', () => {
  write('deploy/api.yaml', SERVED_DEPLOYMENT);
  ok(sh('git', ['add', '.pre-commit-config.yaml', 'deploy/api.yaml'], repo), 'git add');
  const broken = commit('broken');
  assert.is(broken.status, 1, broken.stdout + broken.stderr);
  assert.match(broken.stdout + broken.stderr, /kubelore\.+Failed/);
  assert.match(broken.stdout + broken.stderr, /deploy\/api\.yaml\n\s+14:11\s+error\s+.*termination\/prestop-delay/);
  assert.not.match(broken.stdout + broken.stderr, /\.pre-commit-config\.yaml/, 'the hook config itself is not linted');

  write('deploy/api.yaml', CLEAN);
  // YAML that is not Kubernetes passes without a word: compose files, workflows, any other config.
  write('compose.yaml', 'services:\n  web: {image: nginx}\n');
  write('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    strategy: {matrix: {kind: [unit, e2e]}}\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n');
  write('mkdocs.yml', 'site_name: docs\nnav: [{Home: index.md}]\n');
  ok(sh('git', ['add', '-A'], repo), 'git add');
  const fixed = commit('fixed');
  assert.is(fixed.status, 0, fixed.stdout + fixed.stderr);
  assert.not.match(fixed.stdout + fixed.stderr, /warning|not-a-resource/);
});

it('a commit that stages one of two related files is judged with the other as context', () => {
  write('db/statefulset.yaml', DATABASE);
  ok(sh('git', ['add', 'db/statefulset.yaml'], repo), 'git add');
  const alone = commit('statefulset without its service');
  assert.is(alone.status, 1, 'no headless Service anywhere: the rule fires');
  assert.match(alone.stdout + alone.stderr, /db\/statefulset\.yaml\n[\s\S]*references\/statefulset-service/);

  // The Service is in another file, not staged: the hook is given only the StatefulSet.
  write('db/service.yaml', HEADLESS_SERVICE);
  const staged = ok(sh('git', ['diff', '--cached', '--name-only'], repo), 'git diff');
  assert.is(staged, 'db/statefulset.yaml\n');
  const withContext = commit('statefulset, its service beside it');
  assert.is(withContext.status, 0, withContext.stdout + withContext.stderr);
  assert.is(ok(sh('git', ['status', '--porcelain'], repo), 'git status'), '?? db/service.yaml\n', 'the Service stayed unstaged and uncommitted');
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
