// The differential check behind the fast-parse tests: everything parseFast says about a text is
// compared with what today's path (parseAllDocuments, toJS, position.ts) says about the same text.
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { parseFast, PARSE_OPTIONS, type FastDocument } from '../src/fast-parse/index.js';
import { valueScalarsOfTree } from '../src/input-checks.js';
import { joinPointer } from '../src/pointer.js';
import { rangeOfPointer } from '../src/position.js';

export interface Verdict {
  /** Whether parseFast accepted the text. */
  accepted: boolean;
  /** Every disagreement found; empty when the fast path is right (or declined). */
  differences: string[];
  /** How many pointer lookups were compared. */
  lookups: number;
}

/** Every pointer of a plain value, plus a missing child under every collection (and under the missing one). */
export function pointersOf(value: unknown, base = '', out: string[] = []): string[] {
  out.push(base);
  if (value !== null && typeof value === 'object') {
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) pointersOf(child, joinPointer(base, key), out);
    out.push(joinPointer(base, Array.isArray(value) ? value.length : '~missing/key'), joinPointer(base, 'absent', 'deeper'));
    if (Array.isArray(value)) out.push(joinPointer(base, 'x'), `${base}/00`);
  } else {
    out.push(joinPointer(base, 'below-a-scalar'));
  }
  return out;
}

/** How deeply collections nest in a plain value, the root collection counting 1 (input-checks' depth). */
function collectionDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, collectionDepth(child));
  return deepest + 1;
}

function nonPlainRanges(doc: Document): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.type && node.type !== 'PLAIN' && node.range) ranges.push([node.range[0], node.range[1]]);
    },
  });
  return ranges;
}

function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}

function compareDocument(
  text: string,
  lineCounter: LineCounter,
  doc: Document.Parsed,
  fast: FastDocument,
  index: number,
  verdict: Verdict,
  stride: number,
): void {
  const differ = (what: string, expected: unknown, actual: unknown) =>
    verdict.differences.push(`document ${index}: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  const value = doc.toJS({ maxAliasCount: 100 });
  if (!isDeepStrictEqual(fast.value, value)) differ('value', value, fast.value);
  if (!isDeepStrictEqual(fast.range, doc.range)) differ('range', doc.range, fast.range);
  const contents = doc.contents as { range?: number[] } | null;
  if (fast.contentsStart !== contents?.range?.[0]) differ('contents start', contents?.range?.[0], fast.contentsStart);
  const ranges = nonPlainRanges(doc);
  if (!isDeepStrictEqual(fast.templateSafeRanges, ranges)) differ('non-plain scalar ranges', ranges, fast.templateSafeRanges);
  if (fast.depth !== collectionDepth(value)) differ('depth', collectionDepth(value), fast.depth);
  const scalars = valueScalarsOfTree(doc);
  if (!isDeepStrictEqual(fast.table.valueScalars(), scalars)) differ('value scalars', scalars, fast.table.valueScalars());
  const pointers = pointersOf(value);
  for (let i = 0; i < pointers.length; i += stride) {
    const pointer = pointers[i]!;
    for (const target of ['value', 'key', 'node'] as const) {
      verdict.lookups++;
      const expected = rangeOfPointer(doc, text, lineCounter, pointer, target);
      const [start, end] = fast.locate(pointer, target);
      if (expected.offset !== start || expected.endOffset !== Math.max(start, end))
        differ(`locate(${JSON.stringify(pointer)}, ${target})`, [expected.offset, expected.endOffset], [start, end]);
    }
  }
}

/**
 * Parses `text` both ways and lists every difference. `stride` > 1 compares every stride-th pointer only
 * (value, ranges and everything else are always compared), for large files in the default test run.
 */
export function differential(text: string, stride = 1): Verdict {
  const fast = parseFast(text);
  const verdict: Verdict = { accepted: fast !== undefined, differences: [], lookups: 0 };
  if (!fast) return verdict;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS) as unknown as Document.Parsed[];
  } catch (error) {
    verdict.differences.push(`yaml threw (${String(error)}) but the fast path accepted`);
    return verdict;
  }
  const complaints = docs.flatMap((doc) => [...doc.errors, ...doc.warnings]);
  if ('errors' in docs) complaints.push(...((docs as unknown as { errors: never[] }).errors ?? []), ...((docs as unknown as { warnings: never[] }).warnings ?? []));
  if (complaints.length > 0) verdict.differences.push(`yaml reports ${complaints[0]!.code} (${complaints[0]!.message.split('\n')[0]}) but the fast path accepted`);
  if (docs.some((doc) => doc.directives.docStart && doc.directives.yaml.explicit)) verdict.differences.push('directives accepted');
  if (docs.length !== fast.documents.length) {
    verdict.differences.push(`documents: expected ${docs.length}, got ${fast.documents.length}`);
    return verdict;
  }
  const lineCounter = lineCounterOf(text);
  docs.forEach((doc, index) => compareDocument(text, lineCounter, doc, fast.documents[index]!, index, verdict, stride));
  return verdict;
}
