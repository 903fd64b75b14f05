import { PARSE_ERROR_ID, type LintMessage, type Rule, type TextEdit } from '@kubelore/core';
import { offsetsOf } from '@kubelore/core/internal';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const SOURCE = 'kubelore';

/**
 * Offsets of the linted text (kubelore drops a byte order mark; its offsets count from after it) to LSP
 * positions: 0-based lines and UTF-16 code units, which is what the document counts in.
 */
export class PositionMap {
  private readonly shift: number;

  constructor(private readonly document: TextDocument) {
    this.shift = document.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  range(start: number, end: number): Range {
    return { start: this.document.positionAt(start + this.shift), end: this.document.positionAt(end + this.shift) };
  }

  edit(edit: TextEdit): { range: Range; newText: string } {
    return { range: this.range(edit.range[0], edit.range[1]), newText: edit.text };
  }

  /** A message's range: its exact offsets when the run recorded them, else its 1-based line and column. */
  messageRange(message: LintMessage): Range {
    const offsets = offsetsOf(message);
    if (offsets) return this.range(offsets[0], offsets[1]);
    const line = Math.max(0, message.line - 1);
    const endLine = Math.max(line, (message.endLine ?? message.line) - 1);
    return { start: { line, character: Math.max(0, message.column - 1) }, end: { line: endLine, character: Math.max(0, (message.endColumn ?? message.column) - 1) } };
  }
}

export function isSchemaFinding(message: LintMessage): boolean {
  return message.ruleId !== null && message.ruleId.startsWith('schema/');
}

/** One finding as a diagnostic: severity, the rule id as code with its docs page, the exact range. */
export function toDiagnostic(message: LintMessage, positions: PositionMap, rules: ReadonlyMap<string, Rule<string, any>>): Diagnostic {
  const code = message.ruleId ?? PARSE_ERROR_ID;
  const href = message.ruleId ? rules.get(message.ruleId)?.meta.docs.url : undefined;
  return {
    range: positions.messageRange(message),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: message.message,
  };
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  // Touching counts: a cursor at either end of a finding is on it.
  return !before(a.end, b.start) && !before(b.end, a.start);
}
