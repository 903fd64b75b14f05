// The committed single-file bundle (dist/, issue 18) is what the sources build, and runs on its own:
// copied to a folder with no node_modules anywhere above it, it lints (schema data included), explains
// rules (pages included) and serves the library.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const DIST = join(ROOT, 'dist');

test('the committed dist/ is what scripts/bundle.mjs builds from the sources (else: run `pnpm run bundle`)', () => {
  const out = mkdtempSync(join(tmpdir(), 'kubelore-bundle-'));
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    const built = readdirSync(out).sort();
    assert.equal(existsSync(DIST) ? readdirSync(DIST).sort() : [], built, 'dist/ holds the files the bundle script writes: run `pnpm run bundle` and commit dist/');
    const stale = built.filter((file) => !readFileSync(join(out, file)).equals(readFileSync(join(DIST, file))));
    assert.equal(stale, [], `dist/ is out of date with the sources (${stale.join(', ')}): run \`pnpm run bundle\` and commit dist/`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the bundle is self-contained: it runs from a folder with no node_modules above it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bundle-alone-'));
  for (let folder = dir; dirname(folder) !== folder; folder = dirname(folder)) assert.not.ok(existsSync(join(folder, 'node_modules')), `${folder} has node_modules`);
  try {
    cpSync(DIST, join(dir, 'kubelore'), { recursive: true });
    mkdirSync(join(dir, 'deploy'));
    writeFileSync(join(dir, 'deploy/api.yaml'), SERVED_DEPLOYMENT.replace('    spec:\n', '    spec:\n      bogusField: 1\n'));
    const bin = join(dir, 'kubelore/bin.mjs');
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const version = run(['--version']);
    assert.is(version.stdout, `${(JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version}\n`, version.stderr);
    const lint = run(['deploy', '-f', 'json']);
    assert.is(lint.status, 1, lint.stderr);
    const ids = (JSON.parse(lint.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0]!.messages.map((m) => m.ruleId);
    assert.ok(ids.includes('schema/valid'), 'the schema data is inside the bundle');
    assert.ok(ids.includes('termination/prestop-delay'));
    assert.match(run(['--explain', 'termination/prestop-delay']).stdout, /^# termination\/prestop-delay\n[\s\S]*## Incorrect/, 'rule pages are inside the bundle');
    assert.match(run(['--explain', 'kubelore/not-a-resource']).stdout, /^# kubelore\/not-a-resource\n/);
    const sarif = JSON.parse(run(['deploy', '-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { markdown: string } }> } } }> };
    assert.match(sarif.runs[0]!.tool.driver.rules.find((rule) => rule.id === 'schema/valid')!.help.markdown, /## Incorrect/);
    const library = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { Kubelore } from ${JSON.stringify(join(dir, 'kubelore/kubelore.mjs'))}; const k = new Kubelore({ cwd: process.cwd() }); const r = await k.lintText(${JSON.stringify(SERVED_DEPLOYMENT)}, { filePath: 'a.yaml' }); console.log((await k.loadFormatter('json')).format(r));`],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.is(library.status, 0, library.stderr);
    assert.ok((JSON.parse(library.stdout) as Array<{ errorCount: number }>)[0]!.errorCount > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the root package runs the bundle: name, version of the CLI, bin, and only dist/ packed', () => {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; files: string[]; private: boolean };
  const cli = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
  assert.is(root.version, cli.version, 'the root (what pre-commit installs) has the version of the CLI it bundles');
  assert.equal(root.bin, { kubelore: './dist/bin.mjs' });
  assert.equal(root.files, ['dist/']);
  assert.is(root.private, true, 'the root is packed by pre-commit, never published');
  assert.match(readFileSync(join(DIST, 'bin.mjs'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test.run();
