import { valueAt } from './pointer.js';
import { offsetsOf } from './report.js';
import type { LintMessage } from './results.js';
import type { Rule, Suggestion, TextEdit } from './rule.js';
import type { SourceFile } from './source.js';

/** What stands in for a secret value in anything kubelore hands out. */
export const REDACTED = '<redacted by kubelore>';

// Shorter strings would mask ordinary words across a message; exact ranges still mask them in text.
const MIN_QUOTED_SECRET = 4;
// A flagged value that is one plain word (`password`, `changeme`: a well-known default) is public
// knowledge; masking it in prose would garble the very message that names it. Its exact range in the
// text is still masked.
const PLAIN_WORD = /^[A-Za-z]{1,12}$/;

/** The findings of rules that report secret values (`meta.reportsSecretValues`). */
function secretFindings(messages: readonly LintMessage[], rules: ReadonlyMap<string, Rule<string, any>>): LintMessage[] {
  return messages.filter((message) => message.ruleId !== null && rules.get(message.ruleId)?.meta.reportsSecretValues === true);
}

/** The exact ranges of the file's text that hold flagged secret values. */
export function secretRanges(messages: readonly LintMessage[], rules: ReadonlyMap<string, Rule<string, any>>): Array<readonly [number, number]> {
  return secretFindings(messages, rules)
    .map((message) => offsetsOf(message))
    .filter((range): range is readonly [number, number] => range !== undefined && range[1] > range[0]);
}

/**
 * The secret values as text might quote them: the source slice, without quotes, and the parsed value
 * (a block scalar's value differs from its source), line by line for multi-line values.
 */
function secretStrings(source: SourceFile, findings: readonly LintMessage[]): string[] {
  const strings = new Set<string>();
  const add = (text: string) => {
    const trimmed = text.trim();
    if (trimmed.length >= MIN_QUOTED_SECRET && !PLAIN_WORD.test(trimmed)) strings.add(trimmed);
  };
  for (const message of findings) {
    const range = offsetsOf(message);
    if (range && range[1] > range[0]) {
      const slice = source.text.slice(range[0], range[1]);
      add(slice);
      add(slice.replace(/^["']|["']$/g, ''));
    }
    if (message.resource && message.path !== undefined) {
      const value = valueAt(source.documents[message.resource.document]?.value, message.path);
      if (typeof value === 'string') {
        add(value);
        for (const line of value.split('\n')) add(line);
      }
    }
  }
  // Longest first, so a value is masked whole before a line of it is looked for.
  return [...strings].sort((a, b) => b.length - a.length);
}

const WORD = /[A-Za-z0-9_]/;

/**
 * Each occurrence of a secret that stands alone: not inside a longer word, so a weak password `admin`
 * masks `admin` but not the key name `adminPassword` a message names.
 */
function maskString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    let at = out.indexOf(secret);
    while (at !== -1) {
      const before = at > 0 && WORD.test(secret[0]!) && WORD.test(out[at - 1]!);
      const end = at + secret.length;
      const after = end < out.length && WORD.test(secret[secret.length - 1]!) && WORD.test(out[end]!);
      if (before || after) {
        at = out.indexOf(secret, at + 1);
        continue;
      }
      out = out.slice(0, at) + REDACTED + out.slice(end);
      at = out.indexOf(secret, at + REDACTED.length);
    }
  }
  return out;
}

function maskEdit(edit: TextEdit, secrets: readonly string[]): TextEdit {
  const text = maskString(edit.text, secrets);
  return text === edit.text ? edit : { range: edit.range, text };
}

/**
 * Masks the flagged secret values of a file wherever its messages quote them: message text, fix text,
 * suggestion descriptions and edits. Any rule's message counts (a schema message quoting a value, an
 * unused directive quoting a line), so one rule that flags a value protects it from every other rule.
 */
export function maskMessages(source: SourceFile, messages: LintMessage[], rules: ReadonlyMap<string, Rule<string, any>>): void {
  const findings = secretFindings(messages, rules);
  if (findings.length === 0) return;
  const secrets = secretStrings(source, findings);
  if (secrets.length === 0) return;
  for (const message of messages) {
    message.message = maskString(message.message, secrets);
    if (message.fix) message.fix = maskEdit(message.fix, secrets);
    if (message.suggestions.length > 0) {
      message.suggestions = message.suggestions.map((suggestion): Suggestion => ({ desc: maskString(suggestion.desc, secrets), fix: maskEdit(suggestion.fix, secrets) }));
    }
  }
}

/**
 * A fixed text as it may be printed: the flagged ranges (found by linting this very text) masked, and
 * then every standalone occurrence of a flagged value too, in case a range missed its value (a key the
 * pointer cannot name exactly, an anchor copied elsewhere).
 */
export function maskOutput(source: SourceFile, messages: readonly LintMessage[], rules: ReadonlyMap<string, Rule<string, any>>): string {
  const findings = secretFindings(messages, rules);
  if (findings.length === 0) return source.text;
  const ranged = maskRanges(source.text, secretRanges(findings, rules));
  return maskString(ranged, secretStrings(source, findings));
}

/** The text with each range replaced by the mask (ranges may overlap; later ones inside earlier ones are skipped). */
export function maskRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (start < cursor) continue;
    out += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + text.slice(cursor);
}
