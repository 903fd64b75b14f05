import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HELP } from '../packages/cli/src/args.js';
import { runCli } from '../packages/cli/src/cli.js';
import { kubelore, project, ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 8080}]\n';
const PRESTOP = 'termination/prestop-delay';
const ids = (stdout: string) => (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; severity: number }> }>).flatMap((r) => r.messages.map((m) => `${r.filePath} ${m.ruleId} ${m.severity}`));

test('--ignore-pattern skips files in folders; a named ignored file gets a warning unless --no-warn-ignored; --no-ignore lints all', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'vendor/x.yaml': SERVED_DEPLOYMENT, 'kubelore.config.yaml': "- kubelore:recommended\n- ignores: ['generated/**']\n", 'generated/y.yaml': SERVED_DEPLOYMENT });
  assert.equal(ids(kubelore(['.', '-f', 'json', '--ignore-pattern', 'vendor/**'], { cwd: dir }).stdout), [`api.yaml ${PRESTOP} 2`]);
  const named = kubelore(['vendor/x.yaml', '--ignore-pattern', 'vendor/**'], { cwd: dir });
  assert.is(named.status, 0);
  assert.is(
    named.stdout,
    '\nvendor/x.yaml\n  1:1  warning  File ignored because of a matching ignore pattern. Use "--no-warn-ignored" to suppress this warning.  \n\n✖ 1 problem (0 errors, 1 warning)\n',
  );
  const quiet = kubelore(['vendor/x.yaml', 'generated/y.yaml', '--ignore-pattern', 'vendor/**', '--no-warn-ignored'], { cwd: dir });
  assert.equal([quiet.status, quiet.stdout], [0, '']);
  // The three files hold the same Deployment: without --no-fold-repeats its finding would be listed once.
  const all = kubelore(['.', '-f', 'json', '--ignore-pattern', 'vendor/**', '--no-ignore', '--no-fold-repeats'], { cwd: dir });
  assert.equal(ids(all.stdout), [`api.yaml ${PRESTOP} 2`, `generated/y.yaml ${PRESTOP} 2`, `vendor/x.yaml ${PRESTOP} 2`]);
});

test('--no-inline-config: disable comments and ignore annotations do nothing, and stderr says how many', () => {
  const annotated = SERVED_DEPLOYMENT.replace('  name: api\n', `  name: api\n  annotations: {kubelore.dev/ignore: ${PRESTOP}}\n`);
  const dir = project({ 'a.yaml': `# kubelore-disable ${PRESTOP}\n${SERVED_DEPLOYMENT}`, 'b.yaml': annotated.replace('name: api', 'name: b') });
  const normal = kubelore(['.'], { cwd: dir });
  assert.equal([normal.status, normal.stdout, normal.stderr], [0, '', '']);
  const strict = kubelore(['.', '-f', 'json', '--no-inline-config'], { cwd: dir });
  assert.is(strict.status, 1);
  assert.equal(ids(strict.stdout), [`a.yaml ${PRESTOP} 2`, `b.yaml ${PRESTOP} 2`]);
  assert.is(strict.stderr, 'kubelore: warning: --no-inline-config: 2 disable comments and ignore annotations were not applied.\n');
});

test('--report-unused-disable-directives-severity off|warn|error', () => {
  const dir = project({ 'a.yaml': `# kubelore-disable-next-line ${PRESTOP}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n` });
  assert.equal(ids(kubelore(['a.yaml', '-f', 'json', '--report-unused-disable-directives-severity', 'error'], { cwd: dir }).stdout), ['a.yaml kubelore/unused-directive 2']);
  assert.is(kubelore(['a.yaml', '--report-unused-disable-directives-severity', 'error'], { cwd: dir }).status, 1);
  assert.equal(ids(kubelore(['a.yaml', '-f', 'json', '--report-unused-disable-directives-severity', 'warn'], { cwd: dir }).stdout), ['a.yaml kubelore/unused-directive 1']);
  assert.equal(ids(kubelore(['a.yaml', '-f', 'json', '--report-unused-disable-directives-severity', 'off', '--preset', 'strict'], { cwd: dir }).stdout), []);
  const bad = kubelore(['a.yaml', '--report-unused-disable-directives-severity', 'loud'], { cwd: dir });
  assert.equal([bad.status, bad.stderr], [2, 'kubelore: --report-unused-disable-directives-severity must be off, warn or error, not "loud".\n']);
  const both = kubelore(['a.yaml', '--report-unused-disable-directives', '--report-unused-disable-directives-severity', 'warn'], { cwd: dir });
  assert.equal([both.status, both.stderr], [2, 'kubelore: --report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together.\n']);
});

