// The differential check of the integrated parse (issue 23): parseSourceFile on its fast path against
// parseSourceFile on the ordinary path (options.fast false) for the same text. Documents, values,
// problems, `yaml` trees, every located pointer (all three targets, missing children, and ranges
// inside string values) and every edit YamlEditor builds (from the position table and from the tree)
// must be identical, whichever path the file took.
import { isDeepStrictEqual } from 'node:util';
import { YamlEditor } from '../src/edits.js';
import { parseSourceFile } from '../src/parse.js';
import type { ReportTarget } from '../src/position.js';
import type { SourceFile } from '../src/source.js';
import { pointersOf } from './fast-parse-differential.js';

const LIMITS = { maxFileSize: 64 * 1024 * 1024, maxAliasCount: 100, maxDepth: 100 };

export interface ParseVerdict {
  differences: string[];
  lookups: number;
}

/** `within` ranges to try on a string value: its first word, a middle slice, one past its end. */
function withinRanges(value: unknown): Array<[number, number]> {
  if (typeof value !== 'string' || value.length === 0) return [[0, 1]];
  const space = value.indexOf(' ');
  return [
    [0, space > 0 ? space : value.length],
    [value.length >> 2, Math.max((value.length >> 2) + 1, value.length >> 1)],
    [value.length - 1, value.length + 1],
  ];
}

/** Every edit YamlEditor builds, tried at every pointer: from the tree and from the position table. */
const EDITS: Array<[string, (editor: YamlEditor, pointer: string) => unknown]> = [
  ['setScalar', (editor, pointer) => editor.setScalar(pointer, 'it\'s "new"')],
  ['setScalar number', (editor, pointer) => editor.setScalar(pointer, 42)],
  ['insertKey', (editor, pointer) => editor.insertKey(pointer, 'added', { seconds: 5, list: ['a', 'b'] })],
  ['insertKey existing', (editor, pointer) => editor.insertKey(pointer, 'name', 'x')],
  ['replaceEntry', (editor, pointer) => editor.replaceEntry(pointer, 'sleep', { seconds: 3 })],
];

function documentsOf(file: SourceFile) {
  return file.documents.map(({ index, range, contentsStart, value, lintable }) => ({ index, range, contentsStart, value, lintable }));
}

/** Compares both paths on `text`; `stride` > 1 compares every stride-th pointer only (large files). */
export function parseDifferential(text: string, stride = 1, limits = LIMITS): ParseVerdict {
  const fast = parseSourceFile('f.yaml', text, limits);
  const slow = parseSourceFile('f.yaml', text, limits, { fast: false });
  const verdict: ParseVerdict = { differences: [], lookups: 0 };
  const differ = (what: string, expected: unknown, actual: unknown) =>
    verdict.differences.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  if (!isDeepStrictEqual(documentsOf(fast), documentsOf(slow))) differ('documents', documentsOf(slow), documentsOf(fast));
  if (!isDeepStrictEqual(fast.problems, slow.problems)) differ('problems', slow.problems, fast.problems);
  if (fast.documents.length !== slow.documents.length) return verdict;
  for (const document of slow.documents) {
    const { index } = document;
    const treeOf = (file: SourceFile) => {
      const tree = file.documents[index]!.yaml;
      return { range: tree.range, contents: (tree.contents as { range?: unknown } | null)?.range, errors: tree.errors.map((error) => error.code) };
    };
    if (!isDeepStrictEqual(treeOf(fast), treeOf(slow))) differ(`document ${index} tree`, treeOf(slow), treeOf(fast));
    const pointers = pointersOf(document.value);
    for (let i = 0; i < pointers.length; i += stride) {
      const pointer = pointers[i]!;
      for (const target of ['value', 'key', 'node'] as ReportTarget[]) {
        verdict.lookups++;
        const expected = slow.locate(index, pointer, target);
        const actual = fast.locate(index, pointer, target);
        if (!isDeepStrictEqual(actual, expected)) differ(`document ${index} locate(${JSON.stringify(pointer)}, ${target})`, expected, actual);
      }
      for (const [what, build] of EDITS) {
        verdict.lookups++;
        const expected = build(new YamlEditor(fast, index, { tree: true }), pointer);
        const actual = build(new YamlEditor(fast, index), pointer);
        if (!isDeepStrictEqual(actual, expected)) differ(`document ${index} ${what}(${JSON.stringify(pointer)})`, expected, actual);
      }
      let value: unknown;
      try {
        value = pointer.split('/').slice(1).reduce<any>((at, segment) => (at == null ? undefined : at[segment.replace(/~1/g, '/').replace(/~0/g, '~')]), document.value);
      } catch {
        value = undefined;
      }
      for (const within of withinRanges(value)) {
        verdict.lookups++;
        const expected = slow.locate(index, pointer, 'value', within);
        const actual = fast.locate(index, pointer, 'value', within);
        if (!isDeepStrictEqual(actual, expected)) differ(`document ${index} locate(${JSON.stringify(pointer)}, within ${JSON.stringify(within)})`, expected, actual);
      }
    }
  }
  return verdict;
}
