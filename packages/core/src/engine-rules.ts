import { definePlugin, defineRule, type Rule } from './rule.js';

// The core has no Node types; `import.meta.url` is all it needs of the host, to say where its pages are.
declare global {
  interface ImportMeta {
    url: string;
  }
}

/**
 * The one table of findings the engine itself makes (no visitor finds them): problems with the input,
 * rules that throw, directives that suppress nothing. They are declared as rules so that they can be
 * configured, listed, explained and given SARIF metadata like any other.
 */
function inputRule(description: string, story: string, severity: 'warn' | 'error', recommended: true | 'strict' = true): Rule<'problem', Record<string, never>> {
  return defineRule({
    meta: { type: 'problem', severity, docs: { description, story, recommended }, messages: { problem: '{{message}}' } },
    create: () => ({}),
  });
}

/** Findings without a rule id (`ruleId: null`, ESLint's fatal parse errors) are reported under this id. */
export const PARSE_ERROR_ID = 'kubelore/parse-error';

export const corePlugin = definePlugin({
  name: 'kubelore',
  // dist/engine-rules.js → docs/rules/ beside dist/ (what `new URL('../docs/rules/', import.meta.url)` gives).
  docsDir: `${import.meta.url.slice(0, import.meta.url.lastIndexOf('/', import.meta.url.lastIndexOf('/') - 1))}/docs/rules/`,
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/core/docs/rules',
  rules: {
    // Fatal: the file or a document could not be read at all. Always an error; it cannot be turned off,
    // since turning it off would pass a file nobody linted.
    'parse-error': inputRule(
      'a file or YAML document that cannot be read (syntax error, binary file, not UTF-8)',
      'a manifest the linter cannot read is a manifest nothing checked; kubectl would refuse it too, or apply something else',
      'error',
    ),
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
      'a document shaped by template syntax (Helm, Jinja) that has not been rendered: skipped',
      'linting template source guesses at what it renders to; lint the rendered output instead',
      'error',
    ),
    'template-placeholder': inputRule(
      'a value holds an unrendered template placeholder (`{{ … }}`) while the document around it is plain YAML',
      'what is applied is the rendered value, not the placeholder; checks of that value judge text that will change',
      'warn',
    ),
    'input-limit': inputRule(
      'a file over the size limit, a document nested too deeply or expanding too many aliases',
      'a billion-laughs document or a runaway file can exhaust memory in CI',
      'error',
    ),
    // Inputs the CLI renders first (kustomize overlays, Helm charts): the findings are on the
    // kustomization or Chart.yaml, with the tool's message.
    'render-error': inputRule(
      'a kustomization or Helm chart that its tool could not render (the tool\'s message, first line)',
      'what cannot be rendered cannot be applied either; and nothing in it was checked',
      'error',
    ),
    'not-rendered': inputRule(
      'a kustomization or Helm chart that was not rendered (its tool is absent, or it names a remote base): its objects were not linted',
      'an overlay or chart nobody rendered is one nobody checked; say so rather than pass it silently',
      'warn',
    ),
    'rule-error': inputRule(
      'a rule threw an error on an object',
      'a crashing rule must not hide the findings of every other rule',
      'error',
    ),
    'fix-rejected': inputRule(
      'a fix that kubelore refused to apply: its range is outside the file, the fixed text no longer parses, it removes an anchor an alias still uses, or it would turn a JSON file into YAML',
      'a fix must never corrupt the file it fixes; the finding it belongs to is still reported, for a person to fix',
      'warn',
    ),
    'fix-not-written': inputRule(
      'fixed text that `--fix` could not write (read-only file, full disk), or did not write because the file changed while kubelore ran',
      'a run that says it fixed a file must not leave it half written or overwrite an edit made in the meantime',
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

/** The id a finding is reported under: its rule, or `kubelore/parse-error` for a fatal problem. */
export function ruleIdOf(message: { ruleId: string | null }): string {
  return message.ruleId ?? PARSE_ERROR_ID;
}
