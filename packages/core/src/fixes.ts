import type { LintMessage } from './results.js';
import type { TextEdit } from './rule.js';

export interface AppliedFixes {
  output: string;
  /** How many edits were applied. */
  applied: number;
  /** Messages whose fix overlapped one already taken; they need another pass. */
  remaining: LintMessage[];
}

/**
 * Applies the fixes of a set of messages to the original text in one pass. Edits are taken in source
 * order; one that overlaps an edit already taken waits for the next pass, as in ESLint.
 */
export function applyFixes(text: string, messages: readonly LintMessage[], accept: (message: LintMessage) => boolean = () => true): AppliedFixes {
  const fixable = messages.filter((message) => message.fix && accept(message));
  fixable.sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  let output = '';
  let cursor = 0;
  let applied = 0;
  const remaining: LintMessage[] = [];
  for (const message of fixable) {
    const fix = message.fix as TextEdit;
    const [start, end] = fix.range;
    if (start < cursor || start > end || end > text.length) {
      remaining.push(message);
      continue;
    }
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  output += text.slice(cursor);
  return { output, applied, remaining };
}

/** Applies a single edit: what a suggestion would produce. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}
