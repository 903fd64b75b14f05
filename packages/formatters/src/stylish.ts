import type { LintResult } from '@kubelore/core';
import pc from 'picocolors';
import { printableLine } from './printable.js';

export interface StylishOptions {
  /** Colour the output; the CLI decides from the TTY, NO_COLOR and --color. */
  color?: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** Terminal output: findings grouped by file, `line:col  severity  message  ruleId`, and a summary. */
export function formatStylish(results: readonly LintResult[], options: StylishOptions = {}): string {
  const colors = pc.createColors(options.color ?? false);
  let output = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    output += `\n${colors.underline(printableLine(result.filePath))}\n`;
    const rows = result.messages.map((message) => ({
      position: `${message.line}:${message.column}`,
      severity: message.severity === 2 ? 'error' : 'warning',
      text: printableLine(message.message.replace(/\s*\n\s*/g, ' ')),
      rule: printableLine(message.ruleId ?? ''),
      repeats: message.repeats ?? [],
    }));
    // A loop, not Math.max(...rows): spreading 125,000 arguments overflows the stack.
    let positionWidth = 0;
    for (const row of rows) positionWidth = Math.max(positionWidth, row.position.length);
    for (const row of rows) {
      const severity = row.severity === 'error' ? colors.red(pad(row.severity, 7)) : colors.yellow(pad(row.severity, 7));
      output += `  ${colors.dim(pad(row.position, positionWidth))}  ${severity}  ${row.text}  ${colors.dim(row.rule)}\n`;
      if (row.repeats.length > 0) {
        const where = printableLine(row.repeats.map((repeat) => `${repeat.filePath}:${repeat.line}:${repeat.column}`).join(', '));
        output += colors.dim(`  ${pad('', positionWidth)}  the same on ${row.repeats.length === 1 ? '1 copy' : `${row.repeats.length} copies`} of the object: ${where}`) + '\n';
      }
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  output += `\n${errors > 0 ? colors.red(colors.bold(summary)) : colors.yellow(colors.bold(summary))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    output += colors.dim(`  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.\n`);
  }
  return output;
}
