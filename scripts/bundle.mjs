#!/usr/bin/env node
// Builds the single-file bundle of kubelore that is committed under dist/ (as GitHub Actions and
// pre-commit mirrors are): every dependency inlined, the schema data and the built-in rule pages
// included, nothing read from node_modules at run time. Run through `pnpm run bundle` (which builds the
// packages first); test/bundle.test.ts rebuilds it into a temporary folder and fails when it differs.
//
//   dist/kubelore.cjs               the bundle, CommonJS: the `kubelore` library, plus main() and runAction()
//   dist/kubelore.mjs               loads kubelore.cjs through a V8 code cache (see bundle-loader.mjs) and
//                                   re-exports it: what the library's users, bin.mjs and action.mjs import
//   dist/bin.mjs                    the command (the root package's bin, what pre-commit installs)
//   dist/action.mjs                 the GitHub Action's entry (action.yml, runs.using: node20)
//   dist/parse-worker.mjs           where --concurrency's worker threads start
//   dist/THIRD-PARTY-LICENSES.txt   the licences of the bundled packages
//
// The `kubelore` npm package's bin is the same bundle: its prepack script writes it to packages/cli/bundle/
// (not committed), and its publishConfig names bundle/bin.mjs as the bin, so a user's `npx kubelore` or
// lint-staged run starts from a code cache too. In the workspace, bin/kubelore.js runs the compiled modules.
//
// Usage: node scripts/bundle.mjs [--outdir DIR]
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--outdir');
// DIR is taken from the working directory (the CLI package's prepack passes `bundle`).
const OUT = outIndex === -1 ? join(ROOT, 'dist') : resolve(process.argv[outIndex + 1]);
const posix = (path) => path.split(sep).join('/');

const { corePlugin } = await import('../packages/core/dist/index.js');
const { builtinPlugins } = await import('../packages/cli/dist/index.js');
const cliVersion = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version;

