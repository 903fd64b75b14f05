import type { LintResult, Rule } from '@kubelore/core';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

/** What a formatter may know beyond the results: the CLI fills it in. */
export interface FormatterContext {
  /** Folder that relative paths in reports are relative to (the repository root for SARIF). */
  cwd: string;
  color: boolean;
  /** Every rule that ran, by id, for formats that describe rules (SARIF, JUnit). */
  rules: Map<string, Rule<string, any>>;
  /** The kubelore version. */
  version: string;
  /** Extra options from the command line, e.g. SARIF's category. */
  options?: Record<string, unknown>;
}

export interface Formatter {
  format(results: readonly LintResult[], context: FormatterContext): string;
}

/** Built-in formatters by name. */
export const formatters: Record<string, Formatter> = {
  stylish: { format: (results, context) => formatStylish(results, { color: context.color }) },
  json: { format: (results) => formatJson(results) },
};

export { formatJson, formatStylish };
