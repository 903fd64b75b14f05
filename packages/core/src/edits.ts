import { isMap, isScalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { parsePointer } from './pointer.js';
import { nodeAtPointer } from './position.js';
import type { ReportNode, TextEdit } from './rule.js';
import type { SourceFile } from './source.js';

/**
 * Builds text edits against the original YAML of one document, so fixes keep every comment, quote and
 * blank line the author wrote: only the bytes of the edited node change. Each method returns null when
 * the document does not have the shape the edit needs; a rule then reports without a fix.
 */
export class YamlEditor {
  readonly #source: SourceFile;
  readonly #doc: Document;
  readonly #newline: string;

  readonly #json: boolean;

  constructor(source: SourceFile, documentIndex: number) {
    this.#source = source;
    this.#doc = source.documents[documentIndex]!.yaml;
    this.#newline = newlineOf(source);
    this.#json = isJsonStyle(this.#doc);
  }

  /** Replaces a scalar's value, keeping its quoting style (in a JSON document, as JSON). */
  setScalar(pointer: string, value: string | number | boolean): TextEdit | null {
    const found = nodeAtPointer(this.#doc, pointer);
    if (!found.complete || !isScalar(found.node) || !found.node.range) return null;
    const [start, end] = found.node.range;
    return { range: [start, end], text: this.#json ? JSON.stringify(value) : renderScalar(value, found.node.type) };
  }

  /** Adds `key: value` to the mapping at `mapPointer`, after its last entry, in the mapping's own style. */
  insertKey(mapPointer: string, key: string, value: unknown): TextEdit | null {
    const found = nodeAtPointer(this.#doc, mapPointer);
    const map = found.node;
    if (!found.complete || !isMap(map) || !map.range) return null;
    if (map.items.some((pair) => isScalar(pair.key) && String(pair.key.value) === key)) return null;
    // An explicit key (`? key`) spans lines this edit does not look at: no edit rather than a broken one.
    if (map.items.some((pair) => this.#isExplicitKey(pair))) return null;
    if (map.flow) return this.#insertIntoFlowMap(map, key, value);
    const last = map.items[map.items.length - 1];
    const first = map.items[0];
    if (!last || !isScalar(first?.key) || !first.key.range) return null;
    const indent = ' '.repeat(this.#column(first.key.range[0]));
    const at = this.#endOfLine(this.#lastContentOffset(pairEnd(last)));
    return { range: [at, at], text: this.#newline + indent + this.#renderBlockEntry(key, value, indent) };
  }

  /** Replaces the entry whose value is at `pointer` (its key and value) with `key: value`. */
  replaceEntry(pointer: string, key: string, value: unknown): TextEdit | null {
    const segments = parsePointer(pointer);
    if (segments.length === 0) return null;
    const parent = nodeAtPointer(this.#doc, pointer.slice(0, pointer.lastIndexOf('/')));
    if (!parent.complete || !isMap(parent.node)) return null;
    const name = segments[segments.length - 1];
    const pair = parent.node.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
    if (!pair || !isScalar(pair.key) || !pair.key.range || this.#isExplicitKey(pair)) return null;
    const start = pair.key.range[0];
    const end = this.#lastContentOffset(pairEnd(pair)) + 1;
    if (parent.node.flow) return { range: [start, end], text: this.#flowEntry(key, value) };
    const indent = ' '.repeat(this.#column(start));
    // A comment at the end of the key's line (`exec: # why`) stays on the new entry's first line.
    const comment = this.#commentAfterKey(pair.key.range[1], end);
    const rendered = this.#renderBlockEntry(key, value, indent);
    if (!comment) return { range: [start, end], text: rendered };
    const firstBreak = rendered.indexOf(this.#newline);
    const text = firstBreak === -1 ? `${rendered} ${comment}` : `${rendered.slice(0, firstBreak)} ${comment}${rendered.slice(firstBreak)}`;
    return { range: [start, end], text };
  }

  /** `key: value` in a flow mapping; `"key": value` as JSON in a JSON document. */
  #flowEntry(key: string, value: unknown): string {
    return this.#json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${renderFlow(value)}`;
  }

  /** Whether a pair's key is written explicitly (`? key`): only `?` (after any `- `) before it on its line. */
  #isExplicitKey(pair: Pair): boolean {
    const key = pair.key as Node | null;
    if (!key?.range) return false;
    const text = this.#source.text;
    const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
    return /^[ \t]*(-[ \t]+)*\?[ \t]*$/.test(text.slice(lineStart, key.range[0]));
  }

  /** The `# comment` after a key on its own line (`exec: # why`), when the value starts on a later line. */
  #commentAfterKey(keyEnd: number, limit: number): string | undefined {
    const lineEnd = this.#endOfLine(keyEnd);
    if (lineEnd >= limit) return undefined;
    // Only `:`, an anchor or tag and the comment may stand there; anything else is the value itself.
    return /^[ \t]*:[ \t]*(?:[&!][^\s#]*[ \t]+)*(#.*)$/.exec(this.#source.text.slice(keyEnd, lineEnd))?.[1]!.trimEnd();
  }

  #insertIntoFlowMap(map: YAMLMap, key: string, value: unknown): TextEdit | null {
    const entry = this.#flowEntry(key, value);
    const last = map.items[map.items.length - 1];
    if (!last) {
      const [start, end] = map.range!;
      return { range: [start, end], text: `{ ${entry} }` };
    }
    const at = this.#lastContentOffset(pairEnd(last)) + 1;
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

/** A document written as JSON: its root is a flow mapping whose keys are double-quoted. */
function isJsonStyle(doc: Document): boolean {
  const root = doc.contents;
  if (!isMap(root) || !root.flow) return false;
  const first = root.items[0]?.key;
  return isScalar(first) && first.type === 'QUOTE_DOUBLE';
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  if (value?.range) return value.range[1];
  return isScalar(pair.key) && pair.key.range ? pair.key.range[1] : 0;
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
