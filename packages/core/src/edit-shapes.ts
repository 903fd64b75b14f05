import { isMap, isScalar, type Document, type Node, type Pair } from 'yaml';
import { MAP, SCALAR, type PositionTable } from './fast-parse/index.js';
import { nodeAtPointer } from './position.js';

// What YamlEditor needs to know about a document to build an edit, from either of the two things a
// parsed document can have: yaml's node tree, or the fast path's position table (so building a fix does
// not parse the file again). Both give the same answers for the same text (edits.test.ts, differential).

export interface ScalarShape {
  range: [number, number];
  /** yaml's scalar type as far as rendering cares: double-quoted, single-quoted, or anything else. */
  quote: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | undefined;
  /** A block scalar (`|`, `>`); neither quoted nor block is plain. */
  block: boolean;
}

export interface EntryShape {
  /** The key as a string, or undefined when it is not a scalar (with a range). */
  name: string | undefined;
  keyRange: [number, number] | undefined;
  /** The end of the value (range[1]), or of the key when there is no value. */
  end: number;
}

export interface MapShape {
  flow: boolean;
  /** range[0] and range[1]. */
  range: [number, number];
  entries: EntryShape[];
}

export interface DocumentShape {
  /** The scalar at a pointer that exists, or undefined. */
  scalar(pointer: string): ScalarShape | undefined;
  /** The mapping at a pointer that exists, or undefined. */
  map(pointer: string): MapShape | undefined;
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  if (value?.range) return value.range[1];
  return isScalar(pair.key) && pair.key.range ? pair.key.range[1] : 0;
}

export function treeShape(doc: Document): DocumentShape {
  return {
    scalar(pointer) {
      const found = nodeAtPointer(doc, pointer);
      // A value a `<<` merge brings in is the text of its source, shared with every mapping that merges it.
      if (!found.complete || found.merged || !isScalar(found.node) || !found.node.range) return undefined;
      const type = found.node.type;
      return {
        range: [found.node.range[0], found.node.range[1]],
        quote: type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? type : undefined,
        block: type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED',
      };
    },
    map(pointer) {
      const found = nodeAtPointer(doc, pointer);
      const map = found.node;
      if (!found.complete || found.merged || !isMap(map) || !map.range) return undefined;
      const entries = map.items.map((pair): EntryShape => {
        const key = isScalar(pair.key) ? pair.key : undefined;
        return {
          name: key ? String(key.value) : undefined,
          keyRange: key?.range ? [key.range[0], key.range[1]] : undefined,
          end: pairEnd(pair),
        };
      });
      return { flow: Boolean(map.flow), range: [map.range[0], map.range[1]], entries };
    },
  };
}

/**
 * The same over a position table. Flow mappings start with `{` (a block mapping starts at its first
 * key, which on the fast path is a scalar); a scalar's quoting is its first character.
 */
export function tableShape(table: PositionTable, text: string): DocumentShape {
  return {
    scalar(pointer) {
      const found = table.find(pointer);
      if (!found.complete || table.kindOf(found.row) !== SCALAR) return undefined;
      const range = table.rangeOf(found.row);
      const first = text[range[0]];
      return { range, quote: first === '"' ? 'QUOTE_DOUBLE' : first === "'" ? 'QUOTE_SINGLE' : undefined, block: table.isBlock(found.row) };
    },
    map(pointer) {
      const found = table.find(pointer);
      if (!found.complete || table.kindOf(found.row) !== MAP) return undefined;
      const [start] = table.rangeOf(found.row);
      const entries = table.childrenOf(found.row).map((row): EntryShape => ({ name: table.keyOf(row), keyRange: table.keyRangeOf(row), end: table.valueEndOf(row) }));
      return { flow: text[start] === '{', range: [start, table.valueEndOf(found.row)], entries };
    },
  };
}
