import { buildResult, type LintMessage, type LintResult } from './results.js';

function keyOf(message: LintMessage): string | undefined {
  const { resource } = message;
  if (message.ruleId === null || message.fatal || !resource || resource.name === undefined || message.path === undefined) return undefined;
  return [message.ruleId, resource.apiVersion, resource.kind, resource.namespace ?? '', resource.name, message.path, message.message].join('\u0000');
}

/**
 * Folds findings repeated on copies of one object across files: the same rule, the same message, at
 * the same place of an object with the same apiVersion, kind, namespace and name, in another file (a
 * tutorial's step 1 and step 2, an install and its `-psa` variant, the same Deployment in six rendered
 * installs). The first occurrence, in the order of `results`, stays and lists the others in `repeats`;
 * the others are removed. Repeats inside one file are kept. Results are changed in place (their counts
 * recomputed) and returned, so that callers keyed by the array keep their key.
 */
export function foldRepeatedFindings(results: LintResult[]): LintResult[] {
  const first = new Map<string, { message: LintMessage; filePath: string }>();
  for (const result of results) {
    const kept: LintMessage[] = [];
    for (const message of result.messages) {
      const key = keyOf(message);
      const original = key === undefined ? undefined : first.get(key);
      if (key !== undefined && !original) first.set(key, { message, filePath: result.filePath });
      if (!original || original.filePath === result.filePath) {
        kept.push(message);
        continue;
      }
      (original.message.repeats ??= []).push({ filePath: result.filePath, line: message.line, column: message.column });
    }
    if (kept.length === result.messages.length) continue;
    const counted = buildResult(result.filePath, kept);
    Object.assign(result, {
      messages: counted.messages,
      errorCount: counted.errorCount,
      warningCount: counted.warningCount,
      fatalErrorCount: counted.fatalErrorCount,
      fixableErrorCount: counted.fixableErrorCount,
      fixableWarningCount: counted.fixableWarningCount,
    });
  }
  return results;
}
