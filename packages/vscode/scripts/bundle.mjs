#!/usr/bin/env node
// Bundles the extension (dist/extension.cjs, for VS Code's extension host) and the language server with
// kubelore and its plugins (dist/server.mjs, one file with the rule pages inline, started by the extension
// with Node), and copies beside them the schema plugin's data (data/), which it reads at run time.
// Run after the packages are built (pnpm run build). Usage: node scripts/bundle.mjs [--out DIR] (default: this package).
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const repository = join(pkg, '../..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? pkg);

for (const folder of ['dist', 'data']) rmSync(join(out, folder), { recursive: true, force: true });
mkdirSync(join(out, 'dist'), { recursive: true });

await build({
  entryPoints: [join(pkg, 'src/extension.ts')],
  outfile: join(out, 'dist/extension.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

// What the server reads through the file system besides its code. kubelore's version, from ../package.json
// beside its code: put in at bundle time. The rule pages (--explain, hover), which each plugin finds beside
// its own code: carried inline, handed to the CLI's page lookup before the server starts, as the CLI's
// own bundle does (scripts/bundle.mjs).
const cliVersion = JSON.parse(readFileSync(join(repository, 'packages/cli/package.json'), 'utf8')).version;
const { corePlugin } = await import(pathToFileURL(join(repository, 'packages/core/dist/index.js')).href);
const { builtinPlugins } = await import(pathToFileURL(join(repository, 'packages/cli/dist/index.js')).href);
function rulePages() {
  const pages = {};
  for (const [prefix, plugin] of Object.entries({ kubelore: corePlugin, ...builtinPlugins })) {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      if (rule.meta.docs.page) pages[`${prefix}/${name}`] = readFileSync(fileURLToPath(rule.meta.docs.page), 'utf8');
    }
  }
  return pages;
}
const serverAssets = {
  name: 'kubelore-vscode-assets',
  setup(context) {
    context.onLoad({ filter: /[\\/]packages[\\/]cli[\\/]dist[\\/]version\.js$/ }, () => ({ contents: `export const VERSION = ${JSON.stringify(cliVersion)};`, loader: 'js' }));
    context.onResolve({ filter: /^kubelore-vscode:pages$/ }, (args) => ({ path: args.path, namespace: 'kubelore-vscode' }));
    context.onLoad({ filter: /.*/, namespace: 'kubelore-vscode' }, () => ({
      resolveDir: repository,
      loader: 'js',
      contents: `import { useEmbeddedPages } from './packages/cli/dist/info.js';\nuseEmbeddedPages(${JSON.stringify(rulePages())});\n`,
    }));
  },
};

await build({
  // The pages are handed over first: ES modules run in import order.
  stdin: { contents: "import 'kubelore-vscode:pages';\nimport './src/server.ts';\n", resolveDir: pkg, loader: 'ts', sourcefile: 'server-entry.ts' },
  plugins: [serverAssets],
  outfile: join(out, 'dist/server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The CommonJS parts of the bundle (vscode-languageserver) call require() for Node's own modules.
  banner: { js: "import { createRequire as kubeloreCreateRequire } from 'node:module'; const require = kubeloreCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The schema plugin reads ../data/*.json from its code, which is now dist/server.mjs.
cpSync(join(repository, 'packages/plugin-schema/data'), join(out, 'data'), { recursive: true, filter: (path) => !path.endsWith('.md') });
console.log(`bundled into ${out}: dist/extension.cjs, dist/server.mjs (rule pages inline), data/`);
