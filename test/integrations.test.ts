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
  assert.equal([hook.language, hook.types, hook.entry, hook.require_serial], ['node', ['yaml'], 'kubelore --skip-non-manifests', true]);
  const exclude = new RegExp(hook.exclude);
  for (const path of ['.pre-commit-config.yaml', '.github/workflows/ci.yml', 'sub/.gitlab-ci.yml', 'compose.yaml', 'docker-compose.prod.yml']) assert.ok(exclude.test(path), path);
  for (const path of ['deploy/api.yaml', 'k8s/compose-service.yaml', 'github/app.yaml']) assert.not.ok(exclude.test(path), path);
  const dir = project({ 'deploy/good.yaml': CLEAN, 'deploy/bad.yaml': SERVED_DEPLOYMENT.replace('name: api\n', 'name: bad\n') });
  // pre-commit runs `entry args... file...`: the entry is the kubelore bin.
  const entry = [BIN, ...hook.entry.split(' ').slice(1), ...hook.args];
  const bad = run(process.execPath, [...entry, 'deploy/good.yaml', 'deploy/bad.yaml'], dir);
  assert.is(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /deploy\/bad\.yaml\n\s+14:11\s+error\s+.*termination\/prestop-delay/);
  assert.is(run(process.execPath, [...entry, 'deploy/good.yaml'], dir).status, 0);
  const example = parse(readFileSync(join(ROOT, 'examples/pre-commit/.pre-commit-config.yaml'), 'utf8'));
  assert.ok(example.repos.some((repo: { hooks: { id: string }[] }) => repo.hooks.some((h) => h.id === 'kubelore')));
});

test('the example workflow uploads SARIF even when the lint step fails', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions/kubelore.yml'), 'utf8'));
  assert.is(workflow.permissions['security-events'], 'write');
  const steps = workflow.jobs.lint.steps;
  const upload = steps.find((step: { uses?: string }) => step.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.is(upload.if, 'always()');
  const lint = steps.find((step: { name?: string }) => step.name === 'kubelore');
  assert.is(upload.with.sarif_file, lint.with.output);
  assert.is(lint.uses, 'kubelore/kubelore@main', 'a ref that exists: no version is tagged yet');
  assert.not.ok(steps.some((step: { uses?: string }) => step.uses?.startsWith('actions/setup-node')), 'the action needs no Node setup or install');
});

test('the GitLab example writes the Code Quality report it declares', () => {
  const pipeline = parse(readFileSync(join(ROOT, 'examples/gitlab-ci/.gitlab-ci.yml'), 'utf8'));
  const script = pipeline.kubelore.script.join('\n');
  assert.match(script, /--format gitlab --output-file gl-code-quality-report\.json/);
  assert.is(pipeline.kubelore.artifacts.reports.codequality, 'gl-code-quality-report.json');
  assert.is(pipeline.kubelore.artifacts.when, 'always');
});

test.run();
