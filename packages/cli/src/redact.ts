import type { LintResult } from '@kubelore/core';

export const REDACTED = '<redacted by kubelore>';

// Rules whose findings point at the secret value itself (other security rules point at settings).
const VALUE_RULES = new Set(['credentials/plaintext-secret', 'credentials/secret-env-literal']);

/** The character offset of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return text.length;
    offset = newline + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

/**
 * `--fix-dry-run` prints each fixed file, which would print the credentials a security rule found in it
 * into a CI log. The values those findings point at are masked in the printed text; `--fix` writes the
 * real file.
 */
export function redactSecretsInOutput(results: LintResult[]): void {
  for (const result of results) {
    if (typeof result.output !== 'string') continue;
    const ranges = result.messages
      .filter((message) => message.ruleId !== null && VALUE_RULES.has(message.ruleId))
      .map((message) => [offsetOf(result.output!, message.line, message.column), offsetOf(result.output!, message.endLine ?? message.line, message.endColumn ?? message.column)] as const)
      .filter(([start, end]) => end > start)
      .sort((a, b) => b[0] - a[0]);
    let text = result.output;
    let lastStart = Infinity;
    for (const [start, end] of ranges) {
      if (end > lastStart) continue; // Overlapping findings: the later one already masked this text.
      text = text.slice(0, start) + REDACTED + text.slice(end);
      lastStart = start;
    }
    result.output = text;
  }
}
