// The packages as a user gets them (issue 18): every workspace package packed with `pnpm pack` (which
// rewrites `workspace:*`), the tarballs installed with plain npm into an empty folder outside the
// workspace, then the bin and the library run from there. Third-party dependencies come from the npm
// cache when they are in it, else from the registry.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

// Private packages are not published to npm (the VS Code extension ships as a .vsix).
const PACKAGES = readdirSync(join(ROOT, 'packages'))
  .filter((dir) => (JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as { private?: boolean }).private !== true)
  .sort();

/** The environment without what a pnpm script run adds (npm_config_*, npm_package_*): npm must see a user's shell. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== 'NODE_OPTIONS') env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** pnpm as the test was started with (`pnpm test`), else the version the README pins, through npx. */
function pnpm(args: string[], options: SpawnSyncOptions) {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(execpath)) return spawnSync(process.execPath, [execpath, ...args], { encoding: 'utf8', ...options });
  return spawnSync('npx', ['-y', 'pnpm@10.34.9', ...args], { encoding: 'utf8', ...options });
}

function tarEntries(tarball: string): string[] {
  const run = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean).map((entry) => entry.replace(/^package\//, ''));
}

function tarFile(tarball: string, path: string): string {
  const run = spawnSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.is(run.status, 0, run.stderr);
  return run.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'kubelore-packages-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);
let packed: Map<string, string>;

test('pnpm pack writes one tarball per package, with real versions for workspace dependencies', () => {
  const run = pnpm(['-r', ...PACKAGES.flatMap((dir) => ['--filter', `./packages/${dir}`]), 'pack', '--pack-destination', tarballs], { cwd: ROOT, env: cleanEnv() });
  assert.is(run.status, 0, `${run.stdout}\n${run.stderr}`);
  packed = new Map();
  for (const file of readdirSync(tarballs)) {
    const manifest = JSON.parse(tarFile(join(tarballs, file), 'package.json')) as { name: string };
    packed.set(manifest.name, join(tarballs, file));
  }
  const names = PACKAGES.map((dir) => (JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as { name: string }).name);
  assert.equal([...packed.keys()].sort(), names.sort(), 'a tarball for every package');
  for (const [name, tarball] of packed) {
    const text = tarFile(tarball, 'package.json');
    assert.not.match(text, /workspace:/, `${name}: no workspace: ranges left`);
    const manifest = JSON.parse(text) as { version: string; dependencies?: Record<string, string>; exports: unknown; files: string[] };
    for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
      if (dependency.startsWith('@kubelore/')) assert.is(range, manifest.version, `${name} pins ${dependency} to the release it ships with`);
    }
    const entries = tarEntries(tarball);
    assert.ok(entries.includes('dist/index.js') && entries.includes('dist/index.d.ts'), `${name}: the compiled entry and its types`);
    assert.ok(entries.includes('README.md'), `${name}: a README`);
    assert.equal(entries.filter((entry) => /\.tsbuildinfo$|(^|\/)test\/|\.test\./.test(entry)), [], `${name}: no build state or tests`);
  }
  const cli = packed.get('kubelore')!;
  const cliManifest = JSON.parse(tarFile(cli, 'package.json')) as { bin: Record<string, string>; scripts?: Record<string, string> };
  assert.equal(cliManifest.bin, { kubelore: './bundle/bin.mjs' }, "the packed CLI's bin is the bundle (publishConfig)");
  assert.equal(cliManifest.scripts ?? {}, {}, 'no lifecycle script left in the packed manifest');
  for (const file of ['bundle/bin.mjs', 'bundle/kubelore.mjs', 'bundle/kubelore.cjs', 'bundle/parse-worker.mjs', 'bundle/THIRD-PARTY-LICENSES.txt']) {
    assert.ok(tarEntries(cli).includes(file), `the CLI ships ${file} (written by its prepack script)`);
  }
  assert.equal(tarEntries(cli).filter((entry) => /\.cache$/.test(entry)), [], 'no code cache of the packing machine');
  assert.ok(tarEntries(packed.get('@kubelore/plugin-schema')!).includes('data/definitions.json'), 'the schema data ships with its plugin');
  assert.ok(tarEntries(packed.get('@kubelore/plugin-schema')!).includes('data/definitions-index.json'), 'and its index');
  for (const name of [...packed.keys()].filter((n) => n.includes('plugin-') || n === '@kubelore/core')) {
    assert.ok(tarEntries(packed.get(name)!).some((entry) => /^docs\/rules\/[a-z-]+\.md$/.test(entry)), `${name}: ships its rule pages`);
  }
});

test('npm installs the tarballs into an empty folder and the bin runs from there', () => {
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'user-project', private: true, type: 'module' }, null, 2)}\n`);
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...[...packed.values()].sort()], { cwd: app, encoding: 'utf8', env: cleanEnv() });
  assert.is(install.status, 0, `${install.stdout}\n${install.stderr}`);
  const installed = JSON.parse(readFileSync(join(app, 'node_modules/kubelore/package.json'), 'utf8')) as { version: string };

  const env = cleanEnv({ FORCE_COLOR: '0' });
  const run = (args: string[]) => spawnSync('npx', ['--no-install', 'kubelore', ...args], { cwd: app, encoding: 'utf8', env });
  const bundle = join(app, 'node_modules/kubelore/bundle');
  const caches = () => readdirSync(bundle).filter((name) => /^\.kubelore-.*\.cache$/.test(name));
  assert.equal(caches(), [], 'no code cache before the first run');
  const version = run(['--version']);
  assert.is(version.status, 0, version.stderr);
  assert.is(version.stdout, `${installed.version}\n`);
  assert.is(caches().length, 1, 'the first run writes the code cache beside the bundle');

  mkdirSync(join(app, 'deploy'));
  writeFileSync(join(app, 'deploy/api.yaml'), SERVED_DEPLOYMENT);
  const lint = run(['deploy']);
  assert.is(lint.status, 1, lint.stderr);
  assert.match(lint.stdout, /deploy\/api\.yaml\n\s+14:11\s+error\s+.*termination\/prestop-delay/);

  const explain = run(['--explain', 'termination/prestop-delay']);
  assert.is(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /^# termination\/prestop-delay\n[\s\S]*## The failure it prevents/, 'the page ships with its plugin');
  assert.match(run(['--explain', 'kubelore/duplicate-key']).stdout, /^# kubelore\/duplicate-key\n/, "the engine's rules have pages too");

  const sarif = JSON.parse(run(['deploy', '-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { markdown: string }; helpUri?: string }> } } }> };
  for (const rule of sarif.runs[0]!.tool.driver.rules) {
    assert.match(rule.help.markdown, /## Incorrect/, `${rule.id}: SARIF help is the rule's page`);
    assert.match(rule.helpUri ?? '', /^https:\/\/github\.com\/kubelore\/kubelore\/blob\/main\/packages\/[a-z-]+\/docs\/rules\/[a-z-]+\.md$/, `${rule.id}: helpUri`);
  }
});

