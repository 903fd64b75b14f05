import type { LintResult } from '@kubelore/core';
import { ruleIdOf } from '@kubelore/core';
import type { FormatterContext } from './index.js';
import { locateFile } from './paths.js';
import { printable } from './printable.js';

/** A workflow command's message: `%`, CR and LF would end or corrupt the command. */
export function escapeCommandData(text: string): string {
  // Other control characters are shown as escapes: the runner prints the message into the log.
  return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command's property value: additionally `:` and `,`, which separate properties. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule id>::<message>`, `::warning` for
 * warnings. Paths are relative to the repository root, as the runner resolves them.
 */
export function formatGithub(results: readonly LintResult[], context: FormatterContext): string {
  const root = typeof context.options?.srcRoot === 'string' ? context.options.srcRoot : context.repositoryRoot ?? context.cwd;
  const lines: string[] = [];
  for (const result of results) {
    const located = locateFile(result.filePath, context.cwd, root);
    // A file outside the repository cannot be annotated; its absolute path still tells the reader where.
    const file = 'relative' in located ? located.relative : 'absolute' in located ? located.absolute : located.pseudo;
    for (const message of result.messages) {
      const properties: [string, string | number][] = [
        ['file', file],
        ['line', message.line],
      ];
      // The runner takes columns only for a range on one line.
      if (message.endLine === message.line) properties.push(['col', message.column]);
      properties.push(['endLine', Math.max(message.endLine, message.line)]);
      if (message.endLine === message.line) properties.push(['endColumn', message.endColumn]);
      properties.push(['title', ruleIdOf(message)]);
      const command = message.severity === 2 ? 'error' : 'warning';
      const encoded = properties.map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`).join(',');
      lines.push(`::${command} ${encoded}::${escapeCommandData(message.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
