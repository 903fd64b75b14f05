import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildResult,
  corePlugin,
  fixedTextOf,
  foldRepeatedFindings,
  Linter,
  type ConfigArray,
  type ConfigObject,
  type FindingsCache,
  type LintInput,
  type LintMessage,
  type LintResult,
  type Plugin,
  type ResolvedConfig,
  type Rule,
  toPosixPath,
} from '@kubelore/core';
import { configKey, decodeManifest, isIgnoredByConfig, matchesGlob, parseLimitsOf, validateConfigArray, type ParseLimits } from '@kubelore/core/internal';
import type { ParseTask } from './parse-worker.js';
import { formatters, type Formatter, type FormatterContext } from '@kubelore/formatters';
import { UsageError } from './args.js';
import { findConfigFile, loadConfigFile } from './config-files.js';
import { describeFsError, readManifest, writeFixed, type ReadProblem } from './file-io.js';
import { findContextFiles, findFiles } from './files.js';
import { lintRendered, mergeResults, planRenders } from './render/index.js';
import { inShard, type Shard } from './shard.js';
import { docsPage } from './info.js';
import { builtinPlugins, presetConfig, type PresetName } from './plugins.js';
import { VERSION } from './version.js';
import { applySuppressions, loadSuppressions, suppressionsLocation, type SuppressionOutcome } from './suppressions.js';

export interface KubeloreOptions {
  cwd?: string;
  /** A preset applied before the config file; without a config file `recommended` applies. */
  preset?: PresetName;
  /** Config objects applied after the config file (as the CLI's --rule). */
  overrideConfig?: ConfigObject | ConfigArray;
  /** Use this config file instead of looking one up (-c). */
  overrideConfigFile?: string;
  /** Look for kubelore.config.* from cwd upward (default true). */
  configLookup?: boolean;
  /** Shortcut for `settings.kubernetesVersion`. */
  kubernetesVersion?: string;
  /**
   * Apply fixes; results whose text changed get `output` (secret values masked, for printing).
   * `lintFiles` does not write them: call `Kubelore.outputFixes`, which writes the real fixed text.
   */
  fix?: boolean | ((message: LintMessage) => boolean);
  /** Only fixes of rules of these types (`meta.type`). */
  fixTypes?: Array<'problem' | 'suggestion'>;
  reportUnusedDirectives?: boolean;
  /** Time each file into `result.stats` (ESLint 9's shape), as --stats. */
  stats?: boolean;
  /** Extra plugins, by rule prefix, available to every config. */
  plugins?: Record<string, Plugin>;
  /** Error when a pattern matches no file (default true). */
  errorOnUnmatchedPattern?: boolean;
  /** Lint only this slice of the files found (`--shard 2/4`); folders stay whole. */
  shard?: Shard;
  /**
   * Read the other manifests of the folders of files named explicitly as context for cross-object rules,
   * without reporting on them (default true; `--no-context`).
   */
  context?: boolean;
  /** More files, folders or globs read as context only (`--context`). */
  contextPatterns?: string[];
  /** Skip files named explicitly that hold no Kubernetes object, as folder walks do (`--skip-non-manifests`). */
  skipNonManifests?: boolean;
  /** Warn about files named explicitly that the config ignores (default true; `--no-warn-ignored`). */
  warnIgnored?: boolean;
  /**
   * Report a finding repeated on copies of one object in several files once, on the first, with the
   * copies in its `repeats` (default true; `--no-fold-repeats`). See core's `foldRepeatedFindings`.
   */
  foldRepeats?: boolean;
  /** As ESLint's `noInlineConfig`: disable comments and ignore annotations suppress nothing. */
  noInlineConfig?: boolean;
  /** Globs of files not to lint, relative to cwd (`--ignore-pattern`). */
  ignorePatterns?: string[];
  /** `false`: lint what the config's ignores, `ignorePatterns` and `.gitignore` exclude (`--no-ignore`). */
  ignore?: boolean;
  /** Reuse per-file findings between runs (the CLI's `--cache`; see FindingsCache). */
  findingsCache?: FindingsCache;
  /**
   * Hide the errors the bulk suppressions file covers (`getSuppressionOutcome(results)` says what it hid
   * and which suppressions no longer occur). Recording and pruning suppressions is the CLI's.
   */
  applySuppressions?: boolean;
  /** The suppressions file (default `kubelore-suppressions.json` beside the config file, or in cwd). */
  suppressionsLocation?: string;
  /**
   * Render folders holding a kustomization (kustomize) or a Chart.yaml (helm) and lint what they render,
   * reported on the files that define each object (default true; `--no-render` turns it off).
   */
  render?: boolean;
  /**
   * Worker threads that read and parse files while the main thread lints (`--concurrency`, ESLint's
   * values): `off` (default), `auto`, or at most this many. The results are the same either way.
   */
  concurrency?: 'off' | 'auto' | number;
}

