import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isPlainObject, parsePointer, type LintMessage, type SourceFile } from '@kubelore/core';
import { fileStart, type Locator, type Relocation } from './source-map.js';
import { findExecutable, runTool, toolMessage } from './tool.js';

export const CHART_FILE = 'Chart.yaml';

export function chartFileIn(folder: string): string | undefined {
  const path = join(folder, CHART_FILE);
  return existsSync(path) ? path : undefined;
}

/** `settings.helm`: what `helm template` is given. */
export interface HelmSettings {
  /** Release name (helm's default when unset: `release-name`). */
  releaseName?: string;
  namespace?: string;
  /** Values files, relative to the chart folder. */
  values?: string[];
  /** `--set` entries: `key=value` strings, or an object of keys to values. */
  set?: string[] | Record<string, string | number | boolean>;
  /** `--kube-version`. */
  kubeVersion?: string;
}

export function helmSettingsOf(settings: Record<string, unknown>): HelmSettings {
  const value = settings.helm;
  return isPlainObject(value) ? (value as HelmSettings) : {};
}

/** The arguments of `helm template` for a chart and its settings. */
export function helmTemplateArgs(chartFolder: string, settings: HelmSettings): string[] {
  const args = ['template'];
  if (typeof settings.releaseName === 'string') args.push(settings.releaseName);
  args.push(chartFolder);
  if (typeof settings.namespace === 'string') args.push('--namespace', settings.namespace);
  if (typeof settings.kubeVersion === 'string') args.push('--kube-version', settings.kubeVersion);
  for (const file of Array.isArray(settings.values) ? settings.values : []) if (typeof file === 'string') args.push('--values', resolve(chartFolder, file));
  const set = settings.set;
  if (Array.isArray(set)) for (const entry of set) args.push('--set', String(entry));
  else if (isPlainObject(set)) for (const [key, value] of Object.entries(set)) args.push('--set', `${key}=${String(value)}`);
  return args;
}

export const HELM_MISSING =
  'Helm chart not rendered: `helm` is not on PATH, so its objects were not linted. Install Helm to lint what it renders, or lint its output: `helm template <release> <chart> | kubelore --stdin-filename <chart>/rendered.yaml -`. `--no-render` lints the chart\'s files as they are.';

export interface HelmRender {
  text?: string;
  error?: string;
  missing?: boolean;
}

/** Renders a chart with `helm template` when helm is on PATH. Charts' dependencies are never downloaded. */
export async function renderChart(chartFolder: string, settings: HelmSettings, displayFolder: string): Promise<HelmRender> {
  const helm = findExecutable('helm');
  if (!helm) return { missing: true };
  const run = await runTool(helm, helmTemplateArgs(chartFolder, settings), chartFolder);
  if (run.spawnError) return { error: run.spawnError };
  if (run.code !== 0) return { error: toolMessage(run.stderr, [[resolve(chartFolder), displayFolder]]) || `helm exited with code ${run.code}` };
  return { text: run.stdout };
}

/** The `# Source: chart/templates/x.yaml` comment of each document of `helm template` output. */
export function sourcesOf(rendered: SourceFile): Array<string | undefined> {
  return rendered.documents.map((document) => {
    const head = rendered.text.slice(document.range[0], document.contentsStart);
    // The comment may also sit just before the document's `---` (helm writes `---\n# Source: ...`).
    const match = /^#\s*Source:\s*(\S+)\s*$/m.exec(head);
    return match?.[1];
  });
}

/** `chart/templates/x.yaml` → the template file in the chart folder (subcharts: `chart/charts/sub/templates/...`). */
export function templateFileOf(chartFolder: string, source: string): string | undefined {
  const slash = source.indexOf('/');
  if (slash === -1) return undefined;
  const path = join(chartFolder, source.slice(slash + 1));
  return existsSync(path) ? path : undefined;
}

interface TemplateLine {
  text: string;
  indent: number;
}

