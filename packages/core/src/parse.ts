import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import {
  binaryFileProblem,
  classifyTemplates,
  duplicateKeyProblems,
  fileSizeProblem,
  nodeCountProblem,
  firstTooDeepPointer,
  valueScalarsOfTree,
  type ValueScalar,
} from './input-checks.js';
import { parseFast, type FastParse, type PositionTable } from './fast-parse/index.js';
import { rangeOfOffsets, rangeOfPointer, type ReportTarget, type SourceRange } from './position.js';
import { rangeOfPointerInTable } from './table-position.js';
import { unrenderedTemplateMessage } from './template-advice.js';
import { describeYamlError } from './yaml-errors.js';
import { defaultParseLimits, type ParsedDocument, type ParseLimits, type SourceFile } from './source.js';

// `logLevel: 'error'`: the parser's warnings (collection keys and the like) would go to the process's
// stderr; they are not findings, and a linter's output is its report alone.
// `uniqueKeys: false`: duplicate keys are found by input-checks.ts in linear time.
// `merge: true`: kubectl's go-yaml (YAML 1.1) merges `<<: *defaults` into the mapping, so the API
// server never sees a `<<` field; YAML 1.2 alone would keep it as a key. The fast path declines
// documents with a `<<` key, so only this path meets one.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error', merge: true } as const;

function parseDocuments(text: string): Document.Parsed[] {
  const parsed: unknown = parseAllDocuments(text, PARSE_OPTIONS);
  return (Array.isArray(parsed) ? parsed : [parsed]) as Document.Parsed[];
}

/** Line starts come from the text itself: yaml's own counter skips line breaks while recovering from errors. */
function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) lineCounter.addNewLine(newline + 1);
  return lineCounter;
}

/** The fast path's position tables of each file it took, by document (edits.ts builds fixes from them). */
const tablesBySource = new WeakMap<SourceFile, PositionTable[]>();

export function positionTableOf(source: SourceFile, documentIndex: number): PositionTable | undefined {
  return tablesBySource.get(source)?.[documentIndex];
}

/**
 * Parses every YAML document of a file and runs the input checks. Most files take the fast path
 * (fast-parse/: plain values and a position table, no node trees); a file it declines (errors, duplicate
 * keys, anchors and the rest) is parsed the ordinary way, with the same messages and ranges as ever. On
 * both paths `documents[i].yaml` parses the text again on demand (fixes), kept until releaseTrees().
 */
export function parseSourceFile(path: string, rawText: string, limits: ParseLimits = defaultParseLimits, options: ParseOptions = {}): SourceFile {
  // A byte order mark is legal but would shift every column by one; fixes are applied to this text and
  // the mark put back (lint-and-fix.ts).
  const hadByteOrderMark = rawText.charCodeAt(0) === 0xfeff;
  const text = hadByteOrderMark ? rawText.slice(1) : rawText;
  const lineCounter = countLines(text);
  let trees: Document.Parsed[] | undefined;
  const locators: Locator[] = [];
  const file: SourceFile = {
    path,
    text,
    hadByteOrderMark,
    lineCounter,
    documents: [],
    problems: [],
    locate(documentIndex, pointer, target, within) {
      const locator = locators[documentIndex];
      return locator ? locator(pointer, target, within) : rangeOfOffsets(lineCounter, 0, 0);
    },
    releaseTrees() {
      trees = undefined;
    },
  };
  // Files refused here still have their line starts: comment directives are read from them.
  const refusal = refusalOf(text, lineCounter, limits);
  if (refusal) {
    file.problems.push(refusal);
    return file;
  }
  const treeAt = (index: number): Document.Parsed => {
    trees ??= parseDocuments(text);
    return trees[index]!;
  };
  const fast = options.fast === false ? undefined : typeof options.fast === 'object' ? options.fast : parseFast(text);
  if (fast) {
    tablesBySource.set(file, fast.documents.map((document) => document.table));
    fast.documents.forEach(({ value, range, contentsStart, table, depth }, index) => {
      const parsed = newDocument(index, range, contentsStart, treeAt);
      file.documents.push(parsed);
      locators.push((pointer, target, within) => rangeOfPointerInTable(table, value, text, lineCounter, pointer, target, within));
      // The fast path takes only documents without errors.
      const identity = value as { apiVersion?: unknown; kind?: unknown } | null;
      if (!checkTemplates(file, parsed, () => table.valueScalars(), identity?.apiVersion, identity?.kind)) return;
      parsed.value = value;
      // The composer counted the nesting as firstTooDeepPointer does; walking the value again is needed only to say where.
      if (depth > (limits.maxDepth ?? defaultParseLimits.maxDepth!)) checkDepth(file, parsed, limits);
    });
    return file;
  }
  try {
    trees = parseDocuments(text);
  } catch (error) {
    // The parser recurses on nesting; a pathological file can exhaust the stack.
    file.problems.push({ ruleId: null, message: `YAML could not be parsed: ${describeError(error) === 'nested too deeply' ? 'nested too deeply' : 'the parser failed'}.`, range: rangeOfOffsets(lineCounter, 0, 0) });
    return file;
  }
  trees.forEach((yaml, index) => {
    const parsed = newDocument(index, [...yaml.range], yaml.contents?.range?.[0] ?? yaml.range[0], treeAt);
    file.documents.push(parsed);
    locators.push((pointer, target, within) => rangeOfPointer(parsed.yaml, text, lineCounter, pointer, target, within));
    checkDocument(file, parsed, yaml, limits);
  });
  return file;
}