test('no pattern lints "."; --pass-on-no-patterns exits 0 without linting', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE });
  const run = kubelore(['-f', 'json'], { cwd: dir });
  assert.is(run.status, 1);
  assert.equal(ids(run.stdout), [`api.yaml ${PRESTOP} 2`]);
  const pass = kubelore(['--pass-on-no-patterns'], { cwd: dir });
  assert.equal([pass.status, pass.stdout, pass.stderr], [0, '', '']);
  assert.is(kubelore(['api.yaml', '--pass-on-no-patterns'], { cwd: dir }).status, 1, 'a pattern given is linted');
});

test('what an ESLint user types: id:off, --max-warnings -1, did you mean, --quiet and --max-warnings', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE });
  assert.is(kubelore(['.', '--rule', `${PRESTOP}:off`], { cwd: dir }).status, 0);
  assert.is(kubelore(['.', '--rule', `${PRESTOP}:[warn, {minDelaySeconds: 3}]`, '-f', 'json'], { cwd: dir }).status, 0);
  const noLimit = kubelore(['.', '--rule', `${PRESTOP}:warn`, '--max-warnings', '-1'], { cwd: dir });
  assert.is(noLimit.status, 0, noLimit.stderr);
  const flag = kubelore(['--max-warning', '3'], { cwd: dir });
  assert.equal([flag.status, flag.stderr], [2, 'kubelore: Unknown option \'--max-warning\'. Did you mean "--max-warnings"?\nRun "kubelore --help" for usage.\n']);
  const far = kubelore(['--frobnicate'], { cwd: dir });
  assert.is(far.stderr, "kubelore: Unknown option '--frobnicate'.\nRun \"kubelore --help\" for usage.\n");
  const rule = kubelore(['.', '--rule', 'termination/prestop-dealy: error'], { cwd: dir });
  assert.equal([rule.status, rule.stderr], [2, 'kubelore: Could not find rule "termination/prestop-dealy": is its plugin in "plugins"? Did you mean "termination/prestop-delay"?\n']);
  const explain = kubelore(['--explain', 'termination/prestop-dela'], { cwd: dir });
  assert.equal([explain.status, explain.stderr], [2, 'kubelore: unknown rule "termination/prestop-dela". Did you mean "termination/prestop-delay"? Run "kubelore --list-rules" to see them all.\n']);
  // --quiet hides the warning, so it does not count against --max-warnings (ESLint 9).
  assert.is(kubelore(['.', '--rule', `${PRESTOP}:warn`, '--max-warnings', '0'], { cwd: dir }).status, 1);
  assert.is(kubelore(['.', '--rule', `${PRESTOP}:warn`, '--max-warnings', '0', '--quiet'], { cwd: dir }).status, 0);
});

test('colour: FORCE_COLOR=0 and TERM=dumb turn it off on a TTY; FORCE_COLOR=1 turns it on', async () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE });
  const run = async (env: Record<string, string>) => {
    let out = '';
    await runCli(['.'], { cwd: dir, stdout: (text) => (out += text), stderr: () => {}, readStdin: async () => '', isTTY: true, env });
    return /\x1b\[/.test(out);
  };
  assert.is(await run({}), true);
  assert.is(await run({ FORCE_COLOR: '0' }), false);
  assert.is(await run({ TERM: 'dumb' }), false);
  assert.is(await run({ TERM: 'dumb', FORCE_COLOR: '1' }), true);
});

