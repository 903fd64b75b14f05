#!/usr/bin/env node
// What the GitHub Action (action.yml) runs: turns its inputs (INPUT_* variables, as the runner passes
// them) into a kubelore command line, runs it, and maps the result to the step's exit code by `fail-on`.
// Kept as a script so the action's behaviour is tested (test/integrations.test.ts), not only its YAML.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const input = (name, fallback = '') => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim() || fallback;

export function actionArgs(read = input) {
  const args = [];
  const config = read('config');
  if (config) args.push('--config', config);
  const preset = read('preset');
  if (preset) args.push('--preset', preset);
  const format = read('format', 'sarif');
  args.push('--format', format);
  const output = read('output', format === 'sarif' ? 'kubelore.sarif' : '');
  if (output) args.push('--output-file', output);
  const category = read('category');
  if (category) args.push('--sarif-category', category);
  if (read('fail-on', 'error') === 'warning') args.push('--max-warnings', '0');
  args.push(...read('paths', '.').split(/\s+/).filter(Boolean));
  return args;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = fileURLToPath(new URL('../packages/cli/bin/kubelore.js', import.meta.url));
  const args = actionArgs();
  console.log(`kubelore ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
  const failOn = input('fail-on', 'error');
  // Findings never fail the step with fail-on: never; usage errors and crashes (exit 2) always do.
  process.exitCode = run.status === 1 && failOn === 'never' ? 0 : (run.status ?? 2);
}
