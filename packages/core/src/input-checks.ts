import { isMap, isScalar, visit, type Document, type LineCounter } from 'yaml';
import { joinPointer } from './pointer.js';
import { rangeOfOffsets } from './position.js';
import { defaultParseLimits, type InputProblem, type ParseLimits } from './source.js';

// Checks on the input itself, each returning the problems it found: a binary or oversized file, template
// syntax, YAML errors, documents nested too deeply. `parse.ts` decides what they mean for a document.

export function binaryFileProblem(text: string, lineCounter: LineCounter): InputProblem | undefined {
  if (!text.includes('\0')) return undefined;
  return { ruleId: null, message: 'Binary file (contains NUL bytes): not a YAML or JSON manifest.', range: rangeOfOffsets(lineCounter, 0, 0) };
}

export function fileSizeProblem(text: string, lineCounter: LineCounter, limits: ParseLimits): InputProblem | undefined {
  if (text.length <= limits.maxFileSize) return undefined;
  return {
    ruleId: 'kubelore/input-limit',
    message: `File is ${text.length} characters, over the limit of ${limits.maxFileSize} (setting maxFileSize); not linted.`,
    range: rangeOfOffsets(lineCounter, 0, 0),
  };
}

/**
 * Refuses a file with more nodes than `maxNodes`, counted before parsing as its lines plus its commas
 * (flow items): an upper bound in block style, close to the count for files of tiny values, where
 * yaml's parse holds about 1 KB per node (a 2.4 MB file of `- 1` items peaked at 420 MB).
 */
export function nodeCountProblem(text: string, lineCounter: LineCounter, limits: ParseLimits): InputProblem | undefined {
  const maxNodes = limits.maxNodes ?? defaultParseLimits.maxNodes!;
  // Real manifests have about 24,000 lines and commas per MB: only files near the limit are counted.
  if (text.length <= maxNodes) return undefined;
  let nodes = lineCounter.lineStarts.length;
  if (nodes > maxNodes) return nodeLimitProblem(maxNodes, lineCounter);
  for (let comma = text.indexOf(','); comma !== -1; comma = text.indexOf(',', comma + 1)) {
    if (++nodes > maxNodes) return nodeLimitProblem(maxNodes, lineCounter);
  }
  return undefined;
}

function nodeLimitProblem(maxNodes: number, lineCounter: LineCounter): InputProblem {
  return {
    ruleId: 'kubelore/input-limit',
    message: `File has more than ${maxNodes} lines and commas (about one YAML node each; setting maxNodes), so parsing it would take about ${Math.round(maxNodes / 1000)} MB or more; not linted.`,
    range: rangeOfOffsets(lineCounter, 0, 0),
  };
}

/**
 * Where the first `{{ … }}` or `{% … %}` of a line starts, when it starts before any `#` (a comment):
 * Helm, gomplate, Jinja and friends. Plain index searches, not a regular expression: a lazy pattern
 * backtracks quadratically on a long line full of `{{` without `}}`.
 */
function templateStartOnLine(line: string): number {
  const comment = line.indexOf('#');
  const limit = comment === -1 ? line.length : comment;
  let first = -1;
  for (const [open, close] of [['{{', '}}'], ['{%', '%}']] as const) {
    const at = line.indexOf(open);
    if (at !== -1 && at < limit && (first === -1 || at < first) && line.indexOf(close, at + 2) !== -1) first = at;
  }
  return first;
}

/** A scalar that is a value (not a key): its range and whether it is PLAIN. */
export interface ValueScalar {
  start: number;
  end: number;
  plain: boolean;
}

/** The scalar of `scalars` (sorted, not overlapping: document order) that holds `offset`, by bisection. */
function scalarAt(scalars: ValueScalar[], offset: number): ValueScalar | undefined {
  let low = 0;
  let high = scalars.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const scalar = scalars[middle]!;
    if (offset < scalar.start) high = middle - 1;
    else if (offset >= scalar.end) low = middle + 1;
    else return scalar;
  }
  return undefined;
}

/** Scalars of a node tree that are values (not keys), in document order. */
export function valueScalarsOfTree(doc: Document): ValueScalar[] {
  const scalars: ValueScalar[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || !node.range) return;
      scalars.push({ start: node.range[0], end: node.range[1], plain: !node.type || node.type === 'PLAIN' });
    },
  });
  return scalars.sort((a, b) => a.start - b.start);
}

