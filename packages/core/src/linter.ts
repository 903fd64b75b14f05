import { configKey, isIgnoredByConfig, resolveConfig, validateConfigArray, type ConfigArray, type ResolvedConfig, type ResolvedRule } from './config.js';
import { decodeManifest, mayBeManifest, mayHoldObjects } from './decode.js';
import { Directives } from './directives.js';
import { corePlugin } from './engine-rules.js';
import { editRangeProblem, healthOf, healthProblem, sharedRegions, touchesShared } from './fix-checks.js';
import { applyEdit, applyFixes } from './fixes.js';
import { maskMessages, maskOutput } from './mask.js';
import { modelResources } from './model.js';
import { parseSourceFile } from './parse.js';
import { preparedParse } from './prepared.js';
import { rangeOfOffsets } from './position.js';
import { FileReporter, type CachedFinding } from './report.js';
import { folderOfPath, ResourceIndex } from './resource-index.js';
import type { LintSession, ModelledFile } from './session.js';
import { isPatchInInput } from './kustomize.js';
import { isTestAssertionFile, TEST_TOOL_GROUPS, type Resource } from './resource.js';
import { buildResult, type LintMessage, type LintResult } from './results.js';
import type { Plugin, Rule, RuleContext, RuleType } from './rule.js';
import type { SourceFile } from './source.js';
import { parseLimitsOf } from './settings.js';
import { addRuleTime, defaultClock, newPass, type PassStats } from './stats.js';
import { containersOf, type PodView } from './workloads.js';

export interface LintInput {
  /** The path shown in results. */
  filePath: string;
  /** The path config `files` globs are matched against (relative to the config's folder); defaults to filePath. */
  relativePath?: string;
  /** The file's text; or give `bytes` and the linter decodes them (binary and non-UTF-8 files are findings). */
  text?: string;
  bytes?: Uint8Array;
  /** Skip the file silently when it does not look like Kubernetes objects (a folder's unrelated YAML). */
  skipUnlessManifest?: boolean;
  /**
   * Read for cross-object rules only: the file's objects join the index, but no rule runs on it and it
   * gets no result (the manifests beside a file named on the command line, `--context`; the rest of the
   * workspace for an editor's open files). Its parsed objects are kept for as long as this input object
   * lives: pass the same object again while the text is unchanged and it is not parsed again; pass a new
   * object when the text changes.
   */
  contextOnly?: boolean;
  /**
   * The caller could not read the file (permissions, not a regular file, too large): no text, and this
   * becomes the file's one finding: fatal (`ruleId: null`), or `kubelore/input-limit` for a size limit.
   */
  readProblem?: { message: string; ruleId: null | 'kubelore/input-limit' };
}

export interface LintOptions {
  /** Report comment directives and ignore annotations that suppress nothing. */
  reportUnusedDirectives?: boolean;
  /**
   * As ESLint's `noInlineConfig`: `# kubelore-disable…` comments and `kubelore.dev/ignore` annotations
   * suppress nothing; `ignoredDirectiveCount(result)` says how many each file had.
   */
  noInlineConfig?: boolean;
  /** Reuse the per-file findings of rules that read nothing but their own file (the CLI's `--cache`). */
  findingsCache?: FindingsCache;
  /** Time the run: each result gets `stats` (ESLint 9's shape: per pass, parse, per-rule and fix times). */
  stats?: boolean;
  /**
   * An editor's state between runs (`LintSession` of `@kubelore/core/internal`): the index is updated
   * with the changed files' objects instead of built again, unchanged files are not parsed again, and
   * rules that read only their own file are not run again on an unchanged file. Same results.
   */
  session?: LintSession;
}

/**
 * Where a caller keeps per-file findings between runs. A rule's findings on a file are handed to `set`
 * only when the rule did not read `context.index` (the other objects of the run) on that file, is not a
 * rule that reports secret values, and no such rule found anything in the file; everything else is
 * computed again on every run. `fingerprint` covers the file's resolved config (rules, options,
 * severities, settings, plugin names and versions) and the CRDs of the whole input (a cluster-scoped CRD
 * anywhere changes the namespace of objects everywhere).
 */
