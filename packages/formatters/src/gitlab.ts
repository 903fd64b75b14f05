import { ruleIdOf, type LintMessage, type LintResult } from '@kubelore/core';
import { crypto } from './builtins.js';
import { fingerprintsOf } from './fingerprint.js';
import type { FormatterContext } from './index.js';
import { locateFile } from './paths.js';

/** GitLab's severities, lowest first: `info`, `minor`, `major`, `critical`, `blocker`. */
export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** Unreadable input stops every rule on the file: the merge request should rank it above any finding. */
function severityOf(message: LintMessage): GitlabSeverity {
  if (message.fatal) return 'critical';
  return message.severity === 2 ? 'major' : 'minor';
}

/**
 * GitLab's Code Quality report: the subset of the CodeClimate issue format GitLab reads, an array of
 * `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`. Paths are
 * relative to the repository root (as GitLab resolves them); fingerprints are unique per finding and
 * built from the rule, the object and the field, never the line, so a finding survives lines moving
 * above it and GitLab's "new / resolved" comparison stays right. Like every format, it carries the
 * rules' messages only, never the manifest's text, so no secret value reaches it.
 */
export function formatGitlab(results: readonly LintResult[], context: FormatterContext): string {
  const root = typeof context.options?.srcRoot === 'string' ? context.options.srcRoot : context.repositoryRoot ?? context.cwd;
  const issues: unknown[] = [];
  for (const result of results) {
    const located = locateFile(result.filePath, context.cwd, root);
    const path = 'relative' in located ? located.relative : 'absolute' in located ? located.absolute : located.pseudo;
    const fingerprints = fingerprintsOf(result.messages);
    result.messages.forEach((message, index) => {
      issues.push({
        description: message.message,
        check_name: ruleIdOf(message),
        fingerprint: crypto().createHash('sha256').update(`${path}\u0000${fingerprints[index]}`).digest('hex').slice(0, 32),
        severity: severityOf(message),
        location: { path, lines: { begin: Math.max(1, message.line) } },
      });
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