test("a third-party plugin importing the installed @kubelore/core runs under the installed bin", () => {
  mkdirSync(join(app, 'team'));
  writeFileSync(
    join(app, 'team/plugin.mjs'),
    `import { definePlugin, defineRule, joinPointer } from '@kubelore/core';
const named = defineRule({
  meta: { type: 'problem', docs: { description: 'names start with team-', story: 'ownership', recommended: true }, messages: { bad: '{{name}} is not a team- name.' } },
  create: (context) => ({
    '*'(resource) {
      if (!(resource.name ?? '').startsWith('team-')) context.report({ node: resource, pointer: joinPointer(resource.pointer, 'metadata', 'name'), messageId: 'bad', data: { name: resource.name } });
    },
  }),
});
export default definePlugin({ name: 'team', rules: { named } });
`,
  );
  writeFileSync(join(app, 'team/kubelore.config.mjs'), "import team from './plugin.mjs';\nexport default [{ plugins: { team }, rules: { 'team/named': 'error' } }];\n");
  writeFileSync(join(app, 'team/api.yaml'), SERVED_DEPLOYMENT);
  const lint = spawnSync('npx', ['--no-install', 'kubelore', '-f', 'json', 'api.yaml'], { cwd: join(app, 'team'), encoding: 'utf8', env: cleanEnv() });
  assert.is(lint.status, 1, lint.stderr);
  const messages = (JSON.parse(lint.stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number; column: number }> }>)[0]!.messages;
  assert.equal(messages.map((m) => [m.ruleId, m.message, m.line, m.column]), [['team/named', 'api is not a team- name.', 4, 9]]);
});

test('kubelore --lsp finds the language server installed beside it and answers initialize', async () => {
  const server = spawn('npx', ['--no-install', 'kubelore', '--lsp', '--stdio'], { cwd: app, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let output = '';
  let errors = '';
  server.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const answered = await new Promise<boolean>((resolve) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"id":1')) resolve(true);
    });
    server.on('exit', () => resolve(false));
  });
  server.kill();
  assert.ok(answered, errors);
  assert.match(output, '"serverInfo":{"name":"kubelore-language-server"}');
  assert.match(output, '"codeActionKinds":["quickfix","source.fixAll.kubelore"]');
});

test('the library works from the installed packages: lintText and loadFormatter', () => {
  writeFileSync(
    join(app, 'lint.mjs'),
    `import { Kubelore } from 'kubelore';
import { Linter } from '@kubelore/core';
const kubelore = new Kubelore({ cwd: process.cwd() });
const results = await kubelore.lintText(process.argv[2], { filePath: 'rendered/api.yaml' });
const formatter = await kubelore.loadFormatter('stylish');
console.log(formatter.format(results));
console.log(JSON.stringify({ rules: results[0].messages.map((m) => m.ruleId), linter: typeof new Linter().lint }));
`,
  );
  const run = spawnSync(process.execPath, ['lint.mjs', SERVED_DEPLOYMENT], { cwd: app, encoding: 'utf8', env: cleanEnv({ FORCE_COLOR: '0' }) });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /rendered\/api\.yaml\n\s+14:11\s+error/);
  const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as { rules: string[]; linter: string };
  assert.ok(summary.rules.includes('termination/prestop-delay'));
  assert.is(summary.linter, 'function');
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