export interface FindingsCache {
  /** The findings stored for this file by rule id, when its text and fingerprint are those they were stored with. */
  get(filePath: string, text: string, fingerprint: string): Record<string, CachedFinding[]> | undefined;
  /** After the file was linted: the findings that may be reused ({} when nothing may). */
  set(filePath: string, text: string, fingerprint: string, findings: Record<string, CachedFinding[]>): void;
}

export type { CachedFinding };

/** How many directives of a result's file were not applied because of `noInlineConfig`. */
export function ignoredDirectiveCount(result: LintResult): number {
  return ignoredDirectives.get(result) ?? 0;
}

const ignoredDirectives = new WeakMap<LintResult, number>();

export interface FixOptions extends LintOptions {
  /** Which messages' fixes to apply (default: all). */
  fix?: boolean | ((message: LintMessage) => boolean);
  /** Only fixes of rules of these types (`meta.type`), as ESLint's `fixTypes`. */
  fixTypes?: readonly RuleType[];
  /** Passes of fix-then-lint before giving up on edits that keep overlapping (default 10). */
  maxPasses?: number;
}

export interface LinterOptions {
  /** Plugins available to every config (the engine's own rules are always there). */
  plugins?: Plugin[];
  /**
   * Called on each document's plain value before rules see it. RuleTester deep-freezes them, so that a
   * rule mutating what it sees (and so what every later rule sees) fails its own tests.
   */
  freezeValues?: (value: unknown) => void;
  /** The clock `stats` reads, in milliseconds (default: performance.now where there is one). */
  now?: () => number;
}

/** One file on its way through a run. */
interface FileState {
  input: LintInput;
  config: ResolvedConfig;
  source: SourceFile;
  resources: Resource[];
  reporter: FileReporter;
  directives: Directives;
  /** This pass's timing, when the run is timed. */
  pass?: PassStats;
}

type Handler = (node: never) => void;

const DEFAULT_MAX_FIX_PASSES = 10;
const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

function judgesWrittenValues(rule: ResolvedRule): boolean {
  return rule.rule.meta.judgesWrittenValues === true;
}

function isHelmTestHook(resource: Resource): boolean {
  const hook = resource.metadata.annotations?.[HELM_HOOK_ANNOTATION];
  return typeof hook === 'string' && hook.split(',').some((entry) => /^test(-success|-failure)?$/.test(entry.trim()));
}

/** The fixed text of each result that `lintAndFix` changed, unmasked: only `outputFixes`-style writers read it. */
const fixedTexts = new WeakMap<LintResult, string>();

/** The text to write for a fixed result (its `output` has secret values masked, for printing). */
export function fixedTextOf(result: LintResult): string | undefined {
  return fixedTexts.get(result);
}

/**
 * The lint engine: decodes and parses every input, models its objects, builds one index over all of
 * them, runs the configured rules, turns their reports into located, suppressible results, fixes in
 * passes when asked, and masks flagged secret values in everything it returns. No file system, no
 * process, no colours: callers bring text or bytes and get data back.
 */
export class Linter {
  private readonly builtinPlugins: Plugin[];
  private readonly freezeValues: ((value: unknown) => void) | undefined;
  private readonly now: () => number;

  constructor(options: LinterOptions = {}) {
    this.builtinPlugins = [corePlugin, ...(options.plugins ?? [])];
    this.freezeValues = options.freezeValues;
    this.now = options.now ?? defaultClock();
  }

  /** Resolves the config for a file (throws ConfigError on a bad config). */
  configFor(configs: ConfigArray, relativePath: string): ResolvedConfig {
    return resolveConfig(configs, relativePath, this.builtinPlugins);
  }

  lintText(text: string, configs: ConfigArray, filePath = '<text>', options: LintOptions = {}): LintResult {
    return this.lint([{ filePath, text }], configs, options)[0]!;
  }

