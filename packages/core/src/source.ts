import { LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { joinPointer } from './pointer.js';
import { rangeOfOffsets, rangeOfPointer, type ReportTarget, type SourceRange } from './position.js';

/** Something wrong with the input itself, found before any rule runs. */
export interface InputProblem {
  /** A core rule id (`kubelore/...`), or null for a fatal problem that stops a document being read. */
  ruleId: string | null;
  message: string;
  range: SourceRange;
  /** The document it belongs to, when it belongs to one. */
  documentIndex?: number;
}

export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  yaml: Document;
  /** The document as plain data; undefined when it could not be read. */
  value: unknown;
  /** False when a fatal problem or an unrendered template means rules must not see this document. */
  lintable: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  problems: InputProblem[];
  /** `within`: a range inside the string value at the pointer (see ReportDescriptor.within). */
  locate(documentIndex: number, pointer: string, target?: ReportTarget, within?: [number, number]): SourceRange;
  /**
   * Drops the YAML node trees, which take about nine times the memory of the text. The documents'
   * `value`s stay; a later `documents[i].yaml` (to locate a finding or build a fix) parses the text again,
   * which gives the same trees because the text and the options are the same.
   */
  releaseTrees(): void;
}

export interface ParseLimits {
  /** Largest accepted file, in characters. */
  maxFileSize: number;
  /** How many alias expansions one document may need before it is treated as an alias bomb. */
  maxAliasCount: number;
  /** How deeply collections may nest in one document (default 100); deeper documents are refused. */
  maxDepth?: number;
}

export const defaultParseLimits: ParseLimits = { maxFileSize: 64 * 1024 * 1024, maxAliasCount: 100, maxDepth: 100 };

/** Children of a plain value, as [key, child] pairs. */
function childrenOf(value: object): Array<[string | number, unknown]> {
  return Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
}

/**
 * The pointer to the first object or array nested deeper than `maxDepth`, or undefined. Walks with its
 * own stack over the plain value, so depth gained through aliases counts too: rules and serialisers
 * recurse, and a document nested thousands deep must be stopped before any of them sees it.
 */
function firstTooDeepPointer(value: unknown, maxDepth: number): string | undefined {
  let tooDeep = false;
  const depths: Array<[unknown, number]> = [[value, 1]];
  while (depths.length > 0 && !tooDeep) {
    const [node, depth] = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) tooDeep = true;
    else for (const child of Array.isArray(node) ? node : Object.values(node)) depths.push([child, depth + 1]);
  }
  if (!tooDeep) return undefined;
  // Rare: walk again, keeping paths this time, to say where.
  const paths: Array<[unknown, number, string]> = [[value, 1, '']];
  while (paths.length > 0) {
    const [node, depth, pointer] = paths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return pointer;
    for (const [key, child] of childrenOf(node)) paths.push([child, depth + 1, joinPointer(pointer, key)]);
  }
  return undefined;
}

/**
 * Where the first `{{ … }}` or `{% … %}` of a line starts, when it starts before any `#` (a comment):
 * Helm, gomplate, Jinja and friends. We never guess what they render to. Plain index searches, not a
 * regular expression: a lazy pattern backtracks quadratically on a long line full of `{{` without `}}`.
 */
function templateStartOnLine(line: string): number {
  const comment = line.indexOf('#');
  const limit = comment === -1 ? line.length : comment;
  let first = -1;
  for (const [open, close] of [['{{', '}}'], ['{%', '%}']] as const) {
    const at = line.indexOf(open);
    if (at !== -1 && at < limit && (first === -1 || at < first) && line.indexOf(close, at + 2) !== -1) first = at;
  }
  return first;
}

