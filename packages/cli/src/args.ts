import { parseArgs } from 'node:util';

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
  'no-render': { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliArgs = ReturnType<typeof parseCliArgs>;

export function parseCliArgs(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { ...values, patterns: positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const HELP = `kubelore [options] [file|dir|glob|-]...

Lint Kubernetes manifests: files, folders (.yaml, .yml, .json) and globs; "-" reads stdin.

Basic configuration:
  -c, --config FILE              Use this config file instead of looking up kubelore.config.*
  --no-config-lookup             Do not look up a config file
  --preset recommended|strict    Start from a preset (default without config: recommended)
  --rule "ID: SEVERITY"          Set a rule, e.g. --rule "scheduling/resource-limits: off"
                                 or --rule 'termination/prestop-delay: [error, {minDelaySeconds: 10}]'
  --kubernetes-version X.Y       Target Kubernetes version (default 1.36)

Output:
  -f, --format NAME              stylish (default), json, sarif, github, junit, gitlab
                                 (GitLab Code Quality), or a module path
  -o, --output-file FILE         Write the report to a file
  --quiet                        Report errors only
  --max-warnings N               Exit 1 when there are more than N warnings
  --color, --no-color            Force colours on or off (default: on for a TTY without NO_COLOR)
  --sarif-category ID            SARIF runAutomationDetails id, for repos that upload several runs

Fixing:
  --fix                          Apply fixes to the files
  --fix-dry-run                  Compute fixes without writing them ("output" in --format json; secret values masked)
  --fix-type problem|suggestion  Only fix rules of these types

Inputs:
  --stdin-filename PATH          Name stdin's text for reports and config matching
  --no-error-on-unmatched-pattern  A pattern that matches nothing is not an error
  --shard I/N                    Lint only the I-th of N slices of the files (by folder), for CI matrices
  --context GLOB                 Also read these files, folders or globs as context for cross-object rules
                                 (a Service in another folder, a whole repo: --context .), without reporting on them
  --no-context                   Do not read the other manifests of a named file's folder as context (see below)
  --skip-non-manifests           Skip named files that hold no Kubernetes object (no "kind:"), as folders do;
                                 for tools that pass every YAML file (the pre-commit hook)
  --no-warn-ignored              No warning for named files that the config's ignores exclude
  --no-render                    Lint kustomization and Helm chart folders as plain files instead of
                                 rendering them (kustomize / kubectl kustomize, helm template)
  --report-unused-disable-directives  Report kubelore-disable comments and ignore annotations that suppress nothing
  --exit-on-rule-error           Exit 2 when a rule throws (reported as kubelore/rule-error; other rules still run)

Information:
  --list-rules                   List every rule (with --format json: as JSON)
  --explain RULE                 Explain a rule: the failure it prevents and how to fix it
  --print-config FILE            Print the configuration used for FILE
  -v, --version                  Print the version
  -h, --help                     Print this help

Files named on the command line (pre-commit, \`git diff --name-only | xargs kubelore\`) are linted with the
other manifests of their folders as context: a StatefulSet's headless Service in the next file counts, but
only the named files are reported on.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage, bad config, a crash
(or, with --exit-on-rule-error, a rule that threw).
`;