  /** Lints several files together: cross-object rules see every object of every file. */
  lint(inputs: LintInput[], configs: ConfigArray, options: LintOptions = {}): LintResult[] {
    const states = this.run(inputs, configs, options);
    return this.results(states, options.stats ? new Map(states.map((state) => [state.input, { passes: [state.pass!], fixPasses: 0 }])) : undefined);
  }

  /**
   * ESLint's `verifyAndFix` for a whole run: lint, apply the non-overlapping fixes, lint the fixed texts
   * again (cross-object verdicts change with them), until nothing changes or `maxPasses`. Each result
   * whose text changed has `output` (secret values masked, safe to print) and `fixedTextOf(result)`
   * (the text to write). A byte order mark of the input is kept.
   */
  lintAndFix(inputs: LintInput[], configs: ConfigArray, options: FixOptions = {}): LintResult[] {
    let states = this.run(inputs, configs, options);
    const stats = options.stats ? new Map<LintInput, { passes: PassStats[]; fixPasses: number }>() : undefined;
    const record = () => {
      for (const state of states) {
        let entry = stats?.get(state.input);
        if (stats && !entry) stats.set(state.input, (entry = { passes: [], fixPasses: 0 }));
        entry?.passes.push(state.pass!);
      }
    };
    record();
    if (options.fix === false) return this.results(states, stats);
    const accept = this.fixFilter(options);
    // Fixes apply to the decoded text without its byte order mark (the offsets count from there); the
    // mark is put back on the output.
    const byteOrderMarks = new Map<LintInput, boolean>(states.map((state) => [state.input, state.source.hadByteOrderMark]));
    const texts = new Map<LintInput, string>(states.map((state) => [state.input, state.source.text]));
    const originals = new Map(texts);
    // Fixes refused (they would corrupt the file): those of the last pass are reported on the results
    // (an earlier refusal may be lifted once other fixes land, as when the last alias of an anchor goes).
    const refused = new Map<FileState, Map<string, LintMessage>>();
    const screened = new Map<FileState, Set<LintMessage>>();
    const screen = (state: FileState): Set<LintMessage> => {
      let rejected = screened.get(state);
      if (!rejected) {
        rejected = this.screenFixes(state, (message) => accept(message, state), refused);
        screened.set(state, rejected);
      }
      return rejected;
    };
    const maxPasses = options.maxPasses ?? DEFAULT_MAX_FIX_PASSES;
    for (let pass = 0; pass < maxPasses; pass++) {
      let changed = false;
      for (const state of states) {
        const text = texts.get(state.input)!;
        const started = stats ? this.now() : 0;
        const rejected = screen(state);
        const { output, applied } = applyFixes(text, state.reporter.messages, (message) => !rejected.has(message) && accept(message, state));
        if (applied > 0 && output !== text) {
          texts.set(state.input, output);
          changed = true;
          const entry = stats?.get(state.input);
          if (entry) entry.fixPasses++;
        }
        if (stats) {
          const elapsed = this.now() - started;
          state.pass!.fix.total += elapsed;
          state.pass!.total += elapsed;
        }
      }
      if (!changed) break;
      // Every input is linted again, not only the changed ones: a fixed Service changes the verdict on a Deployment.
      const originalOf = new Map<LintInput, LintInput>();
      const fixedInputs = inputs.map((input) => {
        const fixed = texts.get(input);
        if (fixed === undefined) return input;
        const fixedInput: LintInput = { ...input, text: fixed, bytes: undefined };
        originalOf.set(fixedInput, input);
        return fixedInput;
      });
      states = this.run(fixedInputs, configs, options);
      for (const state of states) state.input = originalOf.get(state.input) ?? state.input;
      record();
    }
    for (const state of states) {
      // A refused fix is not offered (nor counted as fixable) in what is handed out.
      for (const message of screen(state)) message.fix = null;
      const severity = state.reporter.severityOf('kubelore/fix-rejected');
      if (severity > 0) for (const message of refused.get(state)?.values() ?? []) state.reporter.messages.push({ ...message, severity: severity as 1 | 2 });
    }
    const results = this.results(states, stats);
    states.forEach((state, position) => {
      const text = texts.get(state.input);
      if (text === undefined || text === originals.get(state.input)) return;
      const result = results[position]!;
      const bom = byteOrderMarks.get(state.input) ? '\ufeff' : '';
      fixedTexts.set(result, bom + text);
      // The last pass linted exactly this text, so its findings' offsets are offsets into it.
      result.output = bom + maskOutput(state.source, result.messages, rulesById(state.config));
    });
    return results;
  }