const suppressionOutcomes = new WeakMap<LintResult[], SuppressionOutcome & { location: string }>();

/**
 * What each file linted held when it was read (SHA-256), by absolute path: --fix writes only files that
 * have not changed since.
 */
const readDigests = new Map<string, string>();


/**
 * A file to lint, read when the linter first asks for it, not before. Anything wrong with the file
 * (permissions, a pipe, a loop of links, its size) becomes its `readProblem`, a finding on it. The bytes
 * are decoded as they are read (readManifest's buffer is reused for the next file): the linter gets the
 * text, or, for bytes that are not UTF-8 text, a copy of them, from which it reports why.
 */
class FileInput implements LintInput {
  readonly contextOnly?: boolean;
  #pending: ReadState | undefined;
  #digested = false;
  /** Prepared by a --concurrency worker: kept, since the main thread did not read it. */
  #prepared = false;

  constructor(
    readonly path: string,
    readonly filePath: string,
    readonly relativePath: string,
    readonly skipUnlessManifest: boolean,
    private readonly how: { contextOnly: boolean; forFix: boolean; limits: () => ParseLimits },
  ) {
    if (how.contextOnly) this.contextOnly = true;
  }

  /** What a --concurrency worker needs to read the file as `#read` would. */
  get readTask(): ParseTask {
    return { path: this.path, skipUnlessManifest: this.skipUnlessManifest, contextOnly: this.how.contextOnly, forFix: this.how.forFix, limits: this.how.limits() };
  }

  /** A worker read the file with no problem and decoded it: its text, and the digest --fix compares. */
  prepared(text: string, digest: string | undefined): void {
    this.#pending = { text };
    this.#prepared = true;
    this.#recordDigest(digest);
  }

  get text(): string | undefined {
    return this.#outcome().text;
  }

  get readProblem(): ReadProblem | undefined {
    return this.#outcome().problem;
  }

  get bytes(): Uint8Array {
    return this.#outcome().bytes ?? new Uint8Array();
  }

  #outcome(): ReadState {
    if (!this.#pending) {
      // The linter takes one file at a time: the file read before this one lets go of its text (its
      // SourceFile has it), and is read again in the unlikely case it is asked for once more.
      if (lastRead && lastRead !== this && !lastRead.#prepared) lastRead.#pending = undefined;
      lastRead = this;
      this.#pending = this.#read();
    }
    return this.#pending;
  }

  #read(): ReadState {
    const read = readManifest(this.path, this.how.limits().maxFileSize, this.how.forFix);
    this.#recordDigest(read.digest);
    if (read.problem) return { problem: read.problem };
    const decoded = decodeManifest(read.bytes);
    return 'problem' in decoded ? { bytes: read.bytes.slice() } : { text: decoded.text };
  }

  /** --fix writes only a file whose content is still what its first read saw. */
  #recordDigest(digest: string | undefined): void {
    if (digest === undefined || this.#digested) return;
    readDigests.set(this.path, digest);
    this.#digested = true;
  }
}

let lastRead: FileInput | undefined;

/** What a FileInput's read gave: its text, its problem, or the bytes that did not decode as text. */
type ReadState = { text?: string; problem?: ReadProblem; bytes?: Uint8Array };

/** The library face of the CLI, shaped like ESLint's `ESLint` class. */
export class Kubelore {
  readonly cwd: string;
  private readonly options: KubeloreOptions;
  private readonly linter: Linter;
  private configPromise: Promise<{ configs: ConfigArray; base: string; file?: string }> | undefined;

  constructor(options: KubeloreOptions = {}) {
    this.options = options;
    this.cwd = resolve(options.cwd ?? process.cwd());
    this.linter = new Linter();
  }

  static readonly version = VERSION;

