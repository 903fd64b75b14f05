// The command reads environment variables from a plain copy of process.env (environment.ts: yaml reads
// one per token). The copy must behave as the environment for everything the command does with it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './cli-helpers.js';

// In a child process: this test process's environment is not ours to replace.
const script = `
import { execFileSync } from 'node:child_process';
import { useEnvironmentCopy } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/cli/dist/environment.js')).href)};
useEnvironmentCopy();
process.env.KUBELORE_SET_AFTER = 'later';
delete process.env.KUBELORE_REMOVED;
const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify([process.env.KUBELORE_GIVEN, process.env.KUBELORE_SET_AFTER, process.env.KUBELORE_REMOVED ?? null]))']);
process.stdout.write(JSON.stringify({ given: process.env.KUBELORE_GIVEN, child: JSON.parse(String(child)) }));
`;

test('variables given, set and removed after the copy are what the process and its children see', () => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, KUBELORE_GIVEN: 'given', KUBELORE_REMOVED: 'x' }, encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), { given: 'given', child: ['given', 'later', null] });
});

test.run();
