import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import {
  binaryFileProblem,
  classifyTemplates,
  duplicateKeyProblems,
  fileSizeProblem,
  firstTooDeepPointer,
} from './input-checks.js';
import { rangeOfOffsets, rangeOfPointer } from './position.js';
import { describeYamlError } from './yaml-errors.js';
import { defaultParseLimits, type ParsedDocument, type ParseLimits, type SourceFile } from './source.js';

// `logLevel: 'error'`: the parser's warnings (collection keys and the like) would go to the process's
// stderr; they are not findings, and a linter's output is its report alone.
// `uniqueKeys: false`: duplicate keys are found by input-checks.ts in linear time.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

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

/**
 * Parses every YAML document of a file and runs the input checks. Each document keeps its node tree so
 * findings can be located lazily; a document with a fatal problem or template structure is not lintable.
 */
export function parseSourceFile(path: string, rawText: string, limits: ParseLimits = defaultParseLimits): SourceFile {
  // A byte order mark is legal but would shift every column by one; fixes are applied to this text and
  // the mark put back (lint-and-fix.ts).
  const hadByteOrderMark = rawText.charCodeAt(0) === 0xfeff;
  const text = hadByteOrderMark ? rawText.slice(1) : rawText;
  const lineCounter = countLines(text);
  let trees: Document.Parsed[] | undefined;
  const file: SourceFile = {
    path,
    text,
    hadByteOrderMark,
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
  // Files refused here still have their line starts: comment directives are read from them.
  const refusal = binaryFileProblem(text, lineCounter) ?? fileSizeProblem(text, lineCounter, limits);
  if (refusal) {
    file.problems.push(refusal);
    return file;
  }
  try {
    trees = parseDocuments(text);
  } catch (error) {
    // The parser recurses on nesting; a pathological file can exhaust the stack.
    file.problems.push({ ruleId: null, message: `YAML could not be parsed: ${describeError(error) === 'nested too deeply' ? 'nested too deeply' : 'the parser failed'}.`, range: rangeOfOffsets(lineCounter, 0, 0) });
    return file;
  }
  const treeAt = (index: number): Document.Parsed => {
    trees ??= parseDocuments(text);
    return trees[index]!;
  };
  trees.forEach((yaml, index) => {
    const parsed: ParsedDocument = {
      index,
      range: [...yaml.range],
      contentsStart: yaml.contents?.range?.[0] ?? yaml.range[0],
      get yaml() {
        return treeAt(index);
      },
      value: undefined,
      lintable: true,
    };
    file.documents.push(parsed);
    checkDocument(file, parsed, yaml, limits);
  });
  return file;
}

/** The input checks of one document, in the order that decides which problem a reader sees. */
function checkDocument(file: SourceFile, parsed: ParsedDocument, yaml: Document.Parsed, limits: ParseLimits): void {
  const { text, lineCounter, problems } = file;
  const { index } = parsed;
  const [start, , end] = parsed.range;
  const templates = classifyTemplates(text, yaml, start, end);
  if (templates.kind === 'structural') {
    parsed.lintable = false;
    problems.push({
      ruleId: 'kubelore/unrendered-template',
      message: 'Document skipped: template syntax (`{{ … }}`) outside a value shapes it, so what it holds is known only once rendered. Render it first (for example `helm template`), then lint the output.',
      range: rangeOfOffsets(lineCounter, templates.offset, firstLineEnd(text, templates.offset)),
      documentIndex: index,
    });
    return;
  }
  if (templates.kind === 'placeholder') {
    problems.push({
      ruleId: 'kubelore/template-placeholder',
      message: 'A value holds an unrendered template placeholder (`{{ … }}`); the document is linted with the placeholder as literal text.',
      range: rangeOfOffsets(lineCounter, templates.offset, firstLineEnd(text, templates.offset)),
      documentIndex: index,
    });
  }
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
  const maxDepth = limits.maxDepth ?? defaultParseLimits.maxDepth!;
  const tooDeep = firstTooDeepPointer(parsed.value, maxDepth);
  if (tooDeep !== undefined) {
    parsed.lintable = false;
    parsed.value = undefined;
    problems.push({
      ruleId: 'kubelore/input-limit',
      message: `Document nests deeper than ${maxDepth} levels (setting maxDepth); not linted.`,
      range: file.locate(index, tooDeep),
      documentIndex: index,
    });
  }
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