  /** The config array every file is linted with, and the folder its globs are relative to. */
  async loadConfig(): Promise<{ configs: ConfigArray; base: string; file?: string }> {
    this.configPromise ??= (async () => {
      const { options } = this;
      const file = options.overrideConfigFile
        ? resolve(this.cwd, options.overrideConfigFile)
        : options.configLookup === false
          ? undefined
          : findConfigFile(this.cwd);
      const fromFile = file ? await loadConfigFile(file) : [];
      const configs: ConfigArray = [{ name: 'kubelore:plugins', plugins: { ...builtinPlugins, ...options.plugins } }];
      if (options.preset) configs.push(presetConfig(options.preset));
      else if (!file) configs.push(presetConfig('recommended'));
      configs.push(...fromFile);
      if (options.overrideConfig) configs.push(...(Array.isArray(options.overrideConfig) ? options.overrideConfig : [options.overrideConfig]));
      if (options.kubernetesVersion) configs.push({ name: 'kubelore:cli-settings', settings: { kubernetesVersion: options.kubernetesVersion } });
      validateConfigArray(configs);
      const kept = options.ignore === false ? configs.filter((config) => !(config.ignores && Object.keys(config).every((key) => key === 'ignores' || key === 'name'))) : configs;
      return { configs: kept, base: file ? dirname(file) : this.cwd, file };
    })();
    return this.configPromise;
  }

  /** The resolved config for one file (what --print-config shows). */
  async calculateConfigForFile(filePath: string): Promise<ResolvedConfig> {
    const { configs, base } = await this.loadConfig();
    return this.linter.configFor(configs, toPosixPath(relative(base, resolve(this.cwd, filePath))));
  }

