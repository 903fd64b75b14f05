// One document's plain value, ranges and position table, straight from yaml's CST. Each function
// follows the composer function named in its comment (yaml/dist/compose/*) step by step, builds the
// value toJS would give instead of a node, and refuses (throws Unsupported) wherever the composer would
// report an error or warning, or the input uses something the fast path leaves to the ordinary one.
import type { CST } from 'yaml';
import { resolveScalar, plainValue, type ResolvedScalar } from './scalars.js';
import { BLOCK, MAP, NOT_PLAIN, SCALAR, SEQ, TableBuilder, type PositionTable } from './table.js';
import { emptyScalarOffset, scalarSpansLines, scanEnd, scanProps, type Props } from './tokens.js';
import { unsupported } from './unsupported.js';

/**
 * Deeper documents go the ordinary way. The composer turns a stack overflow into an error
 * (RESOURCE_EXHAUSTION); this recursion overflows later than it does, so without a bound it could accept
 * a document the composer refuses. Manifests nest a few dozen levels; the linter refuses more than 100.
 */
const MAX_DEPTH = 256;

/** A key of a mapping entry, as a string: toJS' key and what a pointer segment is compared with. */
interface Key {
  name: string;
  start: number;
  end: number;
}

/** What composing a node gives its parent. */
interface Composed {
  value: unknown;
  /** The node's range[2]: where the parent's scan goes on. */
  end: number;
}

export interface ComposedDocument {
  value: unknown;
  range: [number, number, number];
  contentsStart: number;
  templateSafeRanges: Array<[number, number]>;
  table: PositionTable;
  depth: number;
}

/** The end of the first line of a collection starting at `start`, within its range (position.ts' firstLineEnd). */
function firstLineEnd(start: number, lineEnd: number, end: number): number {
  return Math.max(start, Math.min(end, lineEnd));
}

class DocumentComposer {
  readonly table = new TableBuilder();
  /** Ranges of the scalars that are not plain, in document order (source.ts' template detection). */
  readonly quoted: Array<[number, number]> = [];
  private depth = 0;
  /** The last line end found, and the offset it was searched from: no newline lies between them. */
  private searchedFrom = -1;
  private newline = -1;
  /** The deepest nesting of collections seen (the root collection is 1, as input-checks.ts counts). */
  deepest = 0;

  constructor(
    private readonly text: string,
    private readonly strings: Map<string, string>,
  ) {}

  /**
   * The file's one copy of a string. Each scalar resolves to a new string, and a CRD says `type`,
   * `string` and `description` thousands of times: the keys the position table keeps and the values
   * stay for the whole run, about 4 MB of copies per copy of the benchmark corpus.
   */
  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /**
   * Where the line holding `offset` ends (the text's end when it is the last line). Collections are
   * opened in document order, so on one long line (minified JSON) each search reuses the last: linear,
   * where searching from every collection would be quadratic.
   */
  private lineEndAfter(offset: number): number {
    if (offset < this.searchedFrom || offset > this.newline) {
      const newline = this.text.indexOf('\n', offset);
      this.newline = newline === -1 ? this.text.length : newline;
    }
    this.searchedFrom = offset;
    return this.newline;
  }

  /** A scalar token, recorded as a key or a value. */
  private scalar(token: CST.Token): ResolvedScalar {
    if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar' && token.type !== 'block-scalar')
      unsupported(`${token.type} where a scalar is needed`);
    const resolved = resolveScalar(token);
    if (resolved.type !== 'PLAIN') this.quoted.push([resolved.range[0], resolved.range[1]]);
    return resolved;
  }