/** Why a file is not parsed at all (binary, too large, too many nodes), or undefined. */
function refusalOf(text: string, lineCounter: LineCounter, limits: ParseLimits) {
  return binaryFileProblem(text, lineCounter) ?? fileSizeProblem(text, lineCounter, limits) ?? nodeCountProblem(text, lineCounter, limits);
}

/**
 * The fast parse parseSourceFile would make of `rawText`, for a caller that parses elsewhere (the CLI's
 * worker threads) and hands it back through the `fast` option; undefined when the file is refused
 * before parsing or the fast path declines it. The same checks, in the same order, guard it.
 */
export function fastParseOf(rawText: string, limits: ParseLimits = defaultParseLimits): FastParse | undefined {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  return refusalOf(text, countLines(text), limits) ? undefined : parseFast(text);
}

export interface ParseOptions {
  /**
   * Take the fast path where it applies (default true); false parses the ordinary way (the differential
   * tests, and files a worker's fast parse declined); a FastParse of this text made elsewhere is used as is.
   */
  fast?: boolean | FastParse;
}

type Locator = (pointer: string, target?: ReportTarget, within?: [number, number]) => SourceRange;

function newDocument(index: number, range: [number, number, number], contentsStart: number, treeAt: (index: number) => Document.Parsed): ParsedDocument {
  return {
    index,
    range,
    contentsStart,
    get yaml() {
      return treeAt(index);
    },
    value: undefined,
    lintable: true,
  };
}

/** The template check of a document: false when template syntax shapes it (it is then not lintable). */
function checkTemplates(file: SourceFile, parsed: ParsedDocument, valueScalars: () => ValueScalar[], apiVersion: unknown, kind: unknown, firstErrorOffset?: number): boolean {
  const { text, lineCounter, problems } = file;
  const { index } = parsed;
  const [start, , end] = parsed.range;
  let templates = classifyTemplates(text, valueScalars, start, end);
  // A syntax error before any template syntax is the file's own (a quoted scalar under-indented, say):
  // the broken tree would make the template look structural, so the syntax error is reported instead.
  if (templates.kind === 'structural' && firstErrorOffset !== undefined && firstErrorOffset < templates.offset) templates = { kind: 'none' };
  // Where `{{ … }}` is the object's own language, not a renderer's placeholder: Argo Workflows
  // parameters (`{{workflow.uid}}`), Prometheus and Alertmanager templates (`{{ $labels.pod }}`).
  if (templates.kind === 'placeholder' && ownsTemplates(apiVersion)) templates = { kind: 'none' };
  // A CRD's values are its schema: `{{ … }}` in a field description documents the kind's own templates.
  if (templates.kind === 'placeholder' && kind === 'CustomResourceDefinition' && typeof apiVersion === 'string' && apiVersion.startsWith('apiextensions.k8s.io/')) templates = { kind: 'none' };
  if (templates.kind === 'structural') {
    parsed.lintable = false;
    problems.push({
      ruleId: 'kubelore/unrendered-template',
      message: unrenderedTemplateMessage(file.path, text, templates.offset, start, end),
      range: rangeOfOffsets(lineCounter, templates.offset, firstLineEnd(text, templates.offset)),
      documentIndex: index,
    });
    return false;
  }
  if (templates.kind === 'placeholder') {
    problems.push({
      ruleId: 'kubelore/template-placeholder',
      message: 'A value holds an unrendered template placeholder (`{{ … }}`); the document is linted with the placeholder as literal text.',
      range: rangeOfOffsets(lineCounter, templates.offset, firstLineEnd(text, templates.offset)),
      documentIndex: index,
    });
  }
  return true;
}

