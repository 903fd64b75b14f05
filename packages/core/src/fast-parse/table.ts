// The compact position table of one document and the pointer lookup over it. It replaces the retained
// yaml node tree for locating findings: six integers per node instead of a Scalar/Pair/YAMLMap object
// graph, plus the key strings of mapping entries.
import { parsePointer } from '../pointer.js';

/** Kinds of node in the table. */
export const SCALAR = 0;
export const MAP = 1;
export const SEQ = 2;
/** Flags or-ed into a scalar's kind: not PLAIN (quoted or block), and a block scalar (`|`, `>`). */
export const NOT_PLAIN = 4;
export const BLOCK = 8;
const KIND_MASK = 3;

// Fields of a node's row.
const KIND = 0;
/** The node's range[0]. */
const START = 1;
/** What a value target reports as the end: range[1] for a scalar, the end of its first line for a collection. */
const END = 2;
/** The range[0] and range[1] of the key naming the node, or -1 when it is not a mapping value. */
const KEY_START = 3;
const KEY_END = 4;
/** How many rows the node and everything under it take: the next sibling is at row + SIZE. */
const SIZE = 5;
/** The node's range[1]: a scalar's value end, a collection's (after its last item, or its closing bracket). */
const VALUE_END = 6;
const STRIDE = 7;

/** A scalar that is a value (not a key): its range and whether it is PLAIN (input-checks.ts' templates). */
export interface ValueScalar {
  start: number;
  end: number;
  plain: boolean;
}

/** Where a pointer leads in the table: the deepest row reached and whether the whole pointer was found. */
export interface Found {
  row: number;
  complete: boolean;
}

/** Builds the rows in document order (pre-order); collections are opened, filled, then closed. */
export class TableBuilder {
  private rows = new Int32Array(STRIDE * 64);
  private count = 0;
  private keys: Array<string | undefined> = [];

  /** Adds a node and returns its row; `key` and its range when it is a mapping value. */
  add(kind: number, start: number, end: number, key?: string, keyStart = -1, keyEnd = -1): number {
    if ((this.count + 1) * STRIDE > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const at = this.count * STRIDE;
    this.rows[at + KIND] = kind;
    this.rows[at + START] = start;
    this.rows[at + END] = end;
    this.rows[at + KEY_START] = keyStart;
    this.rows[at + KEY_END] = keyEnd;
    this.rows[at + SIZE] = 1;
    this.rows[at + VALUE_END] = end;
    if (key !== undefined) this.keys[this.count] = key;
    return this.count++;
  }

  /** Closes a collection opened with add(): its first-line end, range[1] and the rows under it are now known. */
  close(row: number, end: number, valueEnd: number): void {
    this.rows[row * STRIDE + END] = end;
    this.rows[row * STRIDE + VALUE_END] = valueEnd;
    this.rows[row * STRIDE + SIZE] = this.count - row;
  }

  /** The finished table, trimmed to size. */
  finish(): PositionTable {
    const keys = this.keys;
    keys.length = this.count;
    return new PositionTable(this.rows.slice(0, this.count * STRIDE), keys);
  }
}

/** Row 0 is the document's contents. */
export class PositionTable {
  constructor(
    private readonly rows: Int32Array,
    private readonly keys: ReadonlyArray<string | undefined>,
  ) {}

  /** What the table is made of, to rebuild it elsewhere (another thread: `new PositionTable(rows, keys)`). */
  parts(): { rows: Int32Array; keys: ReadonlyArray<string | undefined> } {
    return { rows: this.rows, keys: this.keys };
  }

  /** How many nodes the document has. */
  get size(): number {
    return this.rows.length / STRIDE;
  }

  /** The rows of a collection's entries or items, in order. */
  childrenOf(row: number): number[] {
    const children: number[] = [];
    const end = row + this.rows[row * STRIDE + SIZE]!;
    for (let child = row + 1; child < end; child += this.rows[child * STRIDE + SIZE]!) children.push(child);
    return children;
  }

