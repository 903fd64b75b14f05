import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { Linter, type ConfigArray, type FixOptions, type LintInput, type LintResult, type Rule } from '@kubelore/core';
import { isIgnoredByConfig, LintSession } from '@kubelore/core/internal';
import { findFiles, Kubelore } from 'kubelore';
import type { ServerSettings } from './settings.js';

/** The names the CLI looks up; a change to one of them reloads the config. */
export const CONFIG_FILE_PATTERN = /^kubelore\.config\.([cm]?[jt]s|json|ya?ml)$/;

export interface LoadedConfig {
  configs: ConfigArray;
  /** The folder config `files` globs are relative to. */
  base: string;
  file: string | undefined;
  rules: Map<string, Rule<string, any>>;
}

/** An open document's text as the linter takes it. */
export interface OpenText {
  path: string;
  text: string;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * The workspace as kubelore sees it: the config, and every manifest file on disk (found by the CLI's own
 * rules: `.yaml`, `.yml`, `.json`, `.gitignore` honoured, files that never mention `kind` skipped) as a
 * context-only input whose objects stay parsed until the file changes. Open documents are linted against
 * all of it, their buffers standing in for their files.
 */
export class Workspace {
  private readonly linter = new Linter();
  /**
   * The last run's index, parses and findings: an edit updates the index with the edited file's objects
   * and re-runs only the rules that read it on the other open documents. A new config starts it afresh.
   */
  private readonly session = new LintSession();
  /** Disk files by absolute path. */
  private readonly files = new Map<string, LintInput>();
  /** Context inputs of open documents that a run does not lint, by path, kept while the text is the same. */
  private readonly openContext = new Map<string, LintInput>();
  private config: LoadedConfig | undefined;

  constructor(readonly root: string | undefined) {}

  get fileCount(): number {
    return this.files.size;
  }

  get configFile(): string | undefined {
    return this.config?.file;
  }

  /** Loads the config (throws ConfigError when it is bad). A new Kubelore each time: its config is cached. */
  async loadConfig(settings: ServerSettings): Promise<LoadedConfig> {
    const cwd = this.root ?? process.cwd();
    const kubelore = new Kubelore({
      cwd,
      preset: settings.preset,
      overrideConfigFile: settings.configPath ? resolve(cwd, settings.configPath) : undefined,
      configLookup: this.root !== undefined || settings.configPath !== undefined,
      kubernetesVersion: settings.kubernetesVersion,
    });
    const { configs, base, file } = await kubelore.loadConfig();
    this.config = { configs, base, file, rules: await kubelore.getRules() };
    return this.config;
  }

  /** Finds and reads every manifest file of the workspace. */
  async index(): Promise<void> {
    this.files.clear();
    if (!this.root) return;
    const config = this.requireConfig();
    const found = await findFiles(['.'], this.root, { errorOnUnmatchedPattern: false });
    await Promise.all(
      found.map(async ({ path }) => {
        if (isIgnoredByConfig(config.configs, this.relativePath(path))) return;
        await this.readFromDisk(path);
      }),
    );
    // Parse, model and index every file now, not on the first keystroke: a run with no file to lint.
    this.linter.lint(this.sortedInputs([]), config.configs, { session: this.session });
  }

  /** Reads one file again (after a change on disk); false when it is gone or unreadable. */
  async readFromDisk(path: string): Promise<boolean> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      this.files.delete(path);
      return false;
    }
    this.files.set(path, { filePath: this.displayPath(path), relativePath: this.relativePath(path), bytes, skipUnlessManifest: true, contextOnly: true });
    return true;
  }

  forget(path: string): void {
    this.files.delete(path);
  }

  /** Whether a path is inside the workspace folder (any file: documents belong to the innermost folder). */
  contains(path: string): boolean {
    if (!this.root) return false;
    const inside = relative(this.root, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  }

  /** How the last lint got its index (`built`, `updated` in place, `unchanged`): for the log and the tests. */
  get lastIndex(): string | undefined {
    return this.session.lastIndex;
  }

  /** Whether a path is one the workspace index covers (a manifest extension inside the root). */
  covers(path: string): boolean {
    if (!this.root || !/\.(ya?ml|json)$/i.test(path)) return false;
    const inside = relative(this.root, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(inside);
  }

  isConfigFile(path: string): boolean {
    return CONFIG_FILE_PATTERN.test(basename(path));
  }

  /** How results and messages name a file: relative to the workspace folder, as the CLI run from there does. */
  displayPath(path: string): string {
    if (!this.root) return toPosix(path);
    const inside = relative(this.root, path);
    return inside.startsWith('..') || isAbsolute(inside) ? toPosix(path) : toPosix(inside) || toPosix(path);
  }

  private relativePath(path: string): string {
    const base = this.config?.base ?? this.root ?? dirname(path);
    return toPosix(relative(base, path));
  }

  private requireConfig(): LoadedConfig {
    if (!this.config) throw new Error('The config is not loaded yet.');
    return this.config;
  }

  get rules(): Map<string, Rule<string, any>> {
    return this.config?.rules ?? new Map();
  }

  /**
   * Lints `targets` (open documents) in one run with every other file of the workspace, and the other open
   * documents, as context. Returns each target's result by path; none for a file the config ignores or
   * that does not look like Kubernetes objects.
   */
  lint(targets: readonly OpenText[], others: readonly OpenText[], fix?: FixOptions): Map<string, LintResult> {
    const config = this.requireConfig();
    const byDisplay = new Map<string, string>();
    const entries: Array<[string, LintInput]> = [];
    for (const target of targets) {
      const filePath = this.displayPath(target.path);
      byDisplay.set(filePath, target.path);
      entries.push([target.path, { filePath, relativePath: this.relativePath(target.path), text: target.text, skipUnlessManifest: true }]);
    }
    for (const other of others) entries.push([other.path, this.openContextInput(other)]);
    const open = new Set(entries.map(([path]) => path));
    for (const path of this.openContext.keys()) if (!open.has(path)) this.openContext.delete(path);
    const inputs = this.sortedInputs(entries);
    // Fixing lints fixed texts in passes: the session is kept for the edits, which its index follows.
    const results = fix ? this.linter.lintAndFix(inputs, config.configs, fix) : this.linter.lint(inputs, config.configs, { session: this.session });
    const out = new Map<string, LintResult>();
    for (const result of results) {
      const path = byDisplay.get(result.filePath);
      if (path !== undefined) out.set(path, result);
    }
    return out;
  }

  /** The disk files with `open` standing in for theirs, in the CLI's order (files sorted by path): which of two duplicates is "the later" depends on it. */
  private sortedInputs(open: ReadonlyArray<[string, LintInput]>): LintInput[] {
    const replaced = new Set(open.map(([path]) => path));
    const entries: Array<[string, LintInput]> = [...open];
    for (const [path, input] of this.files) if (!replaced.has(path)) entries.push([path, input]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.map(([, input]) => input);
  }

  private openContextInput(document: OpenText): LintInput {
    const known = this.openContext.get(document.path);
    if (known?.text === document.text) return known;
    const input: LintInput = { filePath: this.displayPath(document.path), relativePath: this.relativePath(document.path), text: document.text, skipUnlessManifest: true, contextOnly: true };
    this.openContext.set(document.path, input);
    return input;
  }
}