  /** composeNode, for the token types the fast path handles. `props` were scanned by the caller. */
  node(token: CST.Token, key?: Key): Composed {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar': {
        const { range, type, value: resolved } = this.scalar(token);
        const value = typeof resolved === 'string' ? this.intern(resolved) : resolved;
        const flags = type === 'PLAIN' ? 0 : type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' ? NOT_PLAIN | BLOCK : NOT_PLAIN;
        this.table.add(SCALAR | flags, range[0], range[1], key?.name, key?.start, key?.end);
        return { value, end: range[2] };
      }
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (++this.depth > MAX_DEPTH) unsupported('nested too deeply');
        if (this.depth > this.deepest) this.deepest = this.depth;
        const composed =
          token.type === 'block-map' ? this.blockMap(token, key) : token.type === 'block-seq' ? this.blockSeq(token, key) : this.flowCollection(token, key);
        this.depth--;
        return composed;
      }
      default:
        return unsupported(`${token.type} token as a node`);
    }
  }

  /** composeEmptyNode: a null where a value was left out, placed as emptyScalarPosition places it. */
  empty(offset: number, before: readonly CST.SourceToken[] | undefined, props: Props, key?: Key): Composed {
    const at = emptyScalarOffset(offset, before);
    this.table.add(SCALAR, at, at, key?.name, key?.start, key?.end);
    return { value: plainValue(''), end: props.comment ? props.end : at };
  }

  /** A mapping key: a single-line flow scalar with a string form toJS and pointers agree on. */
  private key(token: CST.Token | null | undefined, into: Record<string, unknown>): Key & { rangeEnd: number } {
    if (!token) unsupported('empty key');
    if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar') unsupported(`${token.type} as a key`);
    if (scalarSpansLines(token)) unsupported('multi-line key');
    const { value, range } = this.scalar(token);
    // toJS names a null key '' while a pointer compares 'null'; only primitives stringify alike.
    if (value === null || typeof value === 'object') unsupported('null or non-scalar key');
    const name = this.intern(String(value));
    // `<<` is a merge key in YAML 1.1; `__proto__` would set the prototype of a plain object.
    if (name === '<<' || name === '__proto__') unsupported(`key ${name}`);
    // Covers the composer's DUPLICATE_KEY (equal values) and distinct keys with the same string (1 and "1").
    if (Object.hasOwn(into, name)) unsupported('duplicate key');
    return { name, start: range[0], end: range[1], rangeEnd: range[2] };
  }

  /** resolveBlockMap. */
  private blockMap(bm: CST.BlockMap, own?: Key): Composed {
    const row = this.table.add(MAP, bm.offset, bm.offset, own?.name, own?.start, own?.end);
    const lineEnd = this.lineEndAfter(bm.offset);
    const map: Record<string, unknown> = {};
    let offset = bm.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of bm.items) {
      const keyProps = scanProps(start, 'explicit-key-ind', false, offset, true);
      if (keyProps.found) unsupported('explicit key');
      if (!sep) {
        // Only comments or space: the composer keeps them as the map's comment.
        if (key) unsupported('key without value');
        commentEnd = keyProps.end;
        continue;
      }
      if (key && 'indent' in key && key.indent !== bm.indent) unsupported('BAD_INDENT');
      const name = this.key(key, map);
      const valueProps = scanProps(sep, 'map-value-ind', false, name.rangeEnd, false);
      if (!valueProps.found) unsupported('implicit key without value');
      offset = valueProps.end;
      if (value?.type === 'block-map' && !valueProps.hasNewline) unsupported('compact nested mapping');
      // Strict: the `:` at most 1024 characters after the key starts.
      if (keyProps.end < valueProps.found.offset - 1024) unsupported('KEY_OVER_1024_CHARS');
      const composed = value ? this.node(value, name) : this.empty(offset, sep, valueProps, name);
      offset = composed.end;
      map[name.name] = composed.value;
    }
    if (commentEnd !== null && commentEnd < offset) unsupported('map comment with trailing content');
    this.table.close(row, firstLineEnd(bm.offset, lineEnd, offset), offset);
    return { value: map, end: commentEnd ?? offset };
  }

  /** resolveBlockSeq. */
  private blockSeq(bs: CST.BlockSequence, own?: Key): Composed {
    const row = this.table.add(SEQ, bs.offset, bs.offset, own?.name, own?.start, own?.end);
    const lineEnd = this.lineEndAfter(bs.offset);
    const seq: unknown[] = [];
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of bs.items) {
      const props = scanProps(start, 'seq-item-ind', false, offset, true);
      if (!props.found) {
        if (value) unsupported('sequence item without -');
        commentEnd = props.end;
        continue;
      }
      const composed = value ? this.node(value) : this.empty(props.end, start, props);
      offset = composed.end;
      seq.push(composed.value);
    }
    this.table.close(row, firstLineEnd(bs.offset, lineEnd, offset), offset);
    return { value: seq, end: commentEnd ?? offset };
  }

  /** resolveFlowCollection, without explicit keys, pairs inside sequences, or keys without values. */
  private flowCollection(fc: CST.FlowCollection, own?: Key): Composed {
    const isMap = fc.start.source === '{';
    const row = this.table.add(isMap ? MAP : SEQ, fc.offset, fc.offset, own?.name, own?.start, own?.end);
    const lineEnd = this.lineEndAfter(fc.offset);
    const map: Record<string, unknown> = {};
    const seq: unknown[] = [];
    let offset = fc.offset + fc.start.source.length;
    fc.items.forEach(({ start, key, sep, value }, index) => {
      const props = scanProps(start, 'explicit-key-ind', true, offset, false);
      if (props.found) unsupported('explicit key in flow collection');
      if (!sep && !value) {
        // A trailing comma or comments; an empty item elsewhere is an error.
        if (key) unsupported('flow key without value');
        if ((index === 0 && props.comma) || index < fc.items.length - 1) unsupported('empty flow item');
        offset = props.end;
        return;
      }
      if (index === 0 ? props.comma : !props.comma) unsupported('flow collection comma');
      if (!isMap) {
        if (sep || key || !value) unsupported('pair in flow sequence');
        if (value.type === 'block-map' || value.type === 'block-seq') unsupported('block collection in flow');
        const composed = this.node(value);
        offset = composed.end;
        seq.push(composed.value);
        return;
      }
      const name = this.key(key, map);
      const valueProps = scanProps(sep ?? [], 'map-value-ind', true, name.rangeEnd, false);
      if (!valueProps.found) unsupported('flow key without :');
      if (value?.type === 'block-map' || value?.type === 'block-seq') unsupported('block collection in flow');
      const composed = value ? this.node(value, name) : this.empty(valueProps.end, sep, valueProps, name);
      offset = composed.end;
      map[name.name] = composed.value;
    });
    const [close, ...after] = fc.end;
    if (close?.source !== (isMap ? '}' : ']')) unsupported('unterminated flow collection');
    const closeEnd = close.offset + close.source.length;
    const end = after.length > 0 ? scanEnd(after as CST.SourceToken[], closeEnd, true) : closeEnd;
    this.table.close(row, firstLineEnd(fc.offset, lineEnd, closeEnd), closeEnd);
    return { value: isMap ? map : seq, end };
  }
}

/** composeDoc, for a document token of the stream. The caller extends range[2] over a following `...`. */
export function composeDocument(text: string, token: CST.Document, strings = new Map<string, string>()): ComposedDocument {
  const { offset, start, value, end } = token;
  const composer = new DocumentComposer(text, strings);
  const props = scanProps(start, 'doc-start', false, offset, true);
  if (props.found && value && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline)
    unsupported('block collection on the --- line');
  const contents = value ? composer.node(value) : composer.empty(props.end, start, props);
  const contentEnd = contents.end;
  const table = composer.table.finish();
  return {
    value: contents.value,
    range: [offset, contentEnd, scanEnd(end, contentEnd, false)],
    contentsStart: table.locate('')[0],
    templateSafeRanges: composer.quoted,
    table,
    depth: composer.deepest,
  };
}
