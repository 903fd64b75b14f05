import { REDACTED, type LintMessage, type LintResult, type Rule, type TextEdit } from '@kubelore/core';
import { offsetsOf } from '@kubelore/core/internal';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { type PositionMap } from './convert.js';
import { disableNextLineEdit, ignoreAnnotationEdit } from './disable.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubelore`;

function describe(message: LintMessage): string {
  const resource = message.resource;
  return resource ? `${resource.kind}${resource.name ? ` ${resource.name}` : ''}` : 'this object';
}

/**
 * An edit whose text kubelore masked (it would have carried a flagged secret value) is not offered: applied,
 * it would write the mask into the file, and unmasked it would send the secret over the wire.
 */
function usable(edit: TextEdit): boolean {
  return !edit.text.includes(REDACTED);
}

function action(title: string, kind: string, uri: string, edits: LspTextEdit[], diagnostic?: Diagnostic, preferred = false): CodeAction {
  return { title, kind, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), ...(preferred ? { isPreferred: true } : {}), edit: { changes: { [uri]: edits } } };
}

/** The quick fixes for one finding: its fix, each suggestion, and turning the rule off for the object or the line. */
export function quickFixes(message: LintMessage, diagnostic: Diagnostic, text: string, uri: string, positions: PositionMap): CodeAction[] {
  const actions: CodeAction[] = [];
  const id = message.ruleId;
  if (id === null) return actions;
  if (message.fix && usable(message.fix)) actions.push(action(`Fix this ${id} problem`, CodeActionKind.QuickFix, uri, [positions.edit(message.fix)], diagnostic, true));
  for (const suggestion of message.suggestions) {
    if (usable(suggestion.fix)) actions.push(action(suggestion.desc, CodeActionKind.QuickFix, uri, [positions.edit(suggestion.fix)], diagnostic));
  }
  const annotation = ignoreAnnotationEdit(text, message);
  if (annotation) actions.push(action(`Disable ${id} for ${describe(message)} (kubelore.dev/ignore annotation)`, CodeActionKind.QuickFix, uri, [positions.edit(annotation)], diagnostic));
  const comment = disableNextLineEdit(text, message);
  if (comment) actions.push(action(`Disable ${id} for this line`, CodeActionKind.QuickFix, uri, [positions.edit(comment)], diagnostic));
  return actions;
}

/** The one edit that turns `before` into `after`: the part between their common start and common end. */
export function trimmedEdit(before: string, after: string): TextEdit {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { range: [start, before.length - end], text: after.slice(start, after.length - end) };
}

function secretRangesOf(result: LintResult, rules: ReadonlyMap<string, Rule<string, any>>): Array<readonly [number, number]> {
  return result.messages.flatMap((message) => {
    const offsets = message.ruleId !== null && rules.get(message.ruleId)?.meta.reportsSecretValues ? offsetsOf(message) : undefined;
    return offsets ? [offsets] : [];
  });
}

/**
 * "Fix all kubelore problems": the text `lintAndFix` arrived at, as one edit from the first change to the
 * last. When that edit would restate a flagged secret value that lies between two fixes, the fixes of the
 * first pass are sent one by one instead, so no edit carries the secret.
 */
export function fixAllEdits(
  text: string,
  fixedText: string | undefined,
  fixedResult: LintResult,
  firstPass: readonly LintMessage[],
  rules: ReadonlyMap<string, Rule<string, any>>,
  positions: PositionMap,
): LspTextEdit[] {
  if (fixedText === undefined) return [];
  const bomless = fixedText.charCodeAt(0) === 0xfeff ? fixedText.slice(1) : fixedText;
  const edit = trimmedEdit(text, bomless);
  const newStart = edit.range[0];
  const newEnd = newStart + edit.text.length;
  const carriesSecret = secretRangesOf(fixedResult, rules).some(([start, end]) => start < newEnd && end > newStart);
  if (!carriesSecret) return [positions.edit(edit)];
  // As applyFixes takes them: in source order, skipping any that overlaps one already taken.
  const fixes = firstPass.flatMap((message) => (message.fix && usable(message.fix) ? [message.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const taken: TextEdit[] = [];
  let cursor = 0;
  for (const fix of fixes) {
    if (fix.range[0] < cursor) continue;
    taken.push(fix);
    cursor = fix.range[1];
  }
  return taken.map((fix) => positions.edit(fix));
}