  async lintFiles(patterns: string | string[]): Promise<LintResult[]> {
    const list = Array.isArray(patterns) ? patterns : [patterns];
    const { configs, base } = await this.loadConfig();
    const globalIgnores = configs.filter((config) => config.ignores && Object.keys(config).every((key) => key === 'ignores' || key === 'name')).flatMap((config) => config.ignores!);
    const ignorePatterns = this.options.ignore === false ? [] : (this.options.ignorePatterns ?? []);
    const files = await findFiles(list.length > 0 ? list : ['.'], this.cwd, {
      ignores: [...(base === this.cwd ? globalIgnores : []), ...ignorePatterns],
      errorOnUnmatchedPattern: this.options.errorOnUnmatchedPattern,
      gitignore: this.options.ignore !== false,
    });
    const plan = this.options.render === false ? undefined : planRenders(files, list.length > 0 ? list : ['.'], this.cwd, (file) => this.linter.configFor(configs, toPosixPath(relative(base, file))));
    const inputs: LintInput[] = [];
    const ignored: LintResult[] = [];
    const contextPaths = await findContextFiles(files, this.options.contextPatterns ?? [], this.cwd, {
      folders: this.options.context !== false,
      ignores: [...(base === this.cwd ? globalIgnores : []), ...ignorePatterns],
    });
    const candidates = [...files.map((file) => ({ ...file, contextOnly: false })), ...contextPaths.map((path) => ({ path, explicit: false, contextOnly: true }))];
    candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // A file's read limits come from its resolved config; files the same config objects apply to share them.
    const limitsByKey = new Map<string, ParseLimits>();
    for (const file of candidates) {
      const displayPath = toPosixPath(relative(this.cwd, file.path)) || file.path;
      const relativePath = toPosixPath(relative(base, file.path));
      if (!file.contextOnly && plan?.consumed.has(file.path)) continue;
      if (isIgnoredByConfig(configs, relativePath) || ignorePatterns.some((glob) => matchesGlob(displayPath, glob))) {
        if (file.explicit && this.options.warnIgnored !== false) ignored.push(ignoredResult(displayPath));
        continue;
      }
      if (!file.contextOnly && this.options.shard && !inShard(toPosixPath(relative(this.cwd, file.path)), this.options.shard)) continue;
      if ('unreadableFolder' in file && file.unreadableFolder !== undefined) {
        const message = `Folder could not be read: ${describeFsError({ code: file.unreadableFolder })}; the files under it were not linted.`;
        inputs.push({ filePath: displayPath, relativePath, readProblem: { ruleId: null, message } });
        continue;
      }
      // Unrelated YAML and JSON in a folder (CI workflows, lockfiles, package.json) is not ours to judge.
      const skipUnlessManifest = !file.explicit || this.options.skipNonManifests === true;
      const forFix = Boolean(this.options.fix) && !file.contextOnly;
      const limits = () => {
        const key = configKey(configs, relativePath);
        let found = limitsByKey.get(key);
        if (!found) limitsByKey.set(key, (found = parseLimitsOf(this.linter.configFor(configs, relativePath).settings)));
        return found;
      };
      inputs.push(new FileInput(file.path, displayPath, relativePath, skipUnlessManifest, { contextOnly: file.contextOnly, forFix, limits }));
    }
    if ((this.options.concurrency ?? 'off') !== 'off') {
      const { prepareInWorkers, workerCount } = await import('./concurrency.js');
      const files = inputs.filter((input): input is FileInput => input instanceof FileInput);
      const count = workerCount(this.options.concurrency!, files.length);
      // A worker that fails leaves its files unprepared: the linter reads and parses them itself.
      if (count > 0) await prepareInWorkers(files, count).catch(() => undefined);
    }
    let results = [...this.lintInputs(inputs, configs), ...ignored];
    if (plan && plan.units.length > 0) {
      const { shard } = this.options;
      const unitInShard = shard ? (file: string) => inShard(toPosixPath(relative(this.cwd, file)), shard) : undefined;
      const rendered = await lintRendered(plan, { cwd: this.cwd, base, configs, linter: this.linter, reportUnusedDirectives: this.options.reportUnusedDirectives, inShard: unitInShard });
      results = mergeResults(results, rendered);
    }
    return this.suppressed(results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0)));
  }

  /** The suppressions file this instance reads (and the CLI writes). */
  async getSuppressionsLocation(): Promise<string> {
    return suppressionsLocation(this.cwd, this.options.suppressionsLocation, (await this.loadConfig()).file);
  }

  /** With `applySuppressions`: what the suppressions hid in these results, and which no longer occur. */
  static getSuppressionOutcome(results: LintResult[]): (SuppressionOutcome & { location: string }) | undefined {
    return suppressionOutcomes.get(results);
  }

  private async suppressed(results: LintResult[]): Promise<LintResult[]> {
    // Suppressions match each copy first; what is left is folded, in place, keeping the array's identity.
    const fold = (list: LintResult[]) => (this.options.foldRepeats === false ? list : foldRepeatedFindings(list));
    if (!this.options.applySuppressions) return fold(results);
    const location = await this.getSuppressionsLocation();
    const outcome = applySuppressions(results, loadSuppressions(location), { base: dirname(location), cwd: this.cwd });
    suppressionOutcomes.set(outcome.results, { ...outcome, location });
    return fold(outcome.results);
  }

  async lintText(text: string, options: { filePath?: string } = {}): Promise<LintResult[]> {
    const { configs, base } = await this.loadConfig();
    const filePath = options.filePath ?? '<text>';
    const absolute = options.filePath ? resolve(this.cwd, options.filePath) : undefined;
    const displayPath = absolute ? toPosixPath(relative(this.cwd, absolute)) : filePath;
    const relativePath = absolute ? toPosixPath(relative(base, absolute)) : filePath;
    return this.suppressed(this.lintInputs([{ filePath: displayPath, relativePath, text }], configs));
  }

  private lintInputs(inputs: LintInput[], configs: ConfigArray): LintResult[] {
    const { fix, fixTypes, reportUnusedDirectives, noInlineConfig, findingsCache, stats } = this.options;
    if (!fix) return this.linter.lint(inputs, configs, { reportUnusedDirectives, noInlineConfig, findingsCache, stats });
    // Fix passes lint texts that are not on disk: the cache is keyed by what is on disk, so it sits out.
    return this.linter.lintAndFix(inputs, configs, { reportUnusedDirectives, noInlineConfig, fix, fixTypes, stats });
  }

  /**
   * Writes the fixed text of fixed results back to their files (the real text, not the masked `output`).
   * Each file is replaced atomically (a temporary file renamed over it). A file that cannot be written,
   * or that changed since it was read, is left as it is and gets a `kubelore/fix-not-written` finding.
   */
  static async outputFixes(results: LintResult[], cwd = process.cwd()): Promise<void> {
    for (const result of results) {
      const text = fixedTextOf(result);
      if (text === undefined) continue;
      const path = resolve(cwd, result.filePath);
      const outcome = await writeFixed(path, text, readDigests.get(path));
      if (outcome.written) continue;
      const message: LintMessage = {
        ruleId: 'kubelore/fix-not-written',
        severity: outcome.severity,
        message: `Fixes not written: ${outcome.reason}. The file is unchanged.`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        fix: null,
        suggestions: [],
      };
      const rebuilt = buildResult(result.filePath, [...result.messages, message]);
      Object.assign(result, rebuilt);
      delete result.output;
    }
  }

  /** Only the errors, as `--quiet` shows them. */
  static getErrorResults(results: LintResult[]): LintResult[] {
    return results
      .map((result) => buildResult(result.filePath, result.messages.filter((message) => message.severity === 2)))
      .filter((result) => result.messages.length > 0);
  }

  /** Every rule known to this instance (built-in, extra plugins and plugins named in the config), by id. */
  async getRules(): Promise<Map<string, Rule<string, any>>> {
    const { configs } = await this.loadConfig();
    const rules = new Map<string, Rule<string, any>>(Object.entries(corePlugin.rules).map(([name, rule]) => [`kubelore/${name}`, rule]));
    for (const config of configs) {
      for (const [prefix, plugin] of Object.entries(config.plugins ?? {})) {
        for (const [name, rule] of Object.entries(plugin?.rules ?? {})) rules.set(`${prefix}/${name}`, rule);
      }
    }
    return rules;
  }

  /**
   * A formatter by built-in name, module path (`./my-formatter.js`) or installed package (`name` or
   * `kubelore-formatter-name`). A module exports `format(results, context)` or an object that has it.
   */
  async loadFormatter(name = 'stylish', options: Partial<FormatterContext> = {}): Promise<{ format(results: LintResult[]): string }> {
    // Own keys only: `-f constructor` names no built-in formatter.
    let formatter: Formatter | undefined = Object.hasOwn(formatters, name) ? formatters[name] : undefined;
    if (!formatter) {
      const url = resolveFormatterModule(name, this.cwd, Object.keys(formatters));
      let module: { default?: unknown; format?: unknown };
      try {
        module = (await import(url)) as typeof module;
      } catch (error) {
        throw new UsageError(`Cannot load formatter "${name}": ${error instanceof Error ? error.message : String(error)}`);
      }
      const candidate = (module.default ?? module) as Formatter | ((results: LintResult[], context: FormatterContext) => string);
      formatter = typeof candidate === 'function' ? { format: candidate } : candidate;
      if (typeof formatter?.format !== 'function') throw new UsageError(`Formatter module ${name} exports neither a function nor an object with format().`);
    }
    const rules = await this.getRules();
    const context: FormatterContext = { cwd: this.cwd, repositoryRoot: repositoryRoot(this.cwd), color: false, rules, version: VERSION, docsPage: (id) => docsPage(id, rules.get(id)), ...options };
    return { format: (results) => formatter!.format(results, context) };
  }
}