/** Every built-in rule page, by rule id, from where each plugin says its pages are. */
function rulePages() {
  const pages = {};
  for (const [prefix, plugin] of Object.entries({ kubelore: corePlugin, ...builtinPlugins })) {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      if (!rule.meta.docs.page) throw new Error(`${prefix}/${name} has no page`);
      pages[`${prefix}/${name}`] = readFileSync(fileURLToPath(rule.meta.docs.page), 'utf8');
    }
  }
  return Object.fromEntries(Object.entries(pages).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Replaces `pattern` in a module's text, and fails the build when the module no longer has it. */
function rewrite(text, file, pattern, replacement, expected) {
  let count = 0;
  const result = text.replace(pattern, (...match) => {
    count++;
    return typeof replacement === 'function' ? replacement(...match) : replacement;
  });
  if (count !== expected) throw new Error(`bundle: expected ${expected} match(es) of ${pattern} in ${file}, found ${count}; update scripts/bundle.mjs`);
  return result;
}

/** What the bundle needs that `import` alone would not carry: data read through the file system. */
const inlineAssets = {
  name: 'kubelore-inline-assets',
  setup(context) {
    context.onResolve({ filter: /^kubelore:(entry|pages)$/ }, (args) => ({ path: args.path, namespace: 'kubelore' }));
    context.onLoad({ filter: /.*/, namespace: 'kubelore' }, (args) => {
      if (args.path === 'kubelore:pages') return { contents: JSON.stringify(rulePages()), loader: 'json' };
      return {
        resolveDir: ROOT,
        loader: 'js',
        contents: [
          "import pages from 'kubelore:pages';",
          "import { useEmbeddedPages } from './packages/cli/dist/info.js';",
          'useEmbeddedPages(pages);',
          "export * from './packages/cli/dist/index.js';",
          "export { main } from './packages/cli/dist/main.js';",
          "export { actionArgs, actionInput, runAction, summaryMarkdown } from './packages/cli/dist/action.js';",
          "export { runParseWorker } from './packages/cli/dist/parse-worker.js';",
          '',
        ].join('\n'),
      };
    });
    // The version is read from package.json beside the compiled code: the bundle has it as a constant.
    context.onLoad({ filter: /packages[\\/]cli[\\/]dist[\\/]version\.js$/ }, () => ({ contents: `export const VERSION = ${JSON.stringify(cliVersion)};\n`, loader: 'js' }));
    // The schema data is read on first use (readData); inline the files as text, still parsed on first use.
    context.onLoad({ filter: /packages[\\/]plugin-schema[\\/]dist[\\/]data\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      const imports = [];
      text = rewrite(text, args.path, /^const readData = .*$/m, '', 1);
      text = rewrite(text, args.path, /readData\('([\w-]+)\.json'\)/g, (_, name) => {
        const binding = `__kubeloreData_${name.replace(/-/g, '_')}`;
        imports.push(`import ${binding} from '../data/${name}.json?text';`);
        return binding;
      }, 3);
      return { contents: `${imports.join('\n')}\n${text}`, loader: 'js' };
    });
    // core imports ajv (an ES module cannot load one synchronously later, and options are validated
    // synchronously), but builds it only for a rule given options. The bundle is CommonJS, so there ajv's
    // modules are loaded there too, on first use, not at start-up.
    context.onLoad({ filter: /packages[\\/]core[\\/]dist[\\/]config\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      text = rewrite(text, args.path, /^import \{ Ajv \} from 'ajv';$/m, '', 1);
      text = rewrite(text, args.path, /new Ajv\(/g, "new (require('ajv').Ajv)(", 1);
      return { contents: text, loader: 'js' };
    });
    // --concurrency's workers start from the bundle's own worker entry, written beside it below.
    context.onLoad({ filter: /packages[\\/]cli[\\/]dist[\\/]concurrency\.js$/ }, (args) => ({
      contents: rewrite(readFileSync(args.path, 'utf8'), args.path, /new URL\('\.\/parse-worker-entry\.js', import\.meta\.url\)/g, "new URL('./parse-worker.mjs', import.meta.url)", 1),
      loader: 'js',
    }));
    // Named relative to the repository: esbuild writes the name into the bundle, which must not depend on
    // where the repository is checked out.
    context.onResolve({ filter: /\?text$/ }, (args) => ({ path: posix(relative(ROOT, join(args.resolveDir, args.path.slice(0, -'?text'.length)))), namespace: 'kubelore-text' }));
    context.onLoad({ filter: /.*/, namespace: 'kubelore-text' }, (args) => ({ contents: readFileSync(join(ROOT, args.path), 'utf8'), loader: 'text' }));
  },
};

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: [{ in: 'kubelore:entry', out: 'kubelore' }],
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  // CommonJS, not an ES module: Node 20 can cache a script's compiled code (vm.Script's cachedData) but
  // not a module's, and compiling the bundle is most of a small run's start-up.
  format: 'cjs',
  target: 'node20',
  // The sources are ES modules and use import.meta.url (to find package.json, pages, jiti); in the
  // CommonJS bundle it is the bundle's own URL, as it was in the ESM bundle.
  define: { 'import.meta.url': '__kubeloreImportMetaUrl' },
  banner: { js: 'var __kubeloreImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: 'eof',
  // ASCII (other characters escaped): a source with any other character is a two-byte string in V8,
  // twice the bytes to read, decode and scan for each function compiled at run time.
  charset: 'ascii',
  metafile: true,
  write: false,
  logLevel: 'warning',
  plugins: [inlineAssets],
});

/**
 * esbuild's ASCII charset leaves some characters as they are (in comments and regular expression
 * literals); `\uXXXX` means the same character there, as in strings and identifiers.
 */
const escapeNonAscii = (text) => text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

mkdirSync(OUT, { recursive: true });
// V8 drops a script's host-defined options when it compiles it from a code cache (Node 20), and then
// import() inside it throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: a config file, plugin or formatter
// could not be loaded from the second run on. So the bundle's import() calls (those of user files and
// packages, which esbuild leaves as they are) go through a function the loader hands in (an ES module's
// own import()); loaded with plain require(), the bundle falls back to its own import(). The fallback is
// written on the banner's line, after the rewrite, so line numbers stay as esbuild wrote them.
const routeImports = (text, file) =>
  `var __kubeloreImport = module.importModule || ((specifier) => import(specifier)); ${rewrite(text, file, /(?<![\w$.])import\(/g, '__kubeloreImport(', 5)}`;
const outputs = result.outputFiles.map((file) => ({ path: file.path, contents: Buffer.from(file.path.endsWith('.cjs') ? escapeNonAscii(routeImports(file.text, file.path)) : file.contents) }));
// The loader reads the bundle as latin1 (bundle-loader.mjs), which is only right for ASCII.
if (outputs.some((file) => file.path.endsWith('.cjs') && file.contents.some((byte) => byte > 0x7f))) throw new Error('bundle: dist/kubelore.cjs is not ASCII');
for (const file of outputs) writeFileSync(file.path, file.contents);

const HEADER = '// Generated by scripts/bundle.mjs (`pnpm run bundle`); do not edit.\n';
// The ES module facade: the loader, told which bundle it loads (its hash names the code cache, so a
// cache is never used with another build) and what to re-export (the bundle's own export names).
const bundle = outputs.find((file) => file.path.endsWith('.cjs'));
const names = Object.keys(createRequire(import.meta.url)(bundle.path)).sort();
const loader = readFileSync(join(ROOT, 'scripts/bundle-loader.mjs'), 'utf8').replace(/^[\s\S]*?\/\/ --- loader ---\n/, '');
writeFileSync(
  join(OUT, 'kubelore.mjs'),
  `${HEADER}${loader.replace("'@@BUNDLE_HASH@@'", JSON.stringify(createHash('sha256').update(bundle.contents).digest('hex').slice(0, 16)))}\nexport const { ${names.join(', ')} } = kubelore;\n`,
);
// The command bounds the heap's growth (main.ts, boundHeapGrowth), which changes V8's flags, and V8
// rejects a code cache made under other flags than its own: the cache is written at exit, so without
// this every run found it made under other flags and compiled the bundle again. bin.mjs sets the same
// flag, under the same condition, before the bundle is loaded; main() setting it again changes nothing.
// It also keeps V8 from flushing bytecode: after a long first run (many full collections), the bytecode
// of what ran only at start (the bundle's top level, module set-up, option parsing) had been dropped and
// was missing from the cache written at exit, so each later run compiled it again (about 40 ms).
const BIN = [
  "import { setFlagsFromString } from 'node:v8';",
  '',
  "const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;",
  "if (!/heap[-_]growing[-_]percent/.test(given)) setFlagsFromString('--heap-growing-percent=25');",
  "if (!/flush[-_]bytecode/.test(given)) setFlagsFromString('--no-flush-bytecode');",
  "const { main } = await import('./kubelore.mjs');",
  '',
  'process.exitCode = await main();',
  '',
].join('\n');
writeFileSync(join(OUT, 'bin.mjs'), `#!/usr/bin/env node\n${HEADER}${BIN}`);
writeFileSync(join(OUT, 'parse-worker.mjs'), `${HEADER}import { runParseWorker } from './kubelore.mjs';\n\nrunParseWorker();\n`);
writeFileSync(join(OUT, 'action.mjs'), `${HEADER}import { runAction } from './kubelore.mjs';\n\nprocess.exitCode = await runAction();\n`);

// The licences of what the bundle carries, from each bundled package's own files.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(posix(input.replace(/^[\w-]+:/, '')));
  if (!match) continue;
  const folder = join(ROOT, match[1]);
  if (packages.has(folder)) continue;
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md', 'LICENCE'].map((name) => join(folder, name)).find((path) => existsSync(path));
  packages.set(folder, { name: manifest.name, version: manifest.version, license: manifest.license, text: licenceFile ? readFileSync(licenceFile, 'utf8').trim() : '(no licence file in the package)' });
}
const notices = [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
writeFileSync(
  join(OUT, 'THIRD-PARTY-LICENSES.txt'),
  `kubelore.cjs, beside this file, bundles kubelore (MIT) and these packages:\n\n${notices.map((p) => `${'='.repeat(72)}\n${p.name}@${p.version} (${p.license})\n\n${p.text}\n`).join('\n')}`,
);

const size = outputs.reduce((sum, file) => sum + file.contents.length, 0);
console.log(`wrote ${posix(relative(ROOT, OUT)) || '.'}/kubelore.cjs (${(size / 1024).toFixed(0)} KiB), kubelore.mjs, bin.mjs, action.mjs, parse-worker.mjs, THIRD-PARTY-LICENSES.txt (${notices.length} packages)`);
