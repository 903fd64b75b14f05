import type { LintResult, Rule } from '@kubelore/core';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif, GITHUB_LIMITS, type SarifLimits } from './sarif.js';
import { formatStylish } from './stylish.js';

/** What a formatter may know beyond the results: the CLI fills it in. */
export interface FormatterContext {
  /** The folder the results' relative `filePath`s are relative to (the CLI's working folder). */
  cwd: string;
  color: boolean;
  /** Every rule that ran, by id, for formats that describe rules (SARIF, JUnit). */
  rules: Map<string, Rule<string, any>>;
  /** The kubelore version. */
  version: string;
  /**
   * Extra options from the command line: `category` (SARIF's automation id); `srcRoot` (overrides
   * `repositoryRoot`).
   */
  options?: Record<string, unknown>;
  /**
   * The folder SARIF and annotation paths are relative to, usually the git repository holding `cwd`
   * (the caller finds it: formatters do not touch the file system). Default: `cwd`.
   */
  repositoryRoot?: string;
  /** A rule's docs page (Markdown), when one exists; SARIF builds rule help from it. */
  docsPage?: (ruleId: string) => string | undefined;
  /** Tells the person running kubelore something the report itself cannot, e.g. that it was cut. */
  warn?: (message: string) => void;
}

export interface Formatter {
  format(results: readonly LintResult[], context: FormatterContext): string;
}

/** Built-in formatters by name. */
export const formatters: Record<string, Formatter> = {
  stylish: { format: (results, context) => formatStylish(results, { color: context.color }) },
  json: { format: (results) => formatJson(results) },
  sarif: { format: (results, context) => formatSarif(results, context) },
  github: { format: (results, context) => formatGithub(results, context) },
  junit: { format: (results, context) => formatJunit(results, context) },
  gitlab: { format: (results, context) => formatGitlab(results, context) },
};

export { escapeCommandData, escapeCommandProperty } from './github.js';
export { escapeXmlAttribute, escapeXmlText } from './junit.js';
export { fingerprintsOf } from './fingerprint.js';
export { ruleHelp, type RuleHelp } from './rule-help.js';
export { type GitlabSeverity } from './gitlab.js';
export { formatGithub, formatGitlab, formatJson, formatJunit, formatSarif, formatStylish, GITHUB_LIMITS, type SarifLimits };
