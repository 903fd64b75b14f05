import type { Suggestion, TextEdit } from './rule.js';
import type { LintStats } from './stats.js';

/** Which object a finding is about. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  /** 0-based document index within the file. */
  document: number;
}

/** One finding, in ESLint's shape plus where in the object it is. */
export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A problem that stopped (part of) the file being read. */
  fatal?: boolean;
  resource?: ResourceRef;
  /** JSON pointer inside the document. */
  path?: string;
  fix: TextEdit | null;
  suggestions: Suggestion[];
  /**
   * The same finding on copies of the same object in other files (see `foldRepeatedFindings`): reported
   * once, here, with where the copies are.
   */
  repeats?: RepeatLocation[];
}

export interface RepeatLocation {
  filePath: string;
  line: number;
  column: number;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, when fixes were applied and changed it. */
  output?: string;
  /** Timing of the file, when the run was timed (LintOptions.stats, `--stats`). */
  stats?: LintStats;
}

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '') || a.message.localeCompare(b.message);
}

export function buildResult(filePath: string, messages: LintMessage[]): LintResult {
  messages.sort(compareMessages);
  const result: LintResult = { filePath, messages, errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const message of messages) {
    if (message.severity === 2) {
      result.errorCount++;
      if (message.fatal) result.fatalErrorCount++;
      if (message.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (message.fix) result.fixableWarningCount++;
    }
  }
  return result;
}