  /**
   * The fixes of one file that must not be applied, each recorded (once per rule, position and reason)
   * as a `kubelore/fix-rejected` finding: an edit on a region aliases share (it would delete an anchor
   * in use or change another object through it), or one that leaves the file reading worse than before
   * (new syntax errors or duplicate keys, a dangling alias, JSON that is no longer JSON). Fixes are
   * checked together first; only when the file would be worse is each checked on its own.
   */
  private screenFixes(state: FileState, accept: (message: LintMessage) => boolean, refused: Map<FileState, Map<string, LintMessage>>): Set<LintMessage> {
    const rejected = new Set<LintMessage>();
    const candidates = state.reporter.messages.filter((message) => message.fix && accept(message));
    if (candidates.length === 0) return rejected;
    const { text } = state.source;
    const refuse = (message: LintMessage, reason: string) => {
      rejected.add(message);
      let byKey = refused.get(state);
      if (!byKey) refused.set(state, (byKey = new Map()));
      const key = `${message.ruleId}\u0000${message.line}\u0000${message.column}\u0000${reason}`;
      if (byKey.has(key)) return;
      const { fix: _fix, suggestions: _suggestions, messageId: _messageId, fatal: _fatal, ...where } = message;
      byKey.set(key, { ...where, ruleId: 'kubelore/fix-rejected', message: `The fix of ${message.ruleId ?? 'a parse error'} was not applied: ${reason}.`, fix: null, suggestions: [] });
    };
    let shared: Array<[number, number]> | undefined;
    for (const message of candidates) {
      const problem = editRangeProblem(message.fix, text.length);
      if (problem) {
        refuse(message, problem);
        continue;
      }
      shared ??= sharedRegions(state.source);
      if (touchesShared(message.fix!, shared)) refuse(message, 'it edits a node that an alias elsewhere uses (its anchor, or the object the alias copies)');
    }
    const remaining = candidates.filter((message) => !rejected.has(message));
    if (remaining.length === 0) return rejected;
    const maxAliasCount = state.config.settings.maxAliasCount;
    const before = healthOf(text, maxAliasCount);
    const together = applyFixes(text, remaining);
    if (!healthProblem(before, healthOf(together.output, maxAliasCount))) return rejected;
    for (const message of remaining) {
      const problem = healthProblem(before, healthOf(applyEdit(text, message.fix!), maxAliasCount));
      if (problem) refuse(message, problem);
    }
    const good = remaining.filter((message) => !rejected.has(message));
    // Each fine alone but not together: none of them this pass.
    if (good.length > 1 && healthProblem(before, healthOf(applyFixes(text, good).output, maxAliasCount))) {
      for (const message of good) refuse(message, 'together with the other fixes of this file it would break the file');
    }
    return rejected;
  }

  private fixFilter(options: FixOptions): (message: LintMessage, state: FileState) => boolean {
    const custom = typeof options.fix === 'function' ? options.fix : undefined;
    const types = options.fixTypes;
    return (message, state) => {
      if (types && (message.ruleId === null || !types.includes(rulesById(state.config).get(message.ruleId)?.meta.type as RuleType))) return false;
      return custom ? custom(message) : true;
    };
  }