/** The input checks of one document of the ordinary path, in the order that decides which problem a reader sees. */
function checkDocument(file: SourceFile, parsed: ParsedDocument, yaml: Document.Parsed, limits: ParseLimits): void {
  const { text, lineCounter, problems } = file;
  const { index } = parsed;
  const [start] = parsed.range;
  const firstError = yaml.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const root = yaml.contents && 'get' in yaml.contents ? (yaml.contents as { get(key: string): unknown }) : undefined;
  if (!checkTemplates(file, parsed, () => valueScalarsOfTree(yaml), root?.get('apiVersion'), root?.get('kind'), firstError?.pos[0])) return;
  for (const problem of duplicateKeyProblems(yaml, text, lineCounter, index)) problems.push(problem);
  for (const error of yaml.errors) {
    if (error.code === 'DUPLICATE_KEY') continue;
    // The parser often reports one mistake several times; the first says where it is.
    if (!parsed.lintable) continue;
    parsed.lintable = false;
    const [from, to] = error.pos;
    const range = rangeOfOffsets(lineCounter, from, Math.max(from, to));
    problems.push(
      error.code === 'RESOURCE_EXHAUSTION'
        ? // The parser ran out of stack: only nesting far past maxDepth does that.
          { ruleId: 'kubelore/input-limit', message: `Document nests too deeply to parse (over ${limits.maxDepth ?? defaultParseLimits.maxDepth} levels, setting maxDepth); not linted.`, range, documentIndex: index }
        : { ruleId: null, message: describeYamlError(error, lineCounter), range, documentIndex: index },
    );
  }
  if (!parsed.lintable) return;
  try {
    parsed.value = yaml.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    parsed.lintable = false;
    const aliasBomb = /alias/i.test(describeError(error));
    problems.push({
      ruleId: aliasBomb ? 'kubelore/input-limit' : null,
      message: aliasBomb
        ? `Document expands more than ${limits.maxAliasCount} aliases (setting maxAliasCount): refused as a possible alias bomb.`
        : // The error's own text may quote the document (a tag, a value): it is not passed on.
          'Document could not be read as data (the YAML parses, but turning it into values failed).',
      range: rangeOfOffsets(lineCounter, start, firstLineEnd(text, start)),
      documentIndex: index,
    });
    return;
  }
  checkDepth(file, parsed, limits);
}

/** Refuses a document nested deeper than maxDepth: rules and serialisers recurse. */
function checkDepth(file: SourceFile, parsed: ParsedDocument, limits: ParseLimits): void {
  const maxDepth = limits.maxDepth ?? defaultParseLimits.maxDepth!;
  const tooDeep = firstTooDeepPointer(parsed.value, maxDepth);
  if (tooDeep === undefined) return;
  parsed.lintable = false;
  parsed.value = undefined;
  file.problems.push({
    ruleId: 'kubelore/input-limit',
    message: `Document nests deeper than ${maxDepth} levels (setting maxDepth); not linted.`,
    range: file.locate(parsed.index, tooDeep),
    documentIndex: parsed.index,
  });
}

/** API groups whose objects carry `{{ … }}` as their own template language. */
const TEMPLATE_LANGUAGE_GROUPS = ['argoproj.io/', 'monitoring.coreos.com/', 'monitoring.googleapis.com/'];

function ownsTemplates(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && TEMPLATE_LANGUAGE_GROUPS.some((group) => apiVersion.startsWith(group));
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
