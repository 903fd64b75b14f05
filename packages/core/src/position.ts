import { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, type LineCounter, type Node } from 'yaml';
import { parsePointer } from './pointer.js';

/** A 1-based source range, as editors and SARIF count. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based character offsets into the file text. */
  offset: number;
  endOffset: number;
}

/**
 * Where in a resolved node a finding points: the key that names it, or the value (a mapping or a list at
 * the key that names it); `node` is the value itself, a mapping or a list at its first line, for findings
 * about the value being a mapping or a list.
 */
export type ReportTarget = 'key' | 'value' | 'node';

interface Located {
  node: Node;
  key: Node | null;
  /**
   * The entry was found in a mapping that a `<<` merge key brings in, so its text is shared with every
   * mapping that merges it (an edit there changes them all).
   */
  merged?: true;
}

/** A merge key as parse.ts reads it (merges on: yaml holds `<<` as a symbol), or `<<` itself. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (!key.type || key.type === 'PLAIN') && (typeof key.value === 'symbol' || key.value === '<<');
}

/**
 * The entry named `segment` that the merge keys of `map` bring in, in the order a merge fills the
 * mapping (yaml's, the YAML 1.1 merge rule): the first merge key, and within a list of sources the first.
 */
function mergedEntry(map: YAMLMap, segment: string, doc: Document, depth = 0): Located | null {
  if (depth > 20) return null;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const value = resolveAlias(pair.value, doc);
    for (const source of isSeq(value) ? value.items.map((item) => resolveAlias(item, doc)) : [value]) {
      if (!isMap(source)) continue;
      for (let i = source.items.length - 1; i >= 0; i--) {
        const entry = source.items[i]!;
        if (!isMergeKey(entry.key) && keyName(resolveAlias(entry.key, doc)) === segment && entry.value != null) return { node: entry.value as Node, key: entry.key as Node, merged: true };
      }
      const deeper = mergedEntry(source, segment, doc, depth + 1);
      if (deeper) return deeper;
    }
  }
  return null;
}

function resolveAlias(node: unknown, doc: Document): unknown {
  // An alias has no position of its own worth showing; the anchored node does.
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * Walks a JSON pointer through a YAML node tree. Returns the deepest node reached and whether the whole
 * pointer was found, so a missing field can be reported at its nearest existing ancestor.
 */
export function nodeAtPointer(doc: Document, pointer: string): Located & { complete: boolean } {
  let current: Located = { node: doc.contents as Node, key: null };
  const segments = parsePointer(pointer);
  for (const segment of segments) {
    const node = resolveAlias(current.node, doc);
    let next: Located | null = null;
    if (isMap(node)) {
      // The last pair with the key: with a duplicate key the last value is the one read (and linted),
      // so a finding, and the secret mask at its range, is at that value. Keys are compared as the plain
      // value names them: a null key is "", a collection key its flow text.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!;
        const key = resolveAlias(pair.key, doc);
        if (keyName(key) === segment && pair.value != null) {
          next = { node: pair.value as Node, key: key as Node };
          break;
        }
      }
      // Not written in the mapping: a `<<` merge key may bring it in, from the text of its source.
      next ??= mergedEntry(node, segment, doc);
      if (next && current.merged) next.merged = true;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      const item = node.items[Number(segment)];
      if (item != null && !isPair(item)) next = { node: item as Node, key: null, ...(current.merged ? { merged: true as const } : {}) };
    }
    if (!next) return { ...current, complete: false };
    current = next;
  }
  return { ...current, complete: true };
}

function keyName(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (isCollection(key)) {
    // As the plain value names it: yaml's own key stringification, through a one-pair document.
    const map = new YAMLMap();
    map.items.push(new Pair(key, null));
    const doc = new Document(null, { logLevel: 'error' });
    doc.contents = map;
    return Object.keys((doc.toJS({ maxAliasCount: -1 }) ?? {}) as object)[0] ?? '';
  }
  return String(key);
}

function firstLineEnd(text: string, start: number, end: number): number {
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 ? text.length : newline;
  return Math.max(start, Math.min(end, lineEnd));
}

/**
 * Turns a pointer into a 1-based range. A scalar is reported where it stands; a mapping or sequence at
 * the key that names it (a whole block would light up half the file), or at its first line when it has
 * no key (a list item). A missing path is reported at its nearest ancestor that exists.
 */
export function rangeOfPointer(
  doc: Document,
  text: string,
  lineCounter: LineCounter,
  pointer: string,
  target: ReportTarget = 'value',
  within?: [number, number],
): SourceRange {
  const found = nodeAtPointer(doc, pointer);
  const node = resolveAlias(found.node, doc) as Node | null;
  if (within && found.complete && isScalar(node) && node.range) {
    const inside = offsetsWithinScalar(node, text, within);
    if (inside) return rangeOfOffsets(lineCounter, inside[0], inside[1]);
  }
  let start = 0;
  let end = 0;
  const useKey = found.key?.range && (target === 'key' || !found.complete || (isCollection(node) && target !== 'node'));
  if (useKey && found.key?.range) {
    [start, end] = found.key.range;
  } else if (node?.range) {
    start = node.range[0];
    end = isCollection(node) ? firstLineEnd(text, start, node.range[1]) : node.range[1];
  } else if (doc.range) {
    start = doc.range[0];
    end = firstLineEnd(text, start, doc.range[1]);
  }
  return rangeOfOffsets(lineCounter, start, end);
}

/**
 * Maps `[start, end)` of a string scalar's value onto the file text. The part is looked up as text: the
 * n-th occurrence in the value is the n-th in the source, after a block scalar's header line (which may
 * carry a comment). A part that escapes or folding changed, or that spans lines, is not found: undefined.
 */
export function offsetsWithinScalar(node: Node, text: string, within: [number, number]): [number, number] | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  return offsetsWithinValue(node.value, block, node.range[0], node.range[1], text, within);
}

/** offsetsWithinScalar for a scalar known by its value, whether it is a block scalar, and its range. */
export function offsetsWithinValue(
  value: unknown,
  block: boolean,
  rangeStart: number,
  rangeEnd: number,
  text: string,
  [start, end]: [number, number],
): [number, number] | undefined {
  if (typeof value !== 'string' || start < 0 || end <= start || end > value.length) return undefined;
  const part = value.slice(start, end);
  if (part.includes('\n')) return undefined;
  let occurrence = 0;
  for (let at = value.indexOf(part); at !== -1 && at < start; at = value.indexOf(part, at + 1)) occurrence++;
  let from = rangeStart;
  if (block) {
    const newline = text.indexOf('\n', from);
    if (newline === -1) return undefined;
    from = newline + 1;
  }
  let at = text.indexOf(part, from);
  for (let seen = 0; at !== -1 && at + part.length <= rangeEnd; at = text.indexOf(part, at + 1), seen++) {
    if (seen === occurrence) return [at, at + part.length];
  }
  return undefined;
}

export function rangeOfOffsets(lineCounter: LineCounter, start: number, end: number): SourceRange {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col, offset: start, endOffset: Math.max(start, end) };
}
