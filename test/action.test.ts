// The GitHub Action (action.yml: runs.using node20, main dist/action.mjs) run as the runner runs it:
// `node dist/action.mjs` with the inputs as INPUT_* variables (hyphens kept, as the runner keeps them),
// GITHUB_WORKSPACE, and the files behind GITHUB_STEP_SUMMARY and GITHUB_OUTPUT.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { project, ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const ENTRY = join(ROOT, 'dist/action.mjs');
const CLEAN = SERVED_DEPLOYMENT.replace('          resources:', '          lifecycle: {preStop: {sleep: {seconds: 5}}}\n          resources:');

interface Step {
  status: number | null;
  log: string;
  summary: string;
  outputs: Record<string, string>;
  workspace: string;
}

/** One step: the runner's environment around `node dist/action.mjs`, run from a folder that is not the workspace. */
function runStep(files: Record<string, string>, inputs: Record<string, string>): Step {
  const workspace = project(files);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'kubelore-runner-'));
  const summaryFile = join(runnerTemp, 'step_summary');
  const outputFile = join(runnerTemp, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: runnerTemp };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [ENTRY], { cwd: runnerTemp, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
    const eq = line.indexOf('=');
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { status: run.status, log: run.stdout + run.stderr, summary: readFileSync(summaryFile, 'utf8'), outputs, workspace };
}

test('action.yml: a node20 action whose entry is the committed bundle, with the documented inputs and outputs', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.equal(action.runs, { using: 'node20', main: 'dist/action.mjs' });
  assert.ok(existsSync(join(ROOT, action.runs.main)));
  assert.equal(Object.keys(action.inputs), ['paths', 'config', 'preset', 'kubernetes-version', 'format', 'output', 'category', 'fail-on', 'args']);
  assert.equal(Object.keys(action.outputs), ['sarif-file', 'errors', 'warnings']);
});

test('SARIF by default, and the findings in the log (annotations), the step summary and the outputs', () => {
  const step = runStep(
    { 'k8s/api.yaml': SERVED_DEPLOYMENT, 'k8s/db.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\n' },
    { paths: 'k8s', category: 'manifests', 'kubernetes-version': '1.31', args: `--rule "scheduling/resource-limits: off" --max-warnings 10`, 'fail-on': 'error' },
  );
  assert.is(step.status, 1, step.log);
  assert.match(step.log, /^kubelore --kubernetes-version 1\.31 --format sarif --output-file kubelore\.sarif --sarif-category manifests --rule "scheduling\/resource-limits: off" --max-warnings 10 k8s$/m);
  assert.match(step.log, /^::error file=k8s\/api\.yaml,line=14,col=11,endLine=14,endColumn=\d+,title=termination\/prestop-delay::Container "api" receives traffic/m);
  const sarif = JSON.parse(readFileSync(join(step.workspace, 'kubelore.sarif'), 'utf8'));
  assert.is(sarif.runs[0].automationDetails.id, 'manifests/');
  assert.ok(sarif.runs[0].results.every((result: { ruleId: string }) => result.ruleId !== 'scheduling/resource-limits'), 'the args input reaches the command line');
  assert.match(step.summary, /^### kubelore: 1 error, 0 warnings in 1 file\n\n\| severity \| file \| line \| rule \| finding \|\n\| --- \| --- \| --- \| --- \| --- \|\n/);
  assert.match(step.summary, /^\| error \| `k8s\/api\.yaml` \| 14 \| \[`termination\/prestop-delay`\]\(https:\/\/github\.com\/kubelore\/kubelore\/blob\/main\/packages\/plugin-termination\/docs\/rules\/prestop-delay\.md\) \| Container "api" receives traffic/m);
  assert.equal(step.outputs, { 'sarif-file': 'kubelore.sarif', errors: '1', warnings: '0' });
});

test('fail-on: never passes the step with findings; a usage error fails it anyway', () => {
  assert.is(runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', 'fail-on': 'never' }).status, 0);
  const usage = runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', preset: 'lenient', 'fail-on': 'never' });
  assert.is(usage.status, 2);
  assert.match(usage.log, /--preset must be one of recommended, strict/);
  const badVersion = runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', 'kubernetes-version': '1.40' });
  assert.is(badVersion.status, 2);
  assert.match(badVersion.log, /outside the Kubernetes versions kubelore has data for/);
});

test('fail-on: warning fails on warnings alone', () => {
  const files = { 'k8s/api.yaml': CLEAN, 'kubelore.config.yaml': '- kubelore:recommended\n- rules: {termination/prestop-delay: warn}\n' };
  assert.is(runStep(files, { paths: 'k8s' }).status, 0);
  const strict = runStep({ ...files, 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', 'fail-on': 'warning' });
  assert.is(strict.status, 1, strict.log);
  assert.match(strict.log, /^::warning file=k8s\/api\.yaml,line=14/m);
  assert.equal([strict.outputs.errors, strict.outputs.warnings], ['0', '1']);
});

test('format github: the annotations are the report, printed once; gitlab to a file still annotates the log', () => {
  const github = runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', format: 'github' });
  assert.is(github.log.match(/^::error file=k8s\/api\.yaml,line=14,col=11,/gm)?.length, 1, github.log);
  assert.is(github.outputs['sarif-file'], '');
  const gitlab = runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', format: 'gitlab', output: 'gl-code-quality-report.json' });
  assert.match(gitlab.log, /^::error file=k8s\/api\.yaml,line=14,col=11,/m);
  assert.ok((JSON.parse(readFileSync(join(gitlab.workspace, 'gl-code-quality-report.json'), 'utf8')) as unknown[]).length > 0);
  const stylish = runStep({ 'k8s/api.yaml': SERVED_DEPLOYMENT }, { paths: 'k8s', format: 'stylish' });
  assert.match(stylish.log, /k8s\/api\.yaml\n\s+14:11\s+error/);
  assert.match(stylish.log, /^::error file=k8s\/api\.yaml,line=14/m);
});

test('a clean run: a summary that says so, and zero counts', () => {
  const step = runStep({ 'k8s/api.yaml': CLEAN }, { paths: 'k8s' });
  assert.is(step.status, 0, step.log);
  assert.is(step.summary, '### kubelore: no problems\n\n1 file linted.\n');
  assert.equal(step.outputs, { 'sarif-file': 'kubelore.sarif', errors: '0', warnings: '0' });
  assert.not.match(step.log, /^::(error|warning)/m);
});

test('a message with Markdown or HTML in it cannot break the summary table', async () => {
  const { summaryMarkdown } = (await import(join(ROOT, 'dist/kubelore.mjs'))) as { summaryMarkdown: (results: unknown[], rules: Map<string, unknown>) => string };
  const message = { ruleId: 'x/y', severity: 2, message: 'a | b\n<img src=x> & c', line: 3, column: 1, endLine: 3, endColumn: 2, fix: null, suggestions: [] };
  const markdown = summaryMarkdown([{ filePath: 'a|b.yaml', messages: [message], errorCount: 1, warningCount: 0 }], new Map());
  assert.match(markdown, /^\| error \| `a\\\|b\.yaml` \| 3 \| `x\/y` \| a \\\| b &lt;img src=x&gt; &amp; c \|$/m);
});

test.run();