  /** Decode, parse and model every input, index them together, run the rules. Messages are not yet masked. */
  private run(inputs: LintInput[], configs: ConfigArray, options: LintOptions): FileState[] {
    validateConfigArray(configs);
    const files: FileState[] = [];
    // Every object of the run in input order, context-only files' objects included.
    const resources: Resource[] = [];
    const resolved = new Map<string, ResolvedConfig>();
    let retainedChars = 0;
    const { session } = options;
    session?.begin(configs);
    // Each file's objects, in input order: how a session tells which files changed since its last run.
    const slots: Array<readonly Resource[]> = [];
    const occupy = (objects: readonly Resource[]) => {
      if (objects.length === 0) return;
      slots.push(objects);
      for (const resource of objects) resources.push(resource);
    };
    for (const input of inputs) {
      // A context input seen before: neither the ignore check nor the config need resolving again.
      const known = input.contextOnly ? session?.contextObjects(input) : undefined;
      if (known) {
        occupy(known);
        continue;
      }
      const relativePath = input.relativePath ?? input.filePath;
      if (isIgnoredByConfig(configs, relativePath)) {
        if (input.contextOnly) session?.rememberContext(input, []);
        continue;
      }
      // Files that the same config objects apply to share one resolved config: resolving is not free.
      const key = configKey(configs, relativePath);
      let config = resolved.get(key);
      if (!config) resolved.set(key, (config = this.configFor(configs, relativePath)));
      if (input.contextOnly) {
        const objects = this.contextResources(input, config);
        session?.rememberContext(input, objects);
        occupy(objects);
        continue;
      }
      const started = options.stats ? this.now() : 0;
      const state = this.parse(input, config, options.noInlineConfig === true, session);
      if (!state) continue;
      if (options.stats) {
        state.pass = newPass();
        state.pass.parse.total = state.pass.total = this.now() - started;
      }
      files.push(state);
      occupy(state.resources);
      retainedChars += state.source.text.length;
      // Trees of files the fast path declined stay until their rules run, up to settings.treeCacheChars.
      if (retainedChars > config.settings.treeCacheChars) state.source.releaseTrees();
    }
    const cache = options.findingsCache ?? session?.findings;
    const crds = cache ? crdDigest(resources) : '';
    const index = session ? session.indexFor(slots, resources) : new ResourceIndex(resources);
    index.setTestStepFolders(testStepFolders(files));
    // A closed document's parse and findings go; files still in the input, linted or not, may be linted again.
    if (session) session.retain(new Set(inputs.map((input) => input.filePath)));
    // Context files only joined the index: no rule runs on them and they get no result.
    for (const file of files) {
      const started = file.pass ? this.now() : 0;
      const fingerprint = cache ? `${configFingerprint(file.config)}\n${crds}` : '';
      const cached = cache?.get(file.input.filePath, file.source.text, fingerprint);
      if (cache) file.reporter.recorded = new Map();
      this.runRules(file, index, cached);
      if (cache) cache.set(file.input.filePath, file.source.text, fingerprint, reusableFindings(file));
      // Fixes (and findings of released files) may have parsed the file again; nothing needs its trees
      // after its rules have run, so memory stays bounded for the next file.
      file.source.releaseTrees();
      if (options.reportUnusedDirectives || file.config.rules.some((rule) => rule.id === 'kubelore/unused-directive')) {
        for (const unused of file.directives.unused()) {
          file.reporter.push('kubelore/unused-directive', file.reporter.severityOf('kubelore/unused-directive'), { message: `Unused directive: "${unused.text}" suppresses nothing.`, resource: unused.resource }, () => unused.range);
        }
      }
      if (file.pass) file.pass.total += this.now() - started;
    }
    return files;
  }

  /**
   * The objects of a context-only input: parsed and modelled once per input object and settings that
   * shape them, trees dropped at once (nothing is reported in the file, so nothing needs a position).
   */
  private contextResources(input: LintInput, config: ResolvedConfig): readonly Resource[] {
    const { settings } = config;
    const key = `${settings.maxFileSize}\0${settings.maxAliasCount}\0${settings.maxDepth}\0${settings.maxNodes}\0${settings.defaultNamespace}`;
    const cached = contextCache.get(input);
    if (cached?.key === key) return cached.resources;
    let text = input.text;
    if (text === undefined) {
      const decoded = decodeManifest(input.bytes ?? new Uint8Array());
      text = 'problem' in decoded ? undefined : decoded.text;
    }
    let resources: Resource[] = [];
    if (text !== undefined && !(input.skipUnlessManifest && !mayHoldObjects(input.filePath, text))) {
      const source = parseSourceFile(input.filePath, text, parseLimitsOf(settings), { fast: preparedParse(input) });
      if (this.freezeValues) for (const document of source.documents) this.freezeValues(document.value);
      resources = modelResources(source, settings.defaultNamespace).resources;
      source.releaseTrees();
    }
    contextCache.set(input, { key, resources });
    return resources;
  }

