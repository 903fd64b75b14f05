import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { buildResult, isPlainObject, type ConfigArray, type LintInput, type LintMessage, type LintResult, type Linter, type ResolvedConfig, type SourceFile } from '@kubelore/core';
import { Directives, isIgnoredByConfig, parseSourceFile } from '@kubelore/core/internal';
import type { FoundFile } from '../files.js';
import { chartFileIn, helmLocator, helmSettingsOf, HELM_MISSING, renderChart, sourcesOf } from './helm.js';
import { buildKustomization, kustomizationFileIn, kustomizeCommand, readKustomizationTree, type KustomizationTree } from './kustomize.js';
import { kustomizeLocator, SourceCache, stripOrigins, type Locator, type Relocation } from './source-map.js';

export interface RenderContext {
  cwd: string;
  /** The folder config globs are relative to. */
  base: string;
  configs: ConfigArray;
  linter: Linter;
  reportUnusedDirectives?: boolean;
  /** Whether a render unit (by its kustomization or Chart.yaml) is in this run's shard. */
  inShard?: (file: string) => boolean;
}

/**
 * `files`: the manifests the render reads, each listed in the report even without findings: a chart's
 * files that the walk found; a kustomization's YAML and JSON files (its bases outside a named folder too,
 * as their findings are; not generator sources such as `.env` files).
 */
type Unit =
  | { type: 'kustomize'; folder: string; file: string; tree: KustomizationTree; files: string[] }
  | { type: 'helm'; folder: string; file: string; files: string[] };

export interface RenderPlan {
  units: Unit[];
  /** Files that rendering reads: not linted on their own. */
  consumed: Set<string>;
}

const MANIFEST_NAME = /\.(ya?ml|json)$/i;

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** `settings.kustomize`: `lintBases` also renders, on its own, each kustomization that another one found renders. */
export function kustomizeSettingsOf(settings: Record<string, unknown>): { lintBases: boolean } {
  const value = settings.kustomize;
  return { lintBases: isPlainObject(value) && value.lintBases === true };
}

/**
 * What to render among the files found: each folder named or walked that holds a kustomization or a
 * Chart.yaml. A kustomization that another found one includes (a base, a component) is rendered through
 * it only, unless named on the command line or `settings.kustomize.lintBases`; subcharts through their
 * chart. Files named one by one are never rendered: they are linted as they are.
 */
export function planRenders(files: readonly FoundFile[], patterns: readonly string[], cwd: string, configFor: (file: string) => ResolvedConfig): RenderPlan {
  const named = new Set<string>();
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) named.add(absolute);
  }
  const folders = new Set<string>(named);
  for (const file of files) if (!file.explicit) folders.add(dirname(file.path));
  // Charts: each folder with a Chart.yaml among these folders and their parents (up to a named folder or
  // cwd); a chart inside another is a subchart, rendered by its parent.
  const roots = [...named, resolve(cwd)];
  const charts = new Set<string>();
  for (const folder of folders) {
    for (let current = folder; ; current = dirname(current)) {
      if (chartFileIn(current)) charts.add(current);
      if (roots.includes(current) || dirname(current) === current || !roots.some((root) => inside(current, root))) break;
    }
  }
  const chartRoots = [...charts].filter((chart) => ![...charts].some((other) => other !== chart && inside(chart, other)));
  const units: Unit[] = [];
  const consumed = new Set<string>();
  for (const chart of chartRoots.sort()) {
    const read = files.filter((file) => !file.explicit && inside(file.path, chart)).map((file) => file.path);
    units.push({ type: 'helm', folder: chart, file: chartFileIn(chart)!, files: read });
    for (const file of read) consumed.add(file);
  }
  const trees = new Map<string, KustomizationTree>();
  for (const folder of [...folders].sort()) {
    if (chartRoots.some((chart) => inside(folder, chart)) || !kustomizationFileIn(folder)) continue;
    try {
      trees.set(folder, readKustomizationTree(folder));
    } catch {
      // Unreadable: kustomize will say why when it renders.
    }
  }
  const included = new Set<string>();
  for (const [folder, tree] of trees) for (const node of tree.nodes) if (node.folder !== folder) included.add(node.folder);
  for (const [folder, tree] of trees) {
    const explicit = named.has(folder);
    const lintBases = kustomizeSettingsOf(configFor(tree.root.file).settings).lintBases;
    if (!explicit && tree.root.kind === 'Component') continue;
    if (!explicit && included.has(folder) && !lintBases) {
      for (const file of tree.files) consumed.add(file);
      continue;
    }
    units.push({ type: 'kustomize', folder, file: tree.root.file, tree, files: [...tree.files].filter((file) => MANIFEST_NAME.test(file)) });
    for (const file of tree.files) consumed.add(file);
  }
  // A file named on the command line is linted as it is, even when a render also reads it.
  for (const file of files) if (file.explicit) consumed.delete(file.path);
  return { units, consumed };
}

