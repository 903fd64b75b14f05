// Issue 24, items 12, 13 and 19: nothing about one file stops a run. Unreadable files and folders, pipes,
// devices, loops of links, files over the size limit, read-only files and failed writes are findings on
// their path (or one line for -o); --fix replaces files atomically and never overwrites an edit made
// while kubelore ran.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kubelore } from '../packages/cli/dist/index.js';
import { BIN, kubelore, project, ROOT, type Run } from './cli-helpers.js';

// hostNetwork without dnsPolicy: dns/host-network-policy has a fix (dnsPolicy: ClusterFirstWithHostNet).
const FIXABLE = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n';
const RULES = ['--no-config-lookup', '--rule', 'dns/host-network-policy: error'];

interface Finding {
  ruleId: string | null;
  severity: number;
  message: string;
}

function findings(run: Run): Map<string, Finding[]> {
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Finding[] }>;
  return new Map(results.map((result) => [result.filePath, result.messages]));
}

function assertCompleted(run: Run): void {
  assert.not.match(run.stderr, /crashed|\n\s+at /, run.stderr);
  const good = findings(run).get('good.yaml');
  assert.ok(good?.some((finding) => finding.ruleId === 'dns/host-network-policy'), `the good file was still linted: ${run.stdout}`);
}

const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/**
 * The CLI the unprivileged user can start: the checkout's bin, or, where that user cannot enter the
 * checkout (a clone under `mktemp -d`, whose folder is 0700), a copy of the bundle in a folder it can.
 */
function unprivilegedBin(): string {
  const probe = spawnSync('setpriv', [...NOBODY, process.execPath, '-e', `require('node:fs').accessSync(${JSON.stringify(BIN)})`]);
  if (probe.status === 0) return BIN;
  const copy = mkdtempSync(join(tmpdir(), 'kubelore-bundle-'));
  chmodSync(copy, 0o755);
  // Not its code caches: the copy runs as it would when freshly installed.
  cpSync(join(ROOT, 'dist'), copy, { recursive: true, filter: (path) => !basename(path).startsWith('.kubelore-') });
  return join(copy, 'bin.mjs');
}

/** Runs the CLI as an unprivileged user when this is root (root reads files whatever their mode). */
function kubeloreUnprivileged(args: string[], cwd: string): Run {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? [...NOBODY, process.execPath, unprivilegedBin()] : [BIN];
  const result = spawnSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a named pipe, a character device and a loop of symbolic links named on the command line: findings, no hang', () => {
  const dir = project({ 'good.yaml': FIXABLE });
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
  symlinkSync('loop.yaml', join(dir, 'loop.yaml'));
  const run = kubelore(['good.yaml', 'pipe.yaml', '/dev/zero', 'loop.yaml', '-f', 'json', ...RULES], { cwd: dir });
  assert.is(run.status, 1, run.stderr);
  assertCompleted(run);
  const found = findings(run);
  assert.equal(found.get('pipe.yaml')!.map((f) => [f.ruleId, f.message]), [[null, 'Not a regular file (a named pipe (FIFO)): not read. Name manifest files or folders.']]);
  const device = [...found.entries()].find(([path]) => path.endsWith('dev/zero'))!;
  assert.equal(device[1].map((f) => f.message), ['Not a regular file (a character device): not read. Name manifest files or folders.']);
  assert.equal(found.get('loop.yaml')!.map((f) => [f.ruleId, f.message]), [[null, 'File could not be read: a loop of symbolic links.']]);
});

test('a file over 2 GiB (sparse): an input-limit finding from its size, not read; raised limits say what cannot be read', () => {
  const dir = project({ 'good.yaml': FIXABLE, 'huge.yaml': '' });
  truncateSync(join(dir, 'huge.yaml'), 3 * 2 ** 30);
  const run = kubelore(['.', '-f', 'json', ...RULES], { cwd: dir });
  assert.is(run.status, 1, run.stderr);
  assertCompleted(run);
  assert.equal(findings(run).get('huge.yaml')!.map((f) => [f.ruleId, f.message]), [
    ['kubelore/input-limit', 'File is 3221225472 bytes, over the limit of 67108864 characters (setting maxFileSize); not read.'],
  ]);
  writeFileSync(join(dir, 'kubelore.config.json'), JSON.stringify(['kubelore:recommended', { settings: { maxFileSize: 2 ** 32 } }]));
  const raised = kubelore(['.', '-f', 'json'], { cwd: dir });
  assert.equal(findings(raised).get('huge.yaml')!.map((f) => f.message), ['File is 3221225472 bytes, more than can be read at once (2 GiB); not read.']);
});

