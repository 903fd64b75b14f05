import { groupOf, ruleIdOf, type LintMessage } from '@kubelore/core';
import { crypto } from './builtins.js';

/**
 * What a finding is about, independent of where it sits in the file: the rule, the object (API group,
 * kind, namespace, name; not the version, which a migration changes) and the JSON pointer inside it.
 * Findings without an object (unreadable documents) fall back to their message with numbers removed,
 * since those name lines and columns.
 */
function identityOf(message: LintMessage): string {
  const ruleId = ruleIdOf(message);
  const { resource } = message;
  if (resource) {
    return [ruleId, groupOf(resource.apiVersion), resource.kind, resource.namespace ?? '', resource.name ?? '', message.path ?? ''].join('\u0000');
  }
  return [ruleId, message.message.replace(/\d+/g, '#')].join('\u0000');
}

/**
 * Fingerprints for the findings of one file, in order: a hash of each finding's identity and, after a
 * colon, which occurrence of that identity it is (1, 2, ...), so that two findings on the same object
 * and field stay distinct. Line numbers never enter, so moving lines above a finding keeps it.
 */
export function fingerprintsOf(messages: readonly LintMessage[]): string[] {
  const seen = new Map<string, number>();
  return messages.map((message) => {
    const hash = crypto().createHash('sha256').update(identityOf(message)).digest('hex').slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}