const KEY_LINE = /^(\s*)(-\s+)?(["']?)([^"'\s:#{}][^:#{}]*?)\3\s*:(?:\s|$)/;

/**
 * The line of a template a finding belongs to, found by text (templates are not YAML until rendered):
 * the template's document for this object (the n-th object this template rendered, when the template
 * has that many `---` parts), then each key of the pointer in turn, each below and deeper than the last;
 * list items by the `name` they render with, when a line says `- name: <that name>`. Where a key is not
 * found (it comes from an `include`, a `toYaml` or a variable) the last line found stands: the object's
 * start or the nearest key above. Approximate by nature: see docs/integrations.md.
 */
export function templateLocation(templateText: string, occurrence: number, rendered: Record<string, unknown>, pointer: string): { line: number; column: number; endColumn: number } {
  const lines: TemplateLine[] = templateText.split(/\r?\n/).map((text) => ({ text, indent: /^\s*/.exec(text)![0].length }));
  // The template's parts: `---` at the start of a line separates the documents it writes.
  const parts: Array<[number, number]> = [];
  let start = 0;
  lines.forEach((line, index) => {
    if (/^---\s*$/.test(line.text)) {
      parts.push([start, index]);
      start = index + 1;
    }
  });
  parts.push([start, lines.length]);
  const withObjects = parts.filter(([from, to]) => lines.slice(from, to).some((line) => /^\s*kind\s*:/.test(line.text)));
  const kind = typeof rendered.kind === 'string' ? rendered.kind : '';
  const byKind = withObjects.filter(([from, to]) => lines.slice(from, to).some((line) => new RegExp(`^\\s*kind\\s*:\\s*["']?${kind}["']?\\s*$`).test(line.text)));
  const [from, to] = byKind.length > occurrence ? byKind[occurrence]! : byKind[0] ?? withObjects[occurrence] ?? withObjects[0] ?? [0, lines.length];
  // The object's start: its first line of YAML (not a comment, not a template action on its own line).
  let current = from;
  while (current < to && (lines[current]!.text.trim() === '' || /^\s*(#|\{\{)/.test(lines[current]!.text))) current++;
  if (current >= to) current = from;
  let column = lines[current]?.indent ?? 0;
  let keyLength = 0;
  let indent = -1;
  let value: unknown = rendered;
  let segments: string[];
  try {
    segments = parsePointer(pointer);
  } catch {
    segments = [];
  }
  for (const segment of segments) {
    if (Array.isArray(value)) {
      const element: unknown = value[Number(segment)];
      value = element;
      const name = isPlainObject(element) && typeof element.name === 'string' ? element.name : undefined;
      if (name === undefined) continue; // positions in a list are not known before rendering; stay on the list's key
      const found = findLine(lines, current + 1, to, indent, (match) => match[2] !== undefined && match[4] === 'name', name);
      if (found === undefined) break;
      current = found.line;
      indent = found.indent;
      column = found.column;
      keyLength = 4;
      continue;
    }
    value = isPlainObject(value) ? value[segment] : undefined;
    const found = findLine(lines, current + (keyLength === 0 && indent === -1 ? 0 : 1), to, indent, (match) => match[4] === segment);
    if (found === undefined) break;
    current = found.line;
    indent = found.indent;
    column = found.column;
    keyLength = segment.length;
  }
  return { line: current + 1, column: column + 1, endColumn: column + 1 + keyLength };
}

function findLine(
  lines: TemplateLine[],
  from: number,
  to: number,
  minIndent: number,
  test: (match: RegExpExecArray) => boolean,
  itemValue?: string,
): { line: number; indent: number; column: number } | undefined {
  for (let index = from; index < to; index++) {
    const text = lines[index]!.text;
    const match = KEY_LINE.exec(text);
    if (!match) continue;
    const keyColumn = match[1]!.length + (match[2]?.length ?? 0);
    if (minIndent >= 0 && keyColumn <= minIndent) {
      // Back at the parent's level: the key is not in this block (unless a template action shifted it).
      if (match[1]!.length <= minIndent && !/^\s*$/.test(text)) return undefined;
      continue;
    }
    if (!test(match)) continue;
    if (itemValue !== undefined) {
      const rest = text.slice(match[0].length).trim().replace(/^["']|["']$/g, '');
      if (rest !== itemValue && !rest.includes('{{')) continue;
    }
    // A list item's block is everything indented past its dash: its keys sit at the first key's column.
    return { line: index, indent: match[2] !== undefined ? match[1]!.length : keyColumn, column: keyColumn };
  }
  return undefined;
}

export interface HelmMapping {
  chartFolder: string;
  chartFile: string;
  rendered: SourceFile;
  sources: ReadonlyArray<string | undefined>;
}

/** Maps a finding on `helm template` output to its template file (see templateLocation for how, and its limits). */
export function helmLocator(mapping: HelmMapping): Locator {
  const { chartFolder, chartFile, rendered, sources } = mapping;
  const texts = new Map<string, string | null>();
  const textOf = (file: string): string | undefined => {
    let text = texts.get(file);
    if (text === undefined) {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = null;
      }
      texts.set(file, text);
    }
    return text ?? undefined;
  };
  return (message: LintMessage): Relocation => {
    const ref = message.resource;
    if (!ref) return fileStart(chartFile);
    const source = sources[ref.document];
    const file = source ? templateFileOf(chartFolder, source) : undefined;
    const text = file ? textOf(file) : undefined;
    const value = rendered.documents[ref.document]?.value;
    if (!file || text === undefined || !isPlainObject(value)) return fileStart(chartFile);
    // Which of this template's objects it is, counting the objects it rendered before this one.
    let occurrence = 0;
    for (let index = 0; index < ref.document; index++) if (sources[index] === source && rendered.documents[index]?.value) occurrence++;
    const at = templateLocation(text, occurrence, value, message.path ?? '');
    return { file, line: at.line, column: at.column, endLine: at.line, endColumn: at.endColumn };
  };
}