  /** One input to a parsed, modelled file whose input problems are already reported; undefined to skip it. */
  private parse(input: LintInput, config: ResolvedConfig, noInlineConfig: boolean, session: LintSession | undefined): FileState | undefined {
    const { settings } = config;
    // A session keeps a text's parse: an open document linted again for another file's edit is not parsed again.
    const key = session && input.text !== undefined && !input.readProblem ? `${input.relativePath ?? input.filePath}\0${input.skipUnlessManifest === true}\0${JSON.stringify(settings)}` : undefined;
    let modelled = key !== undefined ? session!.modelled(input.filePath, input.text!, key) : undefined;
    if (!modelled) {
      const fresh = this.model(input, config);
      if (!fresh) return undefined;
      modelled = fresh;
      if (key !== undefined) session!.keep(input.filePath, input.text!, key, modelled);
    }
    const { source, resources, problems } = modelled;
    const directives = new Directives(source, noInlineConfig);
    for (const resource of resources) directives.addResource(resource);
    const reporter = new FileReporter(source, config, directives);
    for (const problem of problems) reporter.inputProblem(problem);
    return { input, config, source, resources, reporter, directives };
  }

  /** Decodes, parses and models one file (objects and input problems); undefined to skip it. */
  private model(input: LintInput, config: ResolvedConfig): ModelledFile | undefined {
    let text = input.text;
    let decodeProblem: { problem: string; line?: number; column?: number; ruleId?: null | 'kubelore/input-limit' } | undefined;
    if (input.readProblem) {
      text = '';
      decodeProblem = { problem: input.readProblem.message, ruleId: input.readProblem.ruleId };
    } else if (text === undefined) {
      const decoded = decodeManifest(input.bytes ?? new Uint8Array());
      if ('problem' in decoded) decodeProblem = decoded;
      else text = decoded.text;
    }
    if (text !== undefined && !input.readProblem && input.skipUnlessManifest && !mayBeManifest(input.filePath, text)) return undefined;
    const { settings } = config;
    const source = parseSourceFile(input.filePath, text ?? '', parseLimitsOf(settings), { fast: preparedParse(input) });
    if (decodeProblem) {
      const range = rangeOfOffsets(source.lineCounter, 0, 0);
      const line = decodeProblem.line ?? 1;
      const column = decodeProblem.column ?? 1;
      source.problems.push({ ruleId: decodeProblem.ruleId ?? null, message: decodeProblem.problem, range: { ...range, line, column, endLine: line, endColumn: column } });
    }
    if (this.freezeValues) for (const document of source.documents) this.freezeValues(document.value);
    const modelled = modelResources(source, settings.defaultNamespace);
    if (!settings.lintTestAssertions) {
      // Test assertions are patterns matched against live objects, and test-tool objects configure the
      // test run: neither is applied, so no rule sees them and they join no index.
      if (isTestAssertionFile(input.relativePath ?? input.filePath)) {
        modelled.resources = [];
        modelled.problems = [];
      }
      else if (modelled.resources.some((resource) => TEST_TOOL_GROUPS.has(resource.group))) modelled.resources = modelled.resources.filter((resource) => !TEST_TOOL_GROUPS.has(resource.group));
    }
    return { source, resources: modelled.resources, problems: [...source.problems, ...modelled.problems] };
  }

