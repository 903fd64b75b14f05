import { stringify } from 'yaml';
import { tableShape, treeShape, type DocumentShape, type MapShape } from './edit-shapes.js';
import { positionTableOf } from './parse.js';
import { isRecord, plainBlockEntry, plainScalarText } from './plain-yaml.js';
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
  #jsonStyle: boolean | undefined;

  /** `options.tree`: work on the node tree even where the fast path left a position table (tests). */
  constructor(source: SourceFile, documentIndex: number, options: { tree?: boolean } = {}) {
    this.#source = source;
    const table = options.tree ? undefined : positionTableOf(source, documentIndex);
    this.#shape = table ? tableShape(table, source.text) : treeShape(source.documents[documentIndex]!.yaml);
    this.#newline = newlineOf(source);
  }

  /** Replaces a scalar's value, keeping its quoting style (in a JSON document, as JSON). */
  setScalar(pointer: string, value: string | number | boolean): TextEdit | null {
    const scalar = this.#shape.scalar(pointer);
    if (!scalar) return null;
    return { range: scalar.range, text: this.#json ? JSON.stringify(value) : renderScalar(value, scalar.quote) };
  }

  /**
   * Quotes a plain scalar as it is written (`yes` → `"yes"`), in the quotes the file mostly uses (double
   * in a JSON document, and when it uses none): what was text for kubelore stays text for every reader.
   */
  quoteScalar(pointer: string): TextEdit | null {
    const scalar = this.#shape.scalar(pointer);
    if (!scalar || scalar.quote || scalar.block) return null;
    const written = this.#source.text.slice(scalar.range[0], scalar.range[1]);
    if (written === '' || written.includes('\n')) return null;
    const single = !this.#json && quoteStyleOf(this.#source) === 'single';
    return { range: scalar.range, text: single ? `'${written.replace(/'/g, "''")}'` : JSON.stringify(written) };
  }

  /** Adds `key: value` to the mapping at `mapPointer`, after its last entry, in the mapping's own style. */
  insertKey(mapPointer: string, key: string, value: unknown): TextEdit | null {
    const map = this.#shape.map(mapPointer);
    if (!map) return null;
    if (map.entries.some((entry) => entry.name === key)) return null;
    // An explicit key (`? key`) spans lines this edit does not look at: no edit rather than a broken one.
    if (map.entries.some((entry) => this.#isExplicitKey(entry.keyRange))) return null;
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
    if (!entry?.keyRange || this.#isExplicitKey(entry.keyRange)) return null;
    const start = entry.keyRange[0];
    const end = this.#lastContentOffset(entry.end) + 1;
    if (parent.flow) return { range: [start, end], text: this.#flowEntry(key, value) };
    const indent = ' '.repeat(this.#column(start));
    // A comment at the end of the key's line (`exec: # why`) stays on the new entry's first line.
    const comment = this.#commentAfterKey(entry.keyRange[1], end);
    const rendered = this.#renderBlockEntry(key, value, indent);
    if (!comment) return { range: [start, end], text: rendered };
    const firstBreak = rendered.indexOf(this.#newline);
    const text = firstBreak === -1 ? `${rendered} ${comment}` : `${rendered.slice(0, firstBreak)} ${comment}${rendered.slice(firstBreak)}`;
    return { range: [start, end], text };
  }

  /** Whether the document is written as JSON, looked at only when an edit needs to know. */
  get #json(): boolean {
    return (this.#jsonStyle ??= isJsonStyle(this.#shape, this.#source.text));
  }

  /** `key: value` in a flow mapping; `"key": value` as JSON in a JSON document. */
  #flowEntry(key: string, value: unknown): string {
    return this.#json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${renderFlow(value)}`;
  }

  /** Whether a key is written explicitly (`? key`): only `?` (after any `- `) before it on its line. */
  #isExplicitKey(keyRange: [number, number] | undefined): boolean {
    if (!keyRange) return false;
    const text = this.#source.text;
    const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    return /^[ \t]*(-[ \t]+)*\?[ \t]*$/.test(text.slice(lineStart, keyRange[0]));
  }

  /** The `# comment` after a key on its own line (`exec: # why`), when the value starts on a later line. */
  #commentAfterKey(keyEnd: number, limit: number): string | undefined {
    const lineEnd = this.#endOfLine(keyEnd);
    if (lineEnd >= limit) return undefined;
    // Only `:`, an anchor or tag and the comment may stand there; anything else is the value itself.
    return /^[ \t]*:[ \t]*(?:[&!][^\s#]*[ \t]+)*(#.*)$/.exec(this.#source.text.slice(keyEnd, lineEnd))?.[1]!.trimEnd();
  }

  #insertIntoFlowMap(map: MapShape, key: string, value: unknown): TextEdit | null {
    const entry = this.#flowEntry(key, value);
    const last = map.entries[map.entries.length - 1];
    if (!last) return { range: map.range, text: `{ ${entry} }` };
    const at = this.#lastContentOffset(last.end) + 1;
    return { range: [at, at], text: `, ${entry}` };
  }

  /** `key: value` in block style; lines after the first are indented to sit under the key. */
  #renderBlockEntry(key: string, value: unknown, indent: string): string {
    return renderBlockEntry(key, value).split('\n').join(this.#newline + indent);
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

// The quotes a file mostly opens its quoted scalars with, counted once per file.
const quoteStyles = new WeakMap<SourceFile, 'single' | 'double'>();

function quoteStyleOf(source: SourceFile): 'single' | 'double' {
  let style = quoteStyles.get(source);
  if (style === undefined) {
    let single = 0;
    let double = 0;
    // A quote after `:`, `-`, `[`, `{` or `,` (and spaces) opens a scalar; an apostrophe inside a word does not.
    for (const match of source.text.matchAll(/[:\-[{,][ \t]*(["'])/g)) {
      if (match[1] === "'") single++;
      else double++;
    }
    quoteStyles.set(source, (style = single > double ? 'single' : 'double'));
  }
  return style;
}

/** An editor for the document a report node lives in. */
export function editorFor(node: ReportNode): YamlEditor {
  const resource = 'resource' in node ? node.resource : node;
  return new YamlEditor(resource.source, resource.documentIndex);
}

/** A document written as JSON: its root is a flow mapping whose first key is double-quoted. */
function isJsonStyle(shape: DocumentShape, text: string): boolean {
  const root = shape.map('');
  const first = root?.entries[0]?.keyRange;
  return Boolean(root?.flow && first && text[first[0]] === '"');
}

/**
 * Rules offer the same few entries on object after object (`lifecycle: {preStop: …}` on every
 * container without one): rendering each again, by plain-yaml.ts or by yaml, was most of a rule's time
 * where it suggests. Renderings of plain data (what JSON can say exactly) are kept by their JSON text,
 * which stands for one rendering; anything else is rendered every time. Bounded: emptied when full.
 */
const blockEntries = new Map<string, string>();
const BLOCK_ENTRY_LIMIT = 1000;

function renderBlockEntry(key: string, value: unknown): string {
  const cacheKey = isPlainData(value) ? JSON.stringify([key, value]) : undefined;
  let rendered = cacheKey === undefined ? undefined : blockEntries.get(cacheKey);
  if (rendered === undefined) {
    rendered = plainBlockEntry(key, value) ?? stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '');
    if (cacheKey !== undefined) {
      if (blockEntries.size >= BLOCK_ENTRY_LIMIT) blockEntries.clear();
      blockEntries.set(cacheKey, rendered);
    }
  }
  return rendered;
}

/** Strings, booleans, null, finite numbers other than -0, and dense arrays and plain objects of them: values whose JSON is theirs alone. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 20) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  if (!isRecord(value)) return false;
  for (const item of Object.values(value)) if (!isPlainData(item, depth + 1)) return false;
  return true;
}

function renderScalar(value: string | number | boolean, type: string | undefined): string {
  if (typeof value !== 'string') return String(value);
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return plainScalarText(value) ?? stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).replace(/\n$/, '');
}