/** Whether `offset` falls in one of `ranges` (sorted, not overlapping: scalars in document order). */
function insideRange(ranges: Array<[number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle]!;
    if (offset < from) high = middle - 1;
    else if (offset >= to) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * Where a document holds template syntax that is not data. Quoted and block scalars legitimately carry
 * templates for other tools (alert descriptions, scripts, chat templates); plain scalars, flow collections
 * and bare lines do not in rendered manifests, and in YAML an unquoted `{{ x }}` is a flow mapping.
 */
function firstTemplateOffset(text: string, doc: Document, start: number, end: number): number {
  const slice = text.slice(start, end);
  if (!slice.includes('{{') && !slice.includes('{%')) return -1;
  const dataRanges: Array<[number, number]> = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.type && node.type !== 'PLAIN' && node.range) dataRanges.push([node.range[0], node.range[1]]);
    },
  });
  let lineStart = 0;
  while (lineStart <= slice.length) {
    const newline = slice.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? slice.length : newline;
    const at = templateStartOnLine(slice.slice(lineStart, lineEnd));
    if (at !== -1) {
      const offset = start + lineStart + at;
      if (!insideRange(dataRanges, offset)) return offset;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return -1;
}

function fileProblem(lineCounter: LineCounter, message: string, offset = 0): InputProblem {
  return { ruleId: null, message, range: rangeOfOffsets(lineCounter, offset, offset) };
}

/** Parses every YAML document of a file, keeping the node tree so findings can be located lazily. */
export function parseSourceFile(path: string, rawText: string, limits: ParseLimits = defaultParseLimits): SourceFile {
  // A byte order mark is legal but would shift every column by one.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  let trees: Document.Parsed[] | undefined;
  const file: SourceFile = {
    path,
    text,
    lineCounter,
    documents: [],
    problems: [],
    locate(documentIndex, pointer, target, within) {
      const parsed = file.documents[documentIndex];
      if (!parsed) return rangeOfOffsets(lineCounter, 0, 0);
      return rangeOfPointer(parsed.yaml, text, lineCounter, pointer, target, within);
    },
    releaseTrees() {
      trees = undefined;
    },
  };
  const treeAt = (index: number): Document.Parsed => {
    trees ??= toArray(parseAllDocuments(text, PARSE_OPTIONS));
    return trees[index]!;
  };

  // Lines come from the text itself: the parser's own counter skips line breaks while it recovers from a
  // syntax error, which would shift every later finding of the file. Files refused below need them too:
  // comment directives are still read from them.
  lineCounter.addNewLine(0);
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) lineCounter.addNewLine(newline + 1);
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    file.problems.push(fileProblem(lineCounter, 'Binary file (contains NUL bytes): not a YAML or JSON manifest.'));
    return file;
  }
  if (text.length > limits.maxFileSize) {
    file.problems.push({
      ...fileProblem(lineCounter, `File is ${text.length} characters, over the limit of ${limits.maxFileSize} (setting maxFileSize); not linted.`),
      ruleId: 'kubelore/input-limit',
    });
    return file;
  }

  let documents: Document.Parsed[];
  try {
    documents = toArray(parseAllDocuments(text, PARSE_OPTIONS));
  } catch (error) {
    // The parser recurses on nesting; a pathological file can exhaust the stack.
    file.problems.push(fileProblem(lineCounter, `YAML could not be parsed: ${describeError(error)}.`));
    return file;
  }
  trees = documents;

  documents.forEach((yaml, index) => {
    const parsed: ParsedDocument = {
      index,
      get yaml() {
        return treeAt(index);
      },
      value: undefined,
      lintable: true,
    };
    file.documents.push(parsed);
    const [start, , end] = yaml.range;
    const templateAt = firstTemplateOffset(text, yaml, start, end);
    if (templateAt !== -1) {
      parsed.lintable = false;
      file.problems.push({
        ruleId: 'kubelore/unrendered-template',
        message: 'Document contains template syntax (`{{ … }}`): render it first (for example `helm template`), then lint the output.',
        range: rangeOfOffsets(lineCounter, templateAt, firstLineEnd(text, templateAt)),
        documentIndex: index,
      });
      return;
    }
    for (const error of yaml.errors) {
      const [from, to] = error.pos;
      if (error.code === 'RESOURCE_EXHAUSTION') {
        // The parser ran out of stack: only nesting far past maxDepth does that.
        if (!parsed.lintable) continue;
        parsed.lintable = false;
        file.problems.push({
          ruleId: 'kubelore/input-limit',
          message: `Document nests too deeply to parse (over ${limits.maxDepth ?? defaultParseLimits.maxDepth} levels, setting maxDepth); not linted.`,
          range: rangeOfOffsets(lineCounter, from, Math.max(from, to)),
          documentIndex: index,
        });
        continue;
      }
      if (error.code === 'DUPLICATE_KEY') {
        file.problems.push({
          ruleId: 'kubelore/duplicate-key',
          message: 'Duplicate key: YAML requires unique keys, and tools disagree on which value wins.',
          range: rangeOfOffsets(lineCounter, from, to),
          documentIndex: index,
        });
        continue;
      }
      // The parser often reports one mistake several times; the first says where it is.
      if (!parsed.lintable) continue;
      parsed.lintable = false;
      file.problems.push({
        ruleId: null,
        message: `YAML syntax error: ${firstLine(error.message)}`,
        range: rangeOfOffsets(lineCounter, from, Math.max(from, to)),
        documentIndex: index,
      });
    }
    if (!parsed.lintable) return;
    try {
      parsed.value = yaml.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      parsed.lintable = false;
      const aliasBomb = /alias/i.test(describeError(error));
      file.problems.push({
        ruleId: aliasBomb ? 'kubelore/input-limit' : null,
        message: aliasBomb
          ? `Document expands more than ${limits.maxAliasCount} aliases (setting maxAliasCount): refused as a possible alias bomb.`
          : `Document could not be read: ${describeError(error)}.`,
        range: rangeOfOffsets(lineCounter, start, firstLineEnd(text, start)),
        documentIndex: index,
      });
      return;
    }
    const maxDepth = limits.maxDepth ?? defaultParseLimits.maxDepth!;
    const tooDeep = firstTooDeepPointer(parsed.value, maxDepth);
    if (tooDeep !== undefined) {
      parsed.lintable = false;
      parsed.value = undefined;
      file.problems.push({
        ruleId: 'kubelore/input-limit',
        message: `Document nests deeper than ${maxDepth} levels (setting maxDepth); not linted.`,
        range: file.locate(index, tooDeep),
        documentIndex: index,
      });
    }
  });
  return file;
}

// `logLevel: 'error'`: the parser's warnings (collection keys and the like) would go to the process's
// stderr; they are not findings, and a linter's output is its report alone.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

function toArray(parsed: unknown): Document.Parsed[] {
  return (Array.isArray(parsed) ? parsed : [parsed]) as Document.Parsed[];
}

function firstLineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'nested too deeply';
  return error instanceof Error ? firstLine(error.message) : String(error);
}