test('size limits set per folder: each file is read with its own config\'s limit, whichever file came before', () => {
  const dir = project({ 'a.yaml': FIXABLE, 'big/b.yaml': FIXABLE, 'c.yaml': FIXABLE, 'big/d.yaml': FIXABLE });
  // Under a quarter of the file's size: refused from its size, before it is read (file-io.ts).
  const limit = Math.floor(FIXABLE.length / 5);
  writeFileSync(join(dir, 'kubelore.config.json'), JSON.stringify(['kubelore:recommended', { settings: { maxFileSize: limit } }, { files: ['big/**'], settings: { maxFileSize: 100 * limit } }]));
  const run = kubelore(['.', '-f', 'json', '--no-fold-repeats'], { cwd: dir });
  assert.not.match(run.stderr, /crashed|\n\s+at /, run.stderr);
  const over = `File is ${FIXABLE.length} bytes, over the limit of ${limit} characters (setting maxFileSize); not read.`;
  const found = findings(run);
  for (const file of ['a.yaml', 'c.yaml']) assert.equal(found.get(file)!.map((f) => f.message), [over], file);
  for (const file of ['big/b.yaml', 'big/d.yaml']) assert.ok(!found.get(file)!.some((f) => f.ruleId === 'kubelore/input-limit'), file);
});

test('files read one after another through one read buffer: each its own bytes, larger and smaller, text or not', () => {
  // file-io.ts reads every file into the same buffer: a file after a larger one, a file larger than the
  // buffer, and a file that is not UTF-8 between two that are must each be linted as written.
  const named = (name: string, extra = '') => FIXABLE.replace('name: p', `name: ${name}`).replace('metadata:\n', `metadata:\n${extra}`);
  const dir = project({
    'a.yaml': named('pod-a'),
    'b.yaml': named('pod-b', `  annotations:\n    big: "${'x'.repeat(3 << 20)}"\n`),
    'c.yaml': '',
    'd.yaml': named('pod-d'),
  });
  writeFileSync(join(dir, 'c.yaml'), Buffer.concat([Buffer.from(named('pod-c')), Buffer.from([0xc3, 0x28, 0x0a])]));
  const run = kubelore(['.', '-f', 'json', '--no-fold-repeats', ...RULES], { cwd: dir });
  assert.not.match(run.stderr, /crashed|\n\s+at /, run.stderr);
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<Finding & { resource?: { name: string } }> }>;
  const names = Object.fromEntries(results.map((result) => [result.filePath, [...new Set(result.messages.map((message) => message.resource?.name ?? message.message))]]));
  assert.equal(names, {
    'a.yaml': ['pod-a'],
    'b.yaml': ['pod-b'],
    'c.yaml': ['File is not valid UTF-8 (first invalid byte at line 11, column 1, offset 165); Kubernetes manifests must be UTF-8.'],
    'd.yaml': ['pod-d'],
  });
});

test('an unreadable file and an unreadable folder: findings on their paths; the rest is linted', () => {
  const dir = project({ 'good.yaml': FIXABLE, 'secret.yaml': FIXABLE, 'locked/inner.yaml': FIXABLE, 'open/ok.yaml': FIXABLE, 'open/shut/x.yaml': FIXABLE });
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'secret.yaml'), 0);
  chmodSync(join(dir, 'locked'), 0);
  chmodSync(join(dir, 'open/shut'), 0);
  // Every file holds the same object: --no-fold-repeats keeps each file's own findings.
  const run = kubeloreUnprivileged(['good.yaml', 'secret.yaml', 'locked', 'open', '-f', 'json', '--no-fold-repeats', ...RULES], dir);
  assert.is(run.status, 1, run.stderr);
  assertCompleted(run);
  const found = findings(run);
  assert.equal(found.get('secret.yaml')!.map((f) => [f.ruleId, f.message]), [[null, 'File could not be read: permission denied.']]);
  assert.equal(found.get('locked')!.map((f) => f.message), ['Folder could not be read: permission denied; the files under it were not linted.']);
  assert.equal(found.get('open/shut')!.map((f) => f.message), ['Folder could not be read: permission denied; the files under it were not linted.']);
  assert.ok(found.get('open/ok.yaml')!.length > 0, 'the readable part of a folder with an unreadable subfolder is linted');
});