interface RenderedUnit {
  unit: Unit;
  input?: LintInput;
  locator?: Locator;
  /** Findings about the unit itself (render errors, remote bases, helm missing). */
  problems: Array<{ ruleId: 'kubelore/render-error' | 'kubelore/not-rendered'; message: string; at: Relocation }>;
}

const CONCURRENCY = 2;

async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * Renders the plan's units, lints the rendered objects of all of them together (never fixed: the edits
 * would be on text nobody keeps) and reports each finding on the file that defines the object.
 */
export async function lintRendered(plan: RenderPlan, context: RenderContext): Promise<LintResult[]> {
  const { cwd, base, configs, linter } = context;
  const display = (file: string) => toPosix(relative(cwd, file)) || file;
  const cache = new SourceCache();
  // A unit whose kustomization or Chart.yaml the config ignores is not rendered (a named folder can be).
  const units = plan.units.filter((unit) => (!context.inShard || context.inShard(unit.file)) && !isIgnoredByConfig(configs, toPosix(relative(base, unit.file))));
  const tool = units.some((unit) => unit.type === 'kustomize') ? kustomizeCommand() : undefined;
  const rendered = await pool(units, CONCURRENCY, async (unit): Promise<RenderedUnit> => {
    const start = { file: unit.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const inputOf = (text: string): LintInput => ({ filePath: display(unit.file), relativePath: toPosix(relative(base, unit.file)), text });
    if (unit.type === 'kustomize') {
      if (unit.tree.problems.length > 0) {
        return {
          unit,
          problems: unit.tree.problems.map((problem) => {
            const source = cache.get(problem.file);
            const range = source ? source.locate(0, problem.pointer) : start;
            return { ruleId: 'kubelore/not-rendered' as const, message: problem.message, at: { file: problem.file, line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn } };
          }),
        };
      }
      if (!tool) return { unit, problems: [{ ruleId: 'kubelore/not-rendered', message: 'Kustomization not rendered: neither `kustomize` nor `kubectl` is on PATH, so its objects were not linted. Install one, or use --no-render to lint its files as they are.', at: start }] };
      const build = await buildKustomization(unit.folder, tool, display(unit.folder) || '.');
      if (build.error !== undefined || build.text === undefined) return { unit, problems: [{ ruleId: 'kubelore/render-error', message: `${tool.name} failed: ${build.error ?? 'no output'}`, at: start }] };
      const stripped = stripOrigins(build.text);
      const source = parseSourceFile(unit.file, stripped.text);
      return { unit, input: inputOf(stripped.text), locator: kustomizeLocator({ tree: unit.tree, base: build.base, origins: stripped.origins, rendered: source, cache }), problems: [] };
    }
    const settings = helmSettingsOf(linter.configFor(configs, toPosix(relative(base, unit.file))).settings);
    const render = await renderChart(unit.folder, settings, display(unit.folder) || '.');
    if (render.missing) return { unit, problems: [{ ruleId: 'kubelore/not-rendered', message: HELM_MISSING, at: start }] };
    if (render.error !== undefined || render.text === undefined) return { unit, problems: [{ ruleId: 'kubelore/render-error', message: `helm template failed: ${render.error ?? 'no output'}`, at: start }] };
    const source = parseSourceFile(unit.file, render.text);
    return { unit, input: inputOf(render.text), locator: helmLocator({ chartFolder: unit.folder, chartFile: unit.file, rendered: source, sources: sourcesOf(source) }), problems: [] };
  });

  const withInput = rendered.filter((entry) => entry.input);
  const results = withInput.length > 0 ? linter.lint(withInput.map((entry) => entry.input!), configs, { reportUnusedDirectives: context.reportUnusedDirectives }) : [];
  const byFile = new Map<string, LintMessage[]>();
  const seen = new Set<string>();
  const directives = new Map<string, Directives | null>();
  const suppressed = (file: string, ruleId: string | null, line: number): boolean => {
    if (ruleId === null) return false;
    let found = directives.get(file);
    if (found === undefined) {
      const source: SourceFile | undefined = cache.get(file);
      directives.set(file, (found = source ? new Directives(source) : null));
    }
    return found?.suppresses(ruleId, line, undefined) ?? false;
  };
  const add = (message: LintMessage, at: Relocation) => {
    if (suppressed(at.file, message.ruleId, at.line)) return;
    const moved: LintMessage = { ...message, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, fix: null, suggestions: [] };
    if (message.resource) moved.resource = { ...message.resource, document: at.document ?? 0 };
    const key = `${at.file}\0${moved.ruleId}\0${moved.line}\0${moved.column}\0${moved.message}`;
    if (seen.has(key)) return; // two overlays of one base, each with the same finding on the base
    seen.add(key);
    let list = byFile.get(at.file);
    if (!list) byFile.set(at.file, (list = []));
    list.push(moved);
  };
  const resultByPath = new Map(results.map((result) => [result.filePath, result]));
  for (const entry of withInput) {
    for (const message of resultByPath.get(entry.input!.filePath)?.messages ?? []) add(message, entry.locator!(message));
  }
  for (const entry of rendered) {
    for (const problem of entry.problems) {
      const config = linter.configFor(configs, toPosix(relative(base, entry.unit.file)));
      const severity = config.severities.get(problem.ruleId) ?? (problem.ruleId === 'kubelore/not-rendered' ? 1 : 2);
      if (severity === 0) continue;
      add({ ruleId: problem.ruleId, severity, message: problem.message, line: 1, column: 1, endLine: 1, endColumn: 1, fix: null, suggestions: [] }, problem.at);
    }
  }
  // Every file the renders read has a result, as a file linted on its own does: JSON, SARIF and JUnit
  // list the files that passed too.
  // (Not those of a unit that failed to render: they were not linted.)
  for (const entry of withInput) for (const file of entry.unit.files) if (!byFile.has(file) && existsSync(file)) byFile.set(file, []);
  return [...byFile].map(([file, messages]) => buildResult(display(file), messages));
}

/**
 * Results of one file from several runs (plain files and rendered objects) as one result per file. A
 * result already there keeps its identity (fixed text is looked up by result), with the messages added.
 */
export function mergeResults(results: LintResult[], extra: LintResult[]): LintResult[] {
  if (extra.length === 0) return results;
  const byPath = new Map<string, LintResult>(results.map((result) => [result.filePath, result]));
  for (const result of extra) {
    const existing = byPath.get(result.filePath);
    if (!existing) {
      byPath.set(result.filePath, result);
      continue;
    }
    const merged = buildResult(result.filePath, [...existing.messages, ...result.messages]);
    Object.assign(existing, { ...merged, output: existing.output });
    if (existing.output === undefined) delete existing.output;
  }
  return [...byPath.values()];
}
