// A fast parse as plain data, to move between threads (the CLI's --concurrency: workers parse, the
// main thread lints). Structured clone copies plain values, arrays and typed arrays but not classes or
// closures, so the position table travels as its rows and keys and is rebuilt on arrival; everything
// else of a FastDocument already is plain data.
import type { FastDocument, FastParse } from './index.js';
import { PositionTable } from './table.js';

export interface TransferredDocument {
  value: unknown;
  range: [number, number, number];
  contentsStart: number;
  templateSafeRanges: Array<[number, number]>;
  rows: Int32Array;
  keys: ReadonlyArray<string | undefined>;
  depth: number;
}

export interface TransferredParse {
  documents: TransferredDocument[];
}

export function toTransfer(parse: FastParse): TransferredParse {
  return {
    documents: parse.documents.map(({ value, range, contentsStart, templateSafeRanges, table, depth }) => ({ value, range, contentsStart, templateSafeRanges, depth, ...table.parts() })),
  };
}

/** The buffers a transfer can hand over instead of copying (postMessage's transfer list). */
export function transferables(parse: TransferredParse): ArrayBuffer[] {
  return parse.documents.map((document) => document.rows.buffer as ArrayBuffer);
}

export function fromTransfer(parse: TransferredParse): FastParse {
  return {
    documents: parse.documents.map(({ value, range, contentsStart, templateSafeRanges, rows, keys, depth }): FastDocument => {
      const table = new PositionTable(rows, keys);
      return { value, range, contentsStart, templateSafeRanges, table, depth, locate: (pointer, target) => table.locate(pointer, target) };
    }),
  };
}
