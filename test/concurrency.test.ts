// --concurrency: worker threads read and parse, the main thread lints; the output is byte-identical to
// `off` in every format, for the package CLI and the bundle, with fixes and context files.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
// From dist/: the workers start from the compiled entry beside concurrency.js.
import { findFiles } from '../packages/cli/dist/files.js';
import { prepareInWorkers, workerCount } from '../packages/cli/dist/concurrency.js';
import { parseConcurrency } from '../packages/cli/dist/concurrency-option.js';
import { kubelore, ROOT } from './cli-helpers.js';

test('auto follows ESLint 9.34: half the cores, one worker per 35 files, none below two', () => {
  assert.is(workerCount('off', 5000, 64), 0);
  assert.is(workerCount('auto', 5000, 2), 0, 'two cores: off');
  assert.is(workerCount('auto', 5000, 3), 0);
  assert.is(workerCount('auto', 5000, 8), 4);
  assert.is(workerCount('auto', 70, 8), 2);
  assert.is(workerCount('auto', 35, 8), 0, 'too few files for two workers');
  assert.is(workerCount(2, 5000, 2), 2, 'a number is taken as asked');
  assert.is(workerCount(4, 3, 2), 3, 'but never more workers than files');
  assert.is(parseConcurrency('auto'), 'auto');
  assert.is(parseConcurrency('3'), 3);
  for (const bad of ['0', '-1', '1.5', 'on', '']) assert.throws(() => parseConcurrency(bad), /--concurrency must be/);
});

test('the workers read and parse every file they are given', async () => {
  const files = await findFiles(['examples', 'test/fixtures'], ROOT);
  const texts = new Map<string, string>();
  const inputs = files.map((file) => ({ readTask: { path: file.path, skipUnlessManifest: !file.explicit, contextOnly: false, maxFileSize: 1e6, forFix: false, limits: { maxFileSize: 1e6, maxAliasCount: 100 } }, prepared: (text: string) => texts.set(file.path, text) }));
  await prepareInWorkers(inputs, 2);
  assert.ok(inputs.length > 10);
  assert.equal(files.filter((file) => !texts.has(file.path)).map((file) => file.path), []);
});

/** The repository's examples and fixtures in a temporary folder (fixes are dry runs; nothing is written). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-concurrency-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures'), join(dir, 'fixtures'), { recursive: true });
  cpSync(join(ROOT, 'test/bad-input'), join(dir, 'bad-input'), { recursive: true });
  return dir;
}

const FORMATS = ['json', 'stylish', 'sarif', 'github', 'junit', 'gitlab'];

test('--concurrency 2 gives the output of off, byte for byte, in every format and with --fix-dry-run', () => {
  const dir = workspace();
  try {
    for (const args of [...FORMATS.map((format) => ['--preset', 'strict', '-f', format, '.']), ['--fix-dry-run', '-f', 'json', '.'], ['-f', 'json', 'examples/adevinta-dns/broken/search.yaml']]) {
      const off = kubelore([...args, '--concurrency', 'off'], { cwd: dir });
      const two = kubelore([...args, '--concurrency', '2'], { cwd: dir });
      assert.ok(off.stdout.length > 0, `${args.join(' ')}: ${off.stderr}`);
      assert.equal([two.status, two.stdout, two.stderr], [off.status, off.stdout, off.stderr], args.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix with workers writes what it writes without them (the read digest is kept)', () => {
  const off = workspace();
  const two = workspace();
  try {
    const a = kubelore(['--fix', '-f', 'json', 'examples', '--concurrency', 'off'], { cwd: off });
    const b = kubelore(['--fix', '-f', 'json', 'examples', '--concurrency', '2'], { cwd: two });
    assert.equal([b.status, b.stdout, b.stderr], [a.status, a.stdout, a.stderr]);
    const contents = (dir: string) => readdirSync(join(dir, 'examples'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')]).sort();
    assert.equal(contents(two), contents(off));
    assert.not.equal(contents(off), contents(ROOT), 'something was fixed');
  } finally {
    rmSync(off, { recursive: true, force: true });
    rmSync(two, { recursive: true, force: true });
  }
});

test('the bundle runs its workers too', () => {
  const dir = workspace();
  try {
    const run = (concurrency: string) => spawnSync(process.execPath, [join(ROOT, 'dist/bin.mjs'), '-f', 'json', '--concurrency', concurrency, '.'], { cwd: dir, encoding: 'utf8' });
    const off = run('off');
    const two = run('2');
    assert.ok(off.stdout.length > 0, off.stderr);
    assert.equal([two.status, two.stdout, two.stderr], [off.status, off.stdout, off.stderr]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
