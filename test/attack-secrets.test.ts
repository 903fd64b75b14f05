// Issue 24: secrets through every path. Each case plants synthetic secrets (built at run time by the
// credentials plugin) and greps every format, --fix-dry-run, --fix's report, stderr and error text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleSecrets } from '../packages/plugin-credentials/dist/index.js';
import { kubelore, project } from './cli-helpers.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'];
const secrets = exampleSecrets().filter((secret) => !secret.value.includes('\n') && secret.value.length >= 12);
const byDetector = (detector: string) => exampleSecrets().find((secret) => secret.detector === detector)!.value;

/** The value or a long piece of it, as written or JSON-escaped. */
function leaks(output: string, value: string): boolean {
  const pieces = [value, ...value.split(/\n|@|:\/\//).filter((piece) => piece.length >= 12)];
  return pieces.some((piece) => output.includes(piece) || output.includes(JSON.stringify(piece).slice(1, -1)));
}

/** Everything kubelore prints for these files: each format, with and without --fix-dry-run, and --fix. */
function everyOutput(files: Record<string, string>, extra: string[] = []): string[] {
  const outputs: string[] = [];
  for (const format of FORMATS) {
    for (const mode of [[], ['--fix-dry-run']]) {
      const dir = project(files);
      const run = kubelore(['.', '--no-config-lookup', '--preset', 'strict', '-f', format, ...mode, ...extra], { cwd: dir });
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      outputs.push(`[${format} ${mode.join(' ')}]\n${run.stdout}\n${run.stderr}`);
    }
    const dir = project(files);
    const run = kubelore(['.', '--no-config-lookup', '--preset', 'strict', '-f', format, '--fix', ...extra], { cwd: dir });
    outputs.push(`[${format} --fix]\n${run.stdout}\n${run.stderr}`);
  }
  return outputs;
}

function assertNoLeak(outputs: string[], values: string[], what: string): void {
  for (const output of outputs) {
    for (const value of values) assert.not.ok(leaks(output, value), `${what}: ${value.slice(0, 6)}… leaks in ${output.split('\n')[0]}`);
  }
}

test('item 2: a YAML error whose parser message quotes the value (`password: >s3cr3t`) does not print it', () => {
  const values = secrets.map((secret) => secret.value);
  const files = Object.fromEntries(
    values.map((value, index) => [
      `bad-${index}.yaml`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: >${value}\n  other: "${value}\n`,
    ]),
  );
  const outputs = everyOutput(files);
  assert.ok(outputs[0]!.includes('YAML syntax error (UNEXPECTED_TOKEN) at line 6, column'), outputs[0]);
  assertNoLeak(outputs, values, 'YAML error');
});

test.run();
