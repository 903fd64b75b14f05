import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { BIN, project, ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const CLEAN = SERVED_DEPLOYMENT.replace(
  '          resources:',
  '          lifecycle: {preStop: {sleep: {seconds: 5}}}\n          resources:',
);

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

test('the pre-commit hook definition: id, language, types, and the entry lints the files it is given', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = hooks.find((h: { id: string }) => h.id === 'kubelore');
  assert.equal([hook.language, hook.types, hook.entry, hook.require_serial], ['node', ['yaml'], 'kubelore', true]);
  const dir = project({ 'deploy/good.yaml': CLEAN, 'deploy/bad.yaml': SERVED_DEPLOYMENT.replace('name: api\n', 'name: bad\n') });
  // pre-commit runs `entry args... file...`: the entry is the kubelore bin.
  const bad = run(process.execPath, [BIN, ...hook.args, 'deploy/good.yaml', 'deploy/bad.yaml'], dir);
  assert.is(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /deploy\/bad\.yaml\n\s+14:11\s+error\s+.*termination\/prestop-delay/);
  assert.is(run(process.execPath, [BIN, ...hook.args, 'deploy/good.yaml'], dir).status, 0);
  const example = parse(readFileSync(join(ROOT, 'examples/pre-commit/.pre-commit-config.yaml'), 'utf8'));
  assert.ok(example.repos.some((repo: { hooks: { id: string }[] }) => repo.hooks.some((h) => h.id === 'kubelore')));
});

test('action.yml: a composite action with the inputs the docs promise, running the tested script', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.is(action.runs.using, 'composite');
  assert.equal(Object.keys(action.inputs), ['paths', 'config', 'preset', 'format', 'output', 'category', 'fail-on']);
  const lint = action.runs.steps.find((step: { name: string }) => step.name === 'Lint');
  assert.match(lint.run, /scripts\/github-action\.mjs/);
  assert.equal(Object.keys(lint.env).sort(), ['INPUT_CATEGORY', 'INPUT_CONFIG', 'INPUT_FAIL_ON', 'INPUT_FORMAT', 'INPUT_OUTPUT', 'INPUT_PATHS', 'INPUT_PRESET']);
});

test('the action script writes SARIF with the category and fails by fail-on', () => {
  const dir = project({ 'k8s/api.yaml': SERVED_DEPLOYMENT });
  const script = join(ROOT, 'scripts/github-action.mjs');
  const failing = run(process.execPath, [script], dir, { INPUT_PATHS: 'k8s', INPUT_CATEGORY: 'manifests' });
  assert.is(failing.status, 1, failing.stderr);
  assert.match(failing.stdout, /^kubelore --format sarif --output-file kubelore\.sarif --sarif-category manifests k8s$/m);
  const sarif = JSON.parse(readFileSync(join(dir, 'kubelore.sarif'), 'utf8'));
  assert.is(sarif.runs[0].automationDetails.id, 'manifests/');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'termination/prestop-delay'));
  assert.is(run(process.execPath, [script], dir, { INPUT_PATHS: 'k8s', INPUT_FAIL_ON: 'never' }).status, 0);
  const annotations = run(process.execPath, [script], dir, { INPUT_PATHS: 'k8s', INPUT_FORMAT: 'github' });
  assert.match(annotations.stdout, /^::error file=k8s\/api\.yaml,line=14,col=11,/m);
  const usage = run(process.execPath, [script], dir, { INPUT_PATHS: 'k8s', INPUT_PRESET: 'lenient', INPUT_FAIL_ON: 'never' });
  assert.is(usage.status, 2, 'a usage error fails the step even with fail-on: never');
});

test('the example workflow uploads SARIF even when the lint step fails', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions/kubelore.yml'), 'utf8'));
  assert.is(workflow.permissions['security-events'], 'write');
  const steps = workflow.jobs.lint.steps;
  const upload = steps.find((step: { uses?: string }) => step.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.is(upload.if, 'always()');
  assert.is(upload.with.sarif_file, steps.find((step: { name?: string }) => step.name === 'kubelore').with.output);
});

test.run();