test('-o to a folder or a full disk: one clear line, exit 2, no stack trace', () => {
  const dir = project({ 'good.yaml': FIXABLE, 'out/keep': '' });
  const folder = kubelore(['good.yaml', '-o', 'out', ...RULES], { cwd: dir });
  assert.is(folder.status, 2);
  assert.is(folder.stderr, 'kubelore: cannot write the report to out: it is a folder.\n');
  if (existsSync('/dev/full')) {
    const full = kubelore(['good.yaml', '-o', '/dev/full', ...RULES], { cwd: dir });
    assert.is(full.status, 2);
    assert.is(full.stderr, 'kubelore: cannot write the report to /dev/full: no space left on the device.\n');
  }
});

test('--fix on a read-only file: a fix-not-written finding, the file unchanged; the other file is fixed', () => {
  const dir = project({ 'good.yaml': FIXABLE, 'readonly.yaml': FIXABLE });
  chmodSync(join(dir, 'readonly.yaml'), 0o444);
  const run = kubelore(['.', '--fix', '-f', 'json', ...RULES], { cwd: dir });
  assert.is(run.status, 1, run.stderr);
  assert.not.match(run.stderr, /crashed|\n\s+at /);
  assert.equal(findings(run).get('readonly.yaml')!.filter((f) => f.ruleId === 'kubelore/fix-not-written').map((f) => [f.ruleId, f.severity, f.message]), [
    ['kubelore/fix-not-written', 2, 'Fixes not written: the file is read-only. The file is unchanged.'],
  ]);
  assert.is(readFileSync(join(dir, 'readonly.yaml'), 'utf8'), FIXABLE);
  assert.match(readFileSync(join(dir, 'good.yaml'), 'utf8'), /dnsPolicy: ClusterFirstWithHostNet/);
});

test('--fix writes atomically: no temporary file left, mode kept, a symbolic link still a link to the fixed file', () => {
  const dir = project({ 'real/target.yaml': FIXABLE });
  chmodSync(join(dir, 'real/target.yaml'), 0o640);
  symlinkSync('real/target.yaml', join(dir, 'link.yaml'));
  const run = kubelore(['link.yaml', '--fix', ...RULES], { cwd: dir });
  assert.is(run.status, 1, run.stdout + run.stderr);
  assert.not.match(run.stdout, /host-network-policy/);
  assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink());
  assert.match(readFileSync(join(dir, 'real/target.yaml'), 'utf8'), /dnsPolicy: ClusterFirstWithHostNet/);
  assert.is(statSync(join(dir, 'real/target.yaml')).mode & 0o777, 0o640);
  assert.equal(readdirSync(join(dir, 'real')), ['target.yaml']);
  assert.equal(readdirSync(dir).sort(), ['link.yaml', 'real']);
});

test('a file edited while kubelore ran is not overwritten: a warning, the edit kept; unchanged files are written', async () => {
  const dir = project({ 'edited.yaml': FIXABLE, 'other.yaml': FIXABLE });
  mkdirSync(join(dir, 'x'));
  const engine = new Kubelore({ cwd: dir, configLookup: false, overrideConfig: { rules: { 'dns/host-network-policy': 'error' } }, fix: true });
  const results = await engine.lintFiles(['.']);
  const edit = `${FIXABLE}# saved by an editor meanwhile\n`;
  writeFileSync(join(dir, 'edited.yaml'), edit);
  await Kubelore.outputFixes(results, dir);
  assert.is(readFileSync(join(dir, 'edited.yaml'), 'utf8'), edit);
  assert.match(readFileSync(join(dir, 'other.yaml'), 'utf8'), /dnsPolicy: ClusterFirstWithHostNet/);
  const edited = results.find((result) => result.filePath === 'edited.yaml')!;
  assert.equal(edited.messages.filter((m) => m.ruleId === 'kubelore/fix-not-written').map((m) => [m.severity, m.message]), [
    [1, 'Fixes not written: the file changed since kubelore read it; lint it again to fix it. The file is unchanged.'],
  ]);
  assert.is(edited.warningCount >= 1, true);
});

test.run();
