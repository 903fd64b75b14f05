// The committed single-file bundle (dist/, issue 18) is what the sources build, and runs on its own:
// copied to a folder with no node_modules anywhere above it, it lints (schema data included), explains
// rules (pages included) and serves the library.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const DIST = join(ROOT, 'dist');
/** The V8 code caches the bundle writes beside itself on a first run (never committed: .gitignore). */
const isCodeCache = (name: string) => /^\.kubelore-.*\.cache$/.test(name);
const distFiles = (folder: string) => readdirSync(folder).filter((name) => !isCodeCache(name)).sort();

test('the committed dist/ is what scripts/bundle.mjs builds from the sources (else: run `pnpm run bundle`)', () => {
  const out = mkdtempSync(join(tmpdir(), 'kubelore-bundle-'));
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    const built = readdirSync(out).sort();
    assert.equal(existsSync(DIST) ? distFiles(DIST) : [], built, 'dist/ holds the files the bundle script writes: run `pnpm run bundle` and commit dist/');
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

test('the bundle keeps a V8 code cache beside itself, and runs the same without it, with a rejected one, or where it cannot write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bundle-cache-'));
  try {
    cpSync(DIST, join(dir, 'kubelore'), { recursive: true, filter: (source) => !isCodeCache(basename(source)) });
    writeFileSync(join(dir, 'api.yaml'), SERVED_DEPLOYMENT.replace('    spec:\n', '    spec:\n      bogusField: 1\n'));
    const run = () => spawnSync(process.execPath, [join(dir, 'kubelore/bin.mjs'), 'api.yaml', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const caches = () => readdirSync(join(dir, 'kubelore')).filter(isCodeCache);
    const first = run();
    assert.is(first.status, 1, first.stderr);
    assert.ok(JSON.parse(first.stdout)[0].messages.length > 0);
    assert.is(caches().length, 1, 'the first run writes the code cache');
    const cache = join(dir, 'kubelore', caches()[0]!);
    assert.match(caches()[0]!, new RegExp(`-${process.versions.v8.replace(/\./g, '\\.')}-${process.arch}\\.cache$`), 'named by V8 version and architecture');
    const second = run();
    assert.equal([second.status, second.stdout, second.stderr], [first.status, first.stdout, first.stderr], 'the same output from the cache');
    // import() from a script compiled from a cache (config files, plugins, formatters) once threw
    // ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING in every run after the first.
    const plugin = spawnSync(process.execPath, [join(dir, 'kubelore/bin.mjs'), 'manifests', '-f', 'json'], { cwd: join(ROOT, 'examples/custom-plugin'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is(plugin.stderr, '', 'the config file and its plugin load from the cache');
    assert.ok((JSON.parse(plugin.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).some((file) => file.messages.some((m) => m.ruleId === 'acme/team-label')), "the plugin's rule ran");
    writeFileSync(cache, 'not a code cache');
    const rejected = run();
    assert.equal([rejected.status, rejected.stdout, rejected.stderr], [first.status, first.stdout, first.stderr], 'the same output when V8 rejects the cache');
    assert.not.equal(readFileSync(cache, 'utf8'), 'not a code cache', 'a rejected cache is written again');
    rmSync(cache);
    mkdirSync(join(cache, 'blocked'), { recursive: true });
    const unwritable = run();
    assert.equal([unwritable.status, unwritable.stdout, unwritable.stderr], [first.status, first.stdout, first.stderr], 'the same output where the cache cannot be read or written');
    assert.equal(readdirSync(join(dir, 'kubelore')).filter((name) => name.startsWith('.kubelore-')), [basename(cache)], 'nothing half-written is left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundle is ASCII: its loader reads it as latin1', () => {
  assert.is(readFileSync(join(DIST, 'kubelore.cjs')).findIndex((byte) => byte > 0x7f), -1);
});

test('a one-file run loads none of the built-in modules only other runs need (crypto, zlib, child_process, worker_threads)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bundle-builtins-'));
  try {
    cpSync(DIST, join(dir, 'kubelore'), { recursive: true, filter: (source) => !isCodeCache(basename(source)) });
    writeFileSync(join(dir, 'api.yaml'), SERVED_DEPLOYMENT);
    writeFileSync(join(dir, 'loaded.cjs'), 'process.on("exit", () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n');
    const loaded = (format: string) => {
      const run = spawnSync(process.execPath, ['--require', join(dir, 'loaded.cjs'), join(dir, 'kubelore/bin.mjs'), 'api.yaml', '-f', format], { cwd: dir, encoding: 'utf8' });
      assert.is(run.status, 1, run.stderr);
      return (JSON.parse(run.stderr) as string[]).filter((name) => /^NativeModule (crypto|zlib|child_process|worker_threads)$/.test(name));
    };
    loaded('stylish'); // the first run writes the code cache (the main thread's, so it loads worker_threads)
    assert.equal(loaded('stylish'), []);
    assert.equal(loaded('json'), []);
    assert.equal(loaded('sarif'), ['NativeModule crypto', 'NativeModule zlib'], 'SARIF fingerprints and measures its size');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the code cache written after a run that went through full collections still holds what ran at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-bundle-flush-'));
  try {
    cpSync(DIST, join(dir, 'kubelore'), { recursive: true, filter: (source) => !isCodeCache(basename(source)) });
    writeFileSync(join(dir, 'api.yaml'), SERVED_DEPLOYMENT);
    // A long first run (many full collections) in a few milliseconds: collections forced at exit, before
    // the cache is written, with V8 told to flush all bytecode it may flush at each of them.
    writeFileSync(join(dir, 'collect.cjs'), 'process.on("exit", () => { for (let i = 0; i < 8; i++) globalThis.gc(); });\n');
    const cacheSize = (flags: string[]) => {
      for (const name of readdirSync(join(dir, 'kubelore')).filter(isCodeCache)) rmSync(join(dir, 'kubelore', name));
      const run = spawnSync(process.execPath, [...flags, join(dir, 'kubelore/bin.mjs'), 'api.yaml', '-f', 'json'], { cwd: dir, encoding: 'utf8' });
      assert.is(run.status, 1, run.stderr);
      const [cache] = readdirSync(join(dir, 'kubelore')).filter(isCodeCache);
      return readFileSync(join(dir, 'kubelore', cache!)).length;
    };
    const plain = cacheSize([]);
    const collected = cacheSize(['--expose-gc', '--stress-flush-code', '--require', join(dir, 'collect.cjs')]);
    // With flushing on, the collections dropped three quarters of it (the bundle's top level included).
    assert.ok(collected > plain * 0.9, `cache after collections ${collected} bytes, without ${plain}`);
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
