import { stringify } from 'yaml';
import { tableShape, treeShape, type DocumentShape, type MapShape } from './edit-shapes.js';
import { positionTableOf } from './parse.js';
import { parsePointer } from './pointer.js';
import type { ReportNode, TextEdit } from './rule.js';
import type { SourceFile } from './source.js';

/**
 * Builds text edits against the original YAML of one document, so fixes keep every comment, quote and
 * blank line the author wrote: only the bytes of the edited node change. Each method returns null when
 * the document does not have the shape the edit needs; a rule then reports without a fix.
 */
export class YamlEditor {
  readonly #source: SourceFile;
  readonly #shape: DocumentShape;
  readonly #newline: string;

  /** `options.tree`: work on the node tree even where the fast path left a position table (tests). */
  constructor(source: SourceFile, documentIndex: number, options: { tree?: boolean } = {}) {
    this.#source = source;
    const table = options.tree ? undefined : positionTableOf(source, documentIndex);
    this.#shape = table ? tableShape(table, source.text) : treeShape(source.documents[documentIndex]!.yaml);
    this.#newline = newlineOf(source);
  }

  /** Replaces a scalar's value, keeping its quoting style. */
  setScalar(pointer: string, value: string | number | boolean): TextEdit | null {
    const scalar = this.#shape.scalar(pointer);
    if (!scalar) return null;
    return { range: scalar.range, text: renderScalar(value, scalar.quote) };
  }

  /** Adds `key: value` to the mapping at `mapPointer`, after its last entry, in the mapping's own style. */
  insertKey(mapPointer: string, key: string, value: unknown): TextEdit | null {
    const map = this.#shape.map(mapPointer);
    if (!map) return null;
    if (map.entries.some((entry) => entry.name === key)) return null;
    if (map.flow) return this.#insertIntoFlowMap(map, key, value);
    const last = map.entries[map.entries.length - 1];
    const first = map.entries[0];
    if (!last || first?.name === undefined || !first.keyRange) return null;
    const indent = ' '.repeat(this.#column(first.keyRange[0]));
    const at = this.#endOfLine(this.#lastContentOffset(last.end));
    return { range: [at, at], text: this.#newline + indent + this.#renderBlockEntry(key, value, indent) };
  }

  /** Replaces the entry whose value is at `pointer` (its key and value) with `key: value`. */
  replaceEntry(pointer: string, key: string, value: unknown): TextEdit | null {
    const segments = parsePointer(pointer);
    if (segments.length === 0) return null;
    const parent = this.#shape.map(pointer.slice(0, pointer.lastIndexOf('/')));
    if (!parent) return null;
    const name = segments[segments.length - 1];
    const entry = parent.entries.find((candidate) => candidate.name === name);
    if (!entry?.keyRange) return null;
    const start = entry.keyRange[0];
    const end = this.#lastContentOffset(entry.end) + 1;
    if (parent.flow) return { range: [start, end], text: `${key}: ${renderFlow(value)}` };
    const indent = ' '.repeat(this.#column(start));
    return { range: [start, end], text: this.#renderBlockEntry(key, value, indent) };
  }

  #insertIntoFlowMap(map: MapShape, key: string, value: unknown): TextEdit | null {
    const entry = `${key}: ${renderFlow(value)}`;
    const last = map.entries[map.entries.length - 1];
    if (!last) return { range: map.range, text: `{ ${entry} }` };
    const at = this.#lastContentOffset(last.end) + 1;
    return { range: [at, at], text: `, ${entry}` };
  }

  /** `key: value` in block style; lines after the first are indented to sit under the key. */
  #renderBlockEntry(key: string, value: unknown, indent: string): string {
    const rendered = stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '');
    return rendered.split('\n').join(this.#newline + indent);
  }

  #column(offset: number): number {
    const text = this.#source.text;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart;
  }

  /** The offset of the last non-blank character before `end` (block values may end after their newline). */
  #lastContentOffset(end: number): number {
    const text = this.#source.text;
    let at = end - 1;
    while (at > 0 && /\s/.test(text[at]!)) at--;
    return at;
  }

  /** The end of the line holding `offset`, before any `\r\n`, so a trailing comment stays on its line. */
  #endOfLine(offset: number): number {
    const text = this.#source.text;
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return text.length;
    return text[newline - 1] === '\r' ? newline - 1 : newline;
  }
}

// The file's line ending, looked up once per file: editors are made per finding.
const newlines = new WeakMap<SourceFile, string>();

function newlineOf(source: SourceFile): string {
  let newline = newlines.get(source);
  if (newline === undefined) newlines.set(source, (newline = source.text.includes('\r\n') ? '\r\n' : '\n'));
  return newline;
}

/** An editor for the document a report node lives in. */
export function editorFor(node: ReportNode): YamlEditor {
  const resource = 'resource' in node ? node.resource : node;
  return new YamlEditor(resource.source, resource.documentIndex);
}

function renderScalar(value: string | number | boolean, type: string | undefined): string {
  if (typeof value !== 'string') return String(value);
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).replace(/\n$/, '');
}
