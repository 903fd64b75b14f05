// A faster way to read a manifest file (issue 23): one pass over yaml's CST that yields each
// document's plain value, its ranges and a compact position table, without building or keeping
// yaml's Document trees and without toJS. It accepts only what it can reproduce exactly; for anything
// else parseFast returns undefined and the caller parses the ordinary way (source.ts).
//
// What a caller (source.ts) still does itself: strip the byte order mark and apply the NUL and size
// checks first; scan for unrendered templates with each document's range and templateSafeRanges; check
// maxDepth on the value (firstTooDeepPointer) and locate the offender with locate(); turn offsets into
// lines and columns (rangeOfOffsets); and parse with parseAllDocuments on demand where a yaml Document is
// really needed (fixes, edits). There is nothing to report on the fast path: it declines every input
// yaml reports an error or warning for, duplicate keys included.
import { Parser, type CST } from 'yaml';
import { composeDocument } from './compose.js';
import type { PositionTable } from './table.js';
import { scanEnd } from './tokens.js';
import { Unsupported, unsupported } from './unsupported.js';

export { PARSE_OPTIONS } from './scalars.js';
export type { PositionTable, ValueScalar } from './table.js';
export { MAP, SCALAR, SEQ } from './table.js';

/** One document of a file, as parseAllDocuments + toJS would give it. */
export interface FastDocument {
  /** Deep-equal to `doc.toJS({ maxAliasCount })` (there are no aliases on the fast path). */
  value: unknown;
  /** As `doc.range`: start, end of the contents (after their trailing comments), end of the document. */
  range: [number, number, number];
  /** As `doc.contents.range[0]`. */
  contentsStart: number;
  /** `[range[0], range[1]]` of every scalar that is not PLAIN (quoted, block), keys included, in document order. */
  templateSafeRanges: Array<[number, number]>;
  /** Offsets of a pointer, as position.ts' rangeOfPointer gives them for the same document. */
  locate(pointer: string, target?: 'key' | 'value' | 'node'): [number, number];
  /** The position table behind locate. */
  table: PositionTable;
  /** How deeply collections nest (0 for a scalar document): input-checks' firstTooDeepPointer is needed only past maxDepth. */
  depth: number;
}

export interface FastParse {
  /** Every document of the file, in order (none for an empty or comment-only file). */
  documents: FastDocument[];
}

function fastDocument(text: string, token: CST.Document, strings: Map<string, string>): FastDocument {
  const composed = composeDocument(text, token, strings);
  const table = composed.table;
  return {
    value: composed.value,
    range: composed.range,
    contentsStart: composed.contentsStart,
    templateSafeRanges: composed.templateSafeRanges,
    table,
    depth: composed.depth,
    locate: (pointer, target) => table.locate(pointer, target),
  };
}

/**
 * Parses every document of `text` with the linter's options (source.ts' PARSE_OPTIONS), or returns
 * undefined when the file holds anything the fast path does not reproduce exactly: any error or warning
 * yaml would report, directives, anchors, aliases, tags, explicit (`?`) keys, duplicate, null, `<<` or
 * multi-line keys, tabs used as separation, and more; see compose.ts.
 */
export function parseFast(text: string): FastParse | undefined {
  const parsed = tryParseFast(text);
  return parsed instanceof Unsupported ? undefined : parsed;
}

/** Why parseFast declines `text` (for tests and diagnostics), or undefined when it accepts it. */
export function whyNotFast(text: string): string | undefined {
  const parsed = tryParseFast(text);
  return parsed instanceof Unsupported ? parsed.message : undefined;
}

function tryParseFast(text: string): FastParse | Unsupported {
  try {
    const documents: FastDocument[] = [];
    // One copy of each string of the file (compose.ts' intern), shared by its documents.
    const strings = new Map<string, string>();
    // Follows Composer.next: stream-level tokens between documents.
    for (const token of new Parser().parse(text)) {
      switch (token.type) {
        case 'document':
          documents.push(fastDocument(text, token, strings));
          break;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        case 'doc-end': {
          // `...` closes the previous document and extends its range, with strict comment spacing.
          const last = documents[documents.length - 1];
          if (!last) unsupported('doc-end without a document');
          last.range[2] = scanEnd(token.end, token.offset + token.source.length, true);
          break;
        }
        default:
          // Directives (they can change the schema), errors, anything else.
          unsupported(`${token.type} in the stream`);
      }
    }
    return { documents };
  } catch (error) {
    // Unsupported input, or a stack overflow on pathological nesting: the ordinary path decides.
    if (error instanceof Unsupported) return error;
    if (error instanceof RangeError) return new Unsupported(`RangeError: ${error.message}`);
    throw error;
  }
}