  /** The key naming a mapping entry's row (as toJS names it), or undefined. */
  keyOf(row: number): string | undefined {
    return this.keys[row];
  }

  /** The row's range[1] (a yaml node's value end). */
  valueEndOf(row: number): number {
    return this.rows[row * STRIDE + VALUE_END]!;
  }

  /** The child of a mapping row named `key`, or -1 (keys are unique: the fast path refuses duplicates). */
  childByKey(row: number, key: string): number {
    const end = row + this.rows[row * STRIDE + SIZE]!;
    for (let child = row + 1; child < end; child += this.rows[child * STRIDE + SIZE]!) if (this.keys[child] === key) return child;
    return -1;
  }

  /** The `index`th item of a sequence row, or -1. */
  private childAt(row: number, index: number): number {
    const end = row + this.rows[row * STRIDE + SIZE]!;
    let child = row + 1;
    for (let i = 0; i < index && child < end; i++) child += this.rows[child * STRIDE + SIZE]!;
    return child < end ? child : -1;
  }

  /** The deepest row a pointer reaches, as position.ts' nodeAtPointer walks a tree. */
  find(pointer: string): Found {
    let row = 0;
    for (const segment of parsePointer(pointer)) {
      const kind = this.kindOf(row);
      // As nodeAtPointer: a mapping entry by the string of its key, a sequence item by a run of digits.
      const next =
        kind === MAP ? this.childByKey(row, segment) : kind === SEQ && /^\d+$/.test(segment) ? this.childAt(row, Number(segment)) : -1;
      if (next === -1) return { row, complete: false };
      row = next;
    }
    return { row, complete: true };
  }

  /** SCALAR, MAP or SEQ. */
  kindOf(row: number): number {
    return this.rows[row * STRIDE + KIND]! & KIND_MASK;
  }

  /** A scalar row is a block scalar (`|` or `>`). */
  isBlock(row: number): boolean {
    return (this.rows[row * STRIDE + KIND]! & BLOCK) !== 0;
  }

  /** The row's range[0] and (a scalar) range[1] or (a collection) the end of its first line. */
  rangeOf(row: number): [number, number] {
    return [this.rows[row * STRIDE + START]!, this.rows[row * STRIDE + END]!];
  }

  /** The range of the key naming the row, or undefined when it is not a mapping value. */
  keyRangeOf(row: number): [number, number] | undefined {
    const at = row * STRIDE;
    return this.rows[at + KEY_START]! === -1 ? undefined : [this.rows[at + KEY_START]!, this.rows[at + KEY_END]!];
  }

  /** Every scalar that is a value, not a key, in document order (each row is one; keys are not rows). */
  valueScalars(): ValueScalar[] {
    const scalars: ValueScalar[] = [];
    for (let at = 0; at < this.rows.length; at += STRIDE) {
      const kind = this.rows[at + KIND]!;
      if ((kind & KIND_MASK) === SCALAR) scalars.push({ start: this.rows[at + START]!, end: this.rows[at + END]!, plain: (kind & NOT_PLAIN) === 0 });
    }
    return scalars;
  }

  /**
   * The offsets position.ts' rangeOfPointer gives for the same pointer (before it turns them into line
   * and column): the deepest node the pointer reaches; its key when asked for the key, when the pointer
   * goes on past it (missing), or when it is a collection (unless the target is the node itself);
   * otherwise the node itself, a collection only to the end of its first line.
   */
  locate(pointer: string, target: 'key' | 'value' | 'node' = 'value'): [number, number] {
    const { row, complete } = this.find(pointer);
    const key = this.keyRangeOf(row);
    if (key && (target === 'key' || !complete || (this.kindOf(row) !== SCALAR && target !== 'node'))) return key;
    return this.rangeOf(row);
  }
}