/** The URL to import a formatter from: a path when it looks like one, else a package installed where kubelore runs. */
function resolveFormatterModule(name: string, cwd: string, builtin: string[]): string {
  const looksLikePath = name.startsWith('.') || isAbsolute(name) || /\.[cm]?js$/.test(name) || (/[\\/]/.test(name) && !name.startsWith('@'));
  if (looksLikePath) return pathToFileURL(resolve(cwd, name)).href;
  const requireFromCwd = createRequire(join(cwd, 'kubelore-formatter-lookup.js'));
  const candidates = name.startsWith('@') || name.startsWith('kubelore-formatter-') ? [name] : [name, `kubelore-formatter-${name}`];
  for (const candidate of candidates) {
    try {
      return pathToFileURL(requireFromCwd.resolve(candidate)).href;
    } catch {
      // Not installed under this name; try the next.
    }
  }
  throw new UsageError(`Unknown format "${name}": use ${builtin.join(', ')}, a path to a module, or an installed formatter package.`);
}

/**
 * The folder code scanning and workflow annotations count paths from: the nearest folder upward holding
 * `.git` (a folder, or a file in worktrees and submodules), else `cwd` itself.
 */
export function repositoryRoot(cwd: string): string {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return resolve(cwd);
  }
}

/** What ESLint reports for a file named on the command line that an ignore pattern excludes. */
function ignoredResult(filePath: string): LintResult {
  const message = 'File ignored because of a matching ignore pattern. Use "--no-warn-ignored" to suppress this warning.';
  return buildResult(filePath, [{ ruleId: null, severity: 1, message, line: 1, column: 1, endLine: 1, endColumn: 1, fix: null, suggestions: [] }]);
}
