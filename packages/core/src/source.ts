import type { Document, LineCounter } from 'yaml';
import type { ReportTarget, SourceRange } from './position.js';

/** Something wrong with the input itself, found before any rule runs. */
export interface InputProblem {
  /** An engine rule id (`kubelore/...`), or null for a fatal problem that stops a document being read. */
  ruleId: string | null;
  message: string;
  range: SourceRange;
  /** The document it belongs to, when it belongs to one. */
  documentIndex?: number;
}

export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  /** yaml's `[start, valueEnd, end]` of the document, as character offsets. */
  range: [number, number, number];
  /** Where the document's contents start (after `---` and comments). */
  contentsStart: number;
  /** The node tree; parsed again on demand when it was released. */
  yaml: Document;
  /** The document as plain data; undefined when it could not be read. */
  value: unknown;
  /** False when a fatal problem or an unrendered template means rules must not see this document. */
  lintable: boolean;
}

/** One parsed file: its text (without a byte order mark), line starts, documents and input problems. */
export interface SourceFile {
  path: string;
  text: string;
  /** The text started with a byte order mark, dropped from `text`; offsets count from after it. */
  hadByteOrderMark: boolean;
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
  /** Most nodes a file may have, estimated as lines plus commas (default 2,000,000); larger files are refused. */
  maxNodes?: number;
}

export const defaultParseLimits: ParseLimits = { maxFileSize: 64 * 1024 * 1024, maxAliasCount: 100, maxDepth: 100, maxNodes: 2_000_000 };

/**
 * A function of a file's path, worked out once per file (and again if its path changes): what rules and
 * the engine ask for every object of a file.
 */
export function byFilePath<T>(compute: (path: string) => T): (source: SourceFile) => T {
  const known = new WeakMap<SourceFile, { path: string; value: T }>();
  return (source) => {
    let entry = known.get(source);
    if (entry?.path !== source.path) known.set(source, (entry = { path: source.path, value: compute(source.path) }));
    return entry.value;
  };
}
