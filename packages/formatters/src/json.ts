import type { LintResult } from '@kubelore/core';

/** ESLint's result shape, extended with the object and JSON pointer of every finding. */
export function formatJson(results: readonly LintResult[]): string {
  return JSON.stringify(results);
}
