// Parses made before the linter runs, by input: the CLI's worker threads (--concurrency) read, decode
// and parse files in parallel and hand each input its text and fast parse. The linter then builds the
// SourceFile from that parse with the same code as from its own (parseSourceFile's `fast` option), so
// findings cannot differ. `false`: the fast path declined the text, parse the ordinary way at once.
import type { FastParse } from './fast-parse/index.js';
import { fromTransfer, type TransferredParse } from './fast-parse/transfer.js';

const prepared = new WeakMap<object, FastParse | false>();

/** Records the parse of `input.text` made elsewhere (null: the fast path declined it). */
export function prepareParse(input: object, parse: TransferredParse | null): void {
  prepared.set(input, parse ? fromTransfer(parse) : false);
}

/** What parseSourceFile's `fast` option takes for this input: the prepared parse, or undefined to parse here. */
export function preparedParse(input: object): FastParse | false | undefined {
  const parse = prepared.get(input);
  // Used once: the values and tables belong to the SourceFile from then on.
  prepared.delete(input);
  return parse;
}