test('several config files in one folder: one clear error', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT, 'kubelore.config.yaml': '- kubelore:recommended\n', 'kubelore.config.json': '["kubelore:strict"]' });
  const run = kubelore(['.'], { cwd: dir });
  assert.is(run.status, 2);
  assert.is(run.stderr, `kubelore: Found 2 config files in ${dir}: kubelore.config.json, kubelore.config.yaml. Keep one (kubelore would not know which to use), or pick one with -c.\n`);
  assert.is(kubelore(['.', '-c', 'kubelore.config.yaml'], { cwd: dir }).status, 1);
});

test('defineConfig and globalIgnores in kubelore.config.mjs', () => {
  const index = JSON.stringify(join(ROOT, 'packages/cli/dist/index.js'));
  const config = `import { defineConfig, globalIgnores } from ${index};\nexport default defineConfig(globalIgnores(['skip/**']), ['kubelore:recommended', [{ rules: { '${PRESTOP}': 'warn' } }]]);\n`;
  const dir = project({ 'kubelore.config.mjs': config, 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE, 'skip/a.yaml': SERVED_DEPLOYMENT });
  assert.equal(ids(kubelore(['.', '-f', 'json'], { cwd: dir }).stdout), [`api.yaml ${PRESTOP} 1`]);
});

