import { definePlugin, defineRule, type Rule } from './rule.js';

/**
 * Problems with the input itself are found by the engine, not by visitors; they are declared as rules so
 * that they can be configured, listed and explained like any other.
 */
function inputRule(description: string, story: string, severity: 'warn' | 'error', recommended: true | 'strict' = true): Rule<'problem', Record<string, never>> {
  return defineRule({
    meta: { type: 'problem', severity, docs: { description, story, recommended }, messages: { problem: '{{message}}' } },
    create: () => ({}),
  });
}

export const corePlugin = definePlugin({
  name: 'kubelore',
  rules: {
    'duplicate-key': inputRule(
      'a mapping repeats a key',
      'YAML libraries disagree on which value wins, so the cluster may run what the reviewer did not read',
      'error',
    ),
    'not-a-resource': inputRule(
      'a YAML document that is not a Kubernetes object (no apiVersion or kind, or not a mapping)',
      'a manifest that is not what it seems is skipped by every rule, so its problems would pass silently',
      'warn',
    ),
    'unrendered-template': inputRule(
      'a template (Helm, Jinja) that has not been rendered',
      'linting template source guesses at what it renders to; lint the rendered output instead',
      'error',
    ),
    'input-limit': inputRule(
      'a file over the size limit, a document nested too deeply or expanding too many aliases',
      'a billion-laughs document or a runaway file can exhaust memory in CI',
      'error',
    ),
    'rule-error': inputRule(
      'a rule threw an error on an object',
      'a crashing rule must not hide the findings of every other rule',
      'error',
    ),
    'unused-directive': inputRule(
      'a kubelore-disable comment or ignore annotation that suppresses nothing',
      'stale suppressions hide the next real finding on that line',
      'warn',
      'strict',
    ),
  },
});