  private runRules(file: FileState, index: ResourceIndex, cached: Record<string, CachedFinding[]> | undefined): void {
    const { pass } = file;
    const now = this.now;
    const kindHandlers = new Map<string, Array<{ rule: ResolvedRule; handler: Handler }>>();
    let visited: Set<string> | undefined;
    for (const resolved of file.config.rules) {
      if (resolved.id.startsWith('kubelore/')) continue;
      const reused = cached && Object.hasOwn(cached, resolved.id) ? cached[resolved.id] : undefined;
      if (reused) {
        for (const finding of reused) file.reporter.replay(resolved.id, finding, file.resources);
        continue;
      }
      const { visits } = resolved.rule.meta;
      if (visits) {
        visited ??= visitedKeys(file.resources, index);
        if (!visits.some((key) => visited!.has(key))) continue;
      }
      const context = file.reporter.contextFor(resolved, file.input.filePath, index);
      let visitors: unknown;
      const started = pass ? now() : 0;
      try {
        visitors = resolved.rule.create(context as RuleContext<string, any>);
      } catch (error) {
        file.reporter.ruleError(resolved, undefined, error);
        continue;
      } finally {
        if (pass) addRuleTime(pass, resolved.id, now() - started);
      }
      // A third party's create() may return nothing, a promise or a primitive: a rule error, not a crash.
      if (isThenable(visitors)) {
        visitors.then(undefined, () => undefined);
        file.reporter.ruleError(resolved, undefined, new Error('create() returned a Promise; it must return the visitors themselves'));
        continue;
      }
      if (visitors === null || typeof visitors !== 'object') {
        file.reporter.ruleError(resolved, undefined, new Error(`create() returned ${visitors === null ? 'null' : typeof visitors}, not an object of visitors`));
        continue;
      }
      for (const [key, handler] of Object.entries(visitors)) {
        if (typeof handler !== 'function') continue;
        if (visits && !visits.includes(key)) {
          file.reporter.ruleError(resolved, undefined, new Error(`create() returned a "${key}" visitor that meta.visits does not list`));
          continue;
        }
        let list = kindHandlers.get(key);
        if (!list) kindHandlers.set(key, (list = []));
        list.push({ rule: resolved, handler: handler as Handler });
      }
    }
    if (kindHandlers.size === 0) return;
    const call = (key: string, node: unknown, resource: Resource, only?: (rule: ResolvedRule) => boolean) => {
      for (const { rule, handler } of kindHandlers.get(key) ?? []) {
        if (only && !only(rule)) continue;
        const started = pass ? now() : 0;
        try {
          const returned: unknown = handler(node as never);
          // An async visitor: its rejection would surface after the run (or end the process); its findings
          // would be lost either way. It is a rule error now, and the rejection is swallowed.
          if (isThenable(returned)) {
            returned.then(undefined, () => undefined);
            file.reporter.ruleError(rule, resource, new Error(`the "${key}" visitor returned a Promise; visitors must be synchronous`));
          }
        } catch (error) {
          file.reporter.ruleError(rule, resource, error);
        }
        if (pass) addRuleTime(pass, rule.id, now() - started);
      }
    };
    const wantsPods = kindHandlers.has('PodSpec') || kindHandlers.has('Container');
    for (const resource of file.resources) {
      call('*', resource, resource);
      call(resource.kind, resource, resource);
      if (!wantsPods) continue;
      const pod: PodView | undefined = index.podViewOf(resource);
      if (!pod || (isHelmTestHook(resource) && !file.config.settings.lintHelmTestHooks)) continue;
      // A kustomize patch's pod spec (named so, or listed as a patch by a kustomization of the input) is
      // only what it changes in a base: a field it leaves out is the base's. Only rules that judge the
      // values an object writes see it (the CLI lints the merged object where it renders the kustomization).
      const only = isPatchInInput(index, resource) ? judgesWrittenValues : undefined;
      call('PodSpec', pod, resource, only);
      if (kindHandlers.has('Container')) for (const container of containersOf(pod)) call('Container', container, resource, only);
    }
  }

  /** Results as handed out: sorted, counted, with secret values masked in every message. */
  private results(states: FileState[], stats?: Map<LintInput, { passes: PassStats[]; fixPasses: number }>): LintResult[] {
    return states.map((state) => {
      const messages = state.reporter.messages;
      maskMessages(state.source, messages, rulesById(state.config));
      const result = buildResult(state.input.filePath, messages);
      if (state.directives.ignoredCount > 0) ignoredDirectives.set(result, state.directives.ignoredCount);
      const timed = stats?.get(state.input);
      if (timed) result.stats = { times: { passes: timed.passes }, fixPasses: timed.fixPasses };
      return result;
    });
  }
}

