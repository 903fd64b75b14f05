// The template of dist/kubelore.mjs, the ES module every user of the bundle imports (the library's
// users, bin.mjs, action.mjs). scripts/bundle.mjs copies what follows the marker line, fills in the
// bundle's hash and appends the re-exports.
//
// Why: a pre-commit run lints one or two files, and then start-up is most of the run; most of start-up
// is V8 compiling the 2 MB bundle and then each function it calls. Node 20 keeps no compiled code
// between runs for modules, but vm.Script takes a code cache (`cachedData`) for a script. So the
// bundle is CommonJS, compiled here as a script, and the code compiled during the first run is written
// next to it; later runs start from that.
// --- loader ---
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUNDLE_HASH = '@@BUNDLE_HASH@@';

/**
 * Runs kubelore.cjs as Node runs a CommonJS module, compiled with the code cache when there is one.
 * The cache is named by the bundle's hash and V8's version and architecture, which V8's own check does
 * not fully cover (it compares the source's length, not its text); V8 still rejects a cache made with
 * other flags, and then it is written again. Any failure to read or write the cache only costs speed:
 * a read-only install, a directory in the cache's place, a half-written file (written aside and renamed).
 */
function loadBundle() {
  const filename = fileURLToPath(new URL('./kubelore.cjs', import.meta.url));
  const cacheFile = `${filename.slice(0, -'kubelore.cjs'.length)}.kubelore-${BUNDLE_HASH}-${process.versions.v8}-${process.arch}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper Node puts around a CommonJS module, on the bundle's first line so positions in stack
  // traces stay right past column 1 of line 1.
  // Read as latin1: the bundle is ASCII (scripts/bundle.mjs escapes the rest), so it is the same text,
  // and Node decodes latin1 several times faster than UTF-8 (4 against 9-28 ms for the 2 MB).
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(filename, 'latin1')}\n})`;
  const script = new vm.Script(source, {
    filename,
    cachedData,
    // import() inside the bundle (configuration files, plugins, formatters) resolves as in any module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const require = createRequire(filename);
  // Worker threads (--concurrency) share the process and its cache file: the main thread writes it.
  // (worker_threads is loaded only then: at start-up it costs milliseconds a run with a cache never needs.)
  if ((cachedData === undefined || script.cachedDataRejected) && require('node:worker_threads').isMainThread) {
    // At exit the functions this run compiled are in the cache too, not only the top level.
    process.once('exit', () => {
      const aside = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(aside, script.createCachedData());
        renameSync(aside, cacheFile);
      } catch {
        rmSync(aside, { force: true });
      }
    });
  }
  // The bundle's import() calls come here (see routeImports in bundle.mjs): this module's import()
  // works whether or not the bundle was compiled from the cache.
  const module = { exports: {}, importModule: (specifier) => import(specifier) };
  script.runInThisContext()(module.exports, require, module, filename, fileURLToPath(new URL('.', import.meta.url)));
  return module.exports;
}

const kubelore = loadBundle();