test('kubelore.config.ts: through jiti when installed; without it, a clear error on Node without type stripping', () => {
  const config = `import type { ConfigObject } from 'kubelore';\nconst rules: ConfigObject = { rules: { '${PRESTOP}': 'warn' } };\nexport default ['kubelore:recommended', rules];\n`;
  const dir = project({ 'kubelore.config.ts': config, 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE });
  const native = Boolean((process.features as { typescript?: unknown }).typescript);
  if (!native) {
    const missing = kubelore(['.'], { cwd: dir });
    assert.is(missing.status, 2);
    assert.match(missing.stderr, /^kubelore: Could not load config file .*kubelore\.config\.ts: Node\.js v\d+\.\d+\.\d+ cannot strip TypeScript types itself\. Install jiti \(npm install --save-dev jiti\), use Node\.js 22\.18 or later, or write kubelore\.config\.mjs\.\n$/);
  }
  // A stand-in for jiti 2 (createJiti().import): TypeScript's own transpiler, from this repository.
  const typescript = JSON.stringify(join(ROOT, 'node_modules/typescript/lib/typescript.js'));
  mkdirSync(join(dir, 'node_modules/jiti'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/jiti/package.json'), '{"name": "jiti", "version": "2.0.0", "main": "index.cjs"}');
  writeFileSync(
    join(dir, 'node_modules/jiti/index.cjs'),
    `const ts = require(${typescript}); const fs = require('fs'); const url = require('url');
exports.createJiti = () => ({ import: async (path) => {
  const js = ts.transpileModule(fs.readFileSync(path, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const out = path.replace(/\\.ts$/, '.jiti-test.mjs'); fs.writeFileSync(out, js);
  return (await import(url.pathToFileURL(out).href)).default;
} });\n`,
  );
  const run = kubelore(['api.yaml', 'svc.yaml', '-f', 'json'], { cwd: dir });
  assert.is(run.status, 0, run.stderr);
  assert.equal(ids(run.stdout), [`api.yaml ${PRESTOP} 1`]);
});

test('--env-info prints versions; --debug says which config, plugins and files were used', () => {
  const info = kubelore(['--env-info']);
  assert.is(info.status, 0);
  assert.match(info.stdout, new RegExp(`^Environment Info:\\n\\nNode version: ${process.version.replace(/\./g, '\\.')}\\nkubelore version: v\\d+\\.\\d+\\.\\d+\\nPackages:\\n(  @kubelore/[a-z-]+: \\d+\\.\\d+\\.\\d+\\n){8}Operating System: .+\\n$`));
  const dir = project({ 'kubelore.config.yaml': '- kubelore:recommended\n', 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  const run = kubelore(['.', '--debug'], { cwd: dir });
  assert.is(run.status, 0);
  assert.is(run.stdout, '');
  assert.is(
    run.stderr,
    [
      'kubelore:debug config file: kubelore.config.yaml',
      'kubelore:debug plugins: termination (termination 0.1.0), scheduling (scheduling 0.1.0), credentials (credentials 0.1.0), dns (dns 0.1.0), schema (schema 0.1.0), references (references 0.1.0)',
      'kubelore:debug files linted: 1',
      'kubelore:debug   cm.yaml',
      'kubelore:debug suppressions: kubelore-suppressions.json (none yet)',
      '',
    ].join('\n'),
  );
});

test('--init writes a starter config targeting what the manifests use, and records errors with --suppress', () => {
  const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 1\n  maxReplicas: 1\n';
  const dir = project({ 'deploy/api.yaml': SERVED_DEPLOYMENT, 'deploy/svc.yaml': SERVICE, 'deploy/hpa.yaml': hpa });
  const init = kubelore(['--init'], { cwd: dir });
  assert.is(init.status, 0, init.stderr);
  assert.is(readFileSync(join(dir, 'kubelore.config.yaml'), 'utf8'), [
    '# Written by `kubelore --init`. Rules and their options: https://github.com/kubelore/kubelore/blob/main/docs/rules/README.md',
    '- kubelore:recommended',
    '- settings:',
    '    # Set this to the version of the cluster these manifests are applied to.',
    '    # kubelore --init chose 1.36: every apiVersion found is still served; the newest is autoscaling/v2 HorizontalPodAutoscaler, served since 1.23.',
    '    kubernetesVersion: "1.36"',
    '',
  ].join('\n'));
  const errors = JSON.parse(kubelore(['-f', 'json'], { cwd: dir }).stdout).reduce((sum: number, r: { errorCount: number }) => sum + r.errorCount, 0);
  assert.ok(errors > 0);
  assert.match(init.stdout, new RegExp(`^Wrote kubelore.config.yaml: preset recommended, kubernetesVersion 1.36 \\(3 objects in 3 files\\)\\.\\nkubelore finds ${errors} errors? and \\d+ warnings? in \\d of 3 files\\.\\nNext: fix what you can \\("kubelore --fix"\\), then record the rest with "kubelore --suppress-all" \\(writes kubelore-suppressions.json\\) and commit both files\\.\\n$`));
  const again = kubelore(['--init'], { cwd: dir });
  assert.equal([again.status, again.stderr], [2, 'kubelore: --init: kubelore.config.yaml already exists here; edit it instead.\n']);

  const old = project({ 'pdb.yaml': 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec: {minAvailable: 1, selector: {matchLabels: {app: api}}}\n', 'api.yaml': SERVED_DEPLOYMENT, 'svc.yaml': SERVICE });
  const suppressed = kubelore(['--init', '--suppress', '--preset', 'strict'], { cwd: old });
  assert.is(suppressed.status, 0, suppressed.stderr);
  assert.match(readFileSync(join(old, 'kubelore.config.yaml'), 'utf8'), /- kubelore:strict\n[\s\S]*# kubelore --init chose 1\.24: the newest release that still serves policy\/v1beta1 PodDisruptionBudget\.\n {4}kubernetesVersion: "1\.24"\n/);
  assert.match(suppressed.stdout, /\nRecorded \d+ existing errors? in kubelore-suppressions.json; new ones fail the run\.\nNext: commit kubelore.config.yaml and kubelore-suppressions.json, and run "kubelore" in CI\.\n$/);
  assert.ok(existsSync(join(old, 'kubelore-suppressions.json')));
  const gate = kubelore([], { cwd: old });
  assert.equal([gate.status, gate.stderr], [0, ''], gate.stdout);
  assert.is(kubelore(['--suppress'], { cwd: old }).status, 2);
});

test('--help lists every option', () => {
  const help = kubelore(['--help']).stdout;
  assert.is(help, HELP);
  const source = readFileSync(join(ROOT, 'packages/cli/src/args.ts'), 'utf8') + readFileSync(join(ROOT, 'packages/cli/src/adoption-args.ts'), 'utf8');
  const names = [...source.matchAll(/^ {2}'?([a-z-]+)'?: \{ type: '(?:string|boolean)'/gm)].map((match) => match[1]!);
  assert.ok(names.length > 40, `found ${names.length} options`);
  const missing = names.filter((name) => !new RegExp(`--${name}\\b`).test(help) && !(name.startsWith('no-') && help.includes(`--${name}`)));
  assert.equal(missing, []);
});

test.run();
