import { parseArgs } from 'node:util';
import { ADOPTION_OPTIONS, joinNegativeNumbers, optionNames } from './adoption-args.js';
import { didYouMean } from './suggest.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  preset: { type: 'string' },
  rule: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  'print-config': { type: 'string' },
  'kubernetes-version': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'list-rules': { type: 'boolean' },
  explain: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'report-unused-disable-directives': { type: 'boolean' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  'exit-on-rule-error': { type: 'boolean' },
  'sarif-category': { type: 'string' },
  shard: { type: 'string' },
  context: { type: 'string', multiple: true },
  'no-context': { type: 'boolean' },
  'skip-non-manifests': { type: 'boolean' },
  'no-warn-ignored': { type: 'boolean' },
  'no-fold-repeats': { type: 'boolean' },
  // Adopting kubelore on an existing repository (see adoption-args.ts for what they do).
  ...ADOPTION_OPTIONS,
  'no-render': { type: 'boolean' },
  stats: { type: 'boolean' },
  concurrency: { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliArgs = ReturnType<typeof parseCliArgs>;

export function parseCliArgs(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeNumbers(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true });
    return { ...values, patterns: positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) throw new UsageError(`Unknown option '${unknown}'.${didYouMean(unknown.replace(/=.*$/, ''), optionNames(OPTIONS))}`);
    throw new UsageError(message);
  }
}

export const HELP = `kubelore [options] [file|dir|glob|-]...

Lint Kubernetes manifests: files, folders (.yaml, .yml, .json) and globs ("." when none is given);
"-" reads stdin.

Basic configuration:
  -c, --config FILE              Use this config file instead of looking up kubelore.config.*
  --no-config-lookup             Do not look up a config file
  --preset recommended|strict    Start from a preset (default without config: recommended)
  --kubernetes-version X.Y       Target Kubernetes version (default 1.36)
  --init                         Write a starter kubelore.config.yaml for the manifests found here
  --suppress                     With --init: also record the existing errors in the suppressions file

Specify rules:
  --rule "ID: SEVERITY"          Set a rule, e.g. --rule "scheduling/resource-limits: off" (or ID:off)
                                 or --rule 'termination/prestop-delay: [error, {minDelaySeconds: 10}]'

Fix problems:
  --fix                          Apply fixes to the files
  --fix-dry-run                  Compute fixes without writing them ("output" in --format json; secret values masked)
  --fix-type problem|suggestion  Only fix rules of these types

Context (for files named on the command line):
  --context GLOB                 Also read these files, folders or globs as context for cross-object rules
                                 (a Service in another folder, a whole repo: --context .), without reporting on them
  --no-context                   Do not read the other manifests of a named file's folder as context (see below)
  --skip-non-manifests           Skip named files that hold no Kubernetes object (no "kind:"), as folders do;
                                 for tools that pass every YAML file (the pre-commit hook)
  --no-render                    Lint kustomization and Helm chart folders as plain files instead of
                                 rendering them (kustomize / kubectl kustomize, helm template)

Ignore files:
  --ignore-pattern PATTERN       Ignore files matching this glob (relative to the working folder); repeatable
  --no-ignore                    Lint files that ignores in the config, --ignore-pattern and .gitignore exclude

Use stdin:
  --stdin-filename PATH          Name stdin's text for reports and config matching

Handle warnings:
  --quiet                        Report errors only (hidden warnings do not count against --max-warnings)
  --max-warnings N               Exit 1 when there are more than N warnings (-1: no limit)

Output:
  -f, --format NAME              stylish (default), json, sarif, github, junit, gitlab
                                 (GitLab Code Quality), or a module path
  -o, --output-file FILE         Write the report to a file
  --color, --no-color            Force colours on or off (default: on for a TTY; off with NO_COLOR,
                                 FORCE_COLOR=0 or TERM=dumb)
  --sarif-category ID            SARIF runAutomationDetails id, for repos that upload several runs
  --stats                        Time each file (parse, every rule, fixes) into the results ("stats" in --format json)

Performance:
  --concurrency off|auto|N       Read and parse files in N worker threads (auto: half the cores, one per 35 files,
                                 none below two; default off); the output is the same

Inline configuration comments:
  --no-inline-config             Apply no kubelore-disable comments or kubelore.dev/ignore annotations
                                 (a warning on stderr says how many were not applied)
  --report-unused-disable-directives  Report kubelore-disable comments and ignore annotations that suppress nothing
  --report-unused-disable-directives-severity off|warn|error
                                 The same, at this severity

Caching:
  --cache                        Reuse the per-file findings of rules that look at one file only
  --cache-location PATH          The cache file, or a folder for it (default .kubelorecache)
  --cache-strategy metadata|content
                                 How changed files are found: size and mtime, or a hash of the text
                                 (default: content when CI is set, else metadata)

Suppressions:
  --suppress-all                 Record every error in the suppressions file; they are not reported again
  --suppress-rule RULE           Record the errors of this rule only; repeatable
  --suppressions-location FILE   The suppressions file (default kubelore-suppressions.json beside the
                                 config file, or in the working folder)
  --prune-suppressions           Drop suppressions that no longer occur
  --pass-on-unpruned-suppressions  Do not exit 2 for suppressions that no longer occur

Editors:
  --lsp                          Run the language server over stdio (needs @kubelore/language-server)

Miscellaneous:
  --no-error-on-unmatched-pattern  A pattern that matches nothing is not an error
  --no-warn-ignored              No warning for named files that ignores exclude
  --no-fold-repeats              Report a finding on every copy of an object, not once with the copies listed
  --pass-on-no-patterns          Exit 0 without linting when no pattern is given
  --shard I/N                    Lint only the I-th of N slices of the files (by folder), for CI matrices
  --exit-on-rule-error           Exit 2 when a rule throws (reported as kubelore/rule-error; other rules still run)
  --debug                        Say on stderr which config file, plugins, files, cache and suppressions were used
  --env-info                     Print the versions of Node.js, kubelore, its packages and the OS
  --list-rules                   List every rule (with --format json: as JSON)
  --explain RULE                 Explain a rule: the failure it prevents and how to fix it
  --print-config FILE            Print the configuration used for FILE
  -v, --version                  Print the version
  -h, --help                     Print this help

Files named on the command line (pre-commit, \`git diff --name-only | xargs kubelore\`) are linted with the
other manifests of their folders as context: a StatefulSet's headless Service in the next file counts, but
only the named files are reported on.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage, bad config, a crash,
suppressions that no longer occur (or, with --exit-on-rule-error, a rule that threw).
`;