export type TemplateVerdict =
  | { kind: 'none' }
  /** Template syntax only inside values: the structure is as written; a plain-scalar placeholder is noted. */
  | { kind: 'placeholder'; offset: number }
  /** Template syntax that shapes the document (a bare `{{- if }}` line, a key, a flow mapping): skip it. */
  | { kind: 'structural'; offset: number };

/**
 * Whether a document's template syntax is data or structure. Quoted and block scalars legitimately carry
 * templates for other tools (alert descriptions, Argo parameters, scripts) and are not reported. A plain
 * scalar holding one (`image: app:{{tag}}`) still parses to the right structure: it is linted, and the
 * placeholder noted once. Anywhere else (a line that is only `{{- if … }}`, a key, an unquoted
 * `{{ x }}`, which YAML reads as a flow mapping) the document's shape depends on rendering.
 * `valueScalars` lists the document's value scalars in document order; it is called only when needed.
 */
export function classifyTemplates(text: string, valueScalars: () => ValueScalar[], start: number, end: number): TemplateVerdict {
  const slice = text.slice(start, end);
  if (!slice.includes('{{') && !slice.includes('{%')) return { kind: 'none' };
  let scalars: ValueScalar[] | undefined;
  let placeholder = -1;
  let lineStart = 0;
  while (lineStart <= slice.length) {
    const newline = slice.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? slice.length : newline;
    const at = templateStartOnLine(slice.slice(lineStart, lineEnd));
    if (at !== -1) {
      const offset = start + lineStart + at;
      scalars ??= valueScalars();
      const scalar = scalarAt(scalars, offset);
      if (!scalar) return { kind: 'structural', offset };
      if (scalar.plain && placeholder === -1) placeholder = offset;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return placeholder === -1 ? { kind: 'none' } : { kind: 'placeholder', offset: placeholder };
}

function keyText(key: unknown, text: string): string {
  const raw = isScalar(key) ? String(key.value) : key && typeof key === 'object' && 'range' in key && Array.isArray(key.range) ? text.slice(key.range[0], key.range[1]) : String(key);
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

/**
 * `kubelore/duplicate-key` problems, found in one pass with a hash of each mapping's keys: linear in the
 * number of keys (yaml's own `uniqueKeys` check compares every key with every earlier one, quadratic in
 * a mapping's size: 40,000 keys took 19 s). Each names the key and the line of its first occurrence.
 */
export function duplicateKeyProblems(doc: Document, text: string, lineCounter: LineCounter, documentIndex: number): InputProblem[] {
  const problems: InputProblem[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key as { range?: [number, number, number] } | null;
        if (!key?.range) continue;
        // `<<` merge keys may repeat (several merges); yaml does not count them either. Parsed with
        // merges on, yaml holds a merge key's value as a symbol.
        if (isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol')) continue;
        const identity = isScalar(pair.key) ? `s:${typeof pair.key.value}:${String(pair.key.value)}` : `n:${text.slice(key.range[0], key.range[1])}`;
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, key.range[0]);
          continue;
        }
        const name = keyText(pair.key, text);
        problems.push({
          ruleId: 'kubelore/duplicate-key',
          message: `Duplicate key "${name}" (first at line ${lineCounter.linePos(first).line}): YAML requires unique keys, and tools disagree on which value wins.`,
          range: rangeOfOffsets(lineCounter, key.range[0], key.range[1]),
          documentIndex,
        });
      }
    },
  });
  return problems;
}

/** Children of a plain value, as [key, child] pairs. */
function childrenOf(value: object): Array<[string | number, unknown]> {
  return Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
}

/**
 * The pointer to the first object or array nested deeper than `maxDepth`, or undefined. Walks with its
 * own stack over the plain value, so depth gained through aliases counts too: rules and serialisers
 * recurse, and a document nested thousands deep must be stopped before any of them sees it.
 */
export function firstTooDeepPointer(value: unknown, maxDepth: number): string | undefined {
  let tooDeep = false;
  const depths: Array<[unknown, number]> = [[value, 1]];
  while (depths.length > 0 && !tooDeep) {
    const [node, depth] = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) tooDeep = true;
    else for (const child of Array.isArray(node) ? node : Object.values(node)) depths.push([child, depth + 1]);
  }
  if (!tooDeep) return undefined;
  // Rare: walk again, keeping paths this time, to say where.
  const paths: Array<[unknown, number, string]> = [[value, 1, '']];
  while (paths.length > 0) {
    const [node, depth, pointer] = paths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return pointer;
    for (const [key, child] of childrenOf(node)) paths.push([child, depth + 1, joinPointer(pointer, key)]);
  }
  return undefined;
}