/** The visitor keys that can be called on a file's objects: `'*'`, their kinds, and `PodSpec` and `Container` where one holds a pod. */
function visitedKeys(resources: readonly Resource[], index: ResourceIndex): Set<string> {
  const keys = new Set<string>();
  for (const resource of resources) {
    keys.add('*').add(resource.kind);
    if (index.podViewOf(resource)) keys.add('PodSpec').add('Container');
  }
  return keys;
}

/** Context-only inputs' objects, by input object and the settings they were modelled with. */
const contextCache = new WeakMap<LintInput, { key: string; resources: Resource[] }>();

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

const rulesByConfig = new WeakMap<ResolvedConfig, Map<string, Rule<string, any>>>();

function rulesById(config: ResolvedConfig): Map<string, Rule<string, any>> {
  let rules = rulesByConfig.get(config);
  if (!rules) rulesByConfig.set(config, (rules = new Map(config.rules.map((rule) => [rule.id, rule.rule]))));
  return rules;
}

const fingerprints = new WeakMap<ResolvedConfig, string>();

/** Everything of a resolved config that can change a rule's findings, as one string. */
function configFingerprint(config: ResolvedConfig): string {
  let fingerprint = fingerprints.get(config);
  if (fingerprint === undefined) {
    fingerprint = JSON.stringify({
      rules: config.rules.map((rule) => [rule.id, rule.severity, rule.options]),
      severities: [...config.severities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      settings: config.settings,
      plugins: [...config.plugins].map(([prefix, plugin]) => [prefix, plugin.meta.name, plugin.meta.version ?? null]),
      objects: config.objectOverrides.map((override) => [override.objects, [...override.rules]]),
    });
    fingerprints.set(config, fingerprint);
  }
  return fingerprint;
}

const TEST_CONFIG_FILE = /(^|\/)(chainsaw-test|kuttl-test)\.ya?ml$/i;

/**
 * Folders of chainsaw or kuttl test steps: those holding an assertion or errors file, a test-tool
 * config file, or a test-tool object. Their other files are steps that the tool applies over objects
 * earlier steps created (a merge), so they may be partial.
 */
function testStepFolders(files: readonly FileState[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    const path = file.source.path;
    const toolObject = file.source.documents.some((document) => {
      const value = document.value as { apiVersion?: unknown } | null;
      return typeof value?.apiVersion === 'string' && TEST_TOOL_GROUPS.has(value.apiVersion.split('/')[0]!);
    });
    if (isTestAssertionFile(path) || TEST_CONFIG_FILE.test(path) || toolObject) folders.add(folderOfPath(path));
  }
  return folders;
}

/** The CRDs of the whole input (group, kind, scope), which decide the namespace of custom objects. */
function crdDigest(resources: readonly Resource[]): string {
  const crds = new Set<string>();
  for (const resource of resources) {
    if (resource.kind !== 'CustomResourceDefinition') continue;
    const spec = resource.object.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    crds.add(JSON.stringify([spec?.group ?? null, spec?.names?.kind ?? null, spec?.scope ?? null]));
  }
  return [...crds].sort().join(',');
}

/** The findings of a file that a cache may keep: see FindingsCache. */
function reusableFindings(file: FileState): Record<string, CachedFinding[]> {
  const recorded = file.reporter.recorded ?? new Map<string, CachedFinding[]>();
  file.reporter.recorded = undefined;
  const rules = rulesById(file.config);
  for (const [id, findings] of recorded) if (findings.length > 0 && rules.get(id)?.meta.reportsSecretValues) return {};
  const keep: Record<string, CachedFinding[]> = {};
  for (const resolved of file.config.rules) {
    if (resolved.id.startsWith('kubelore/') || file.reporter.indexReaders.has(resolved.id) || resolved.rule.meta.reportsSecretValues) continue;
    keep[resolved.id] = recorded.get(resolved.id) ?? [];
  }
  return keep;
}
