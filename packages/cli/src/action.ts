import { appendFileSync } from 'node:fs';
import type { LintResult, Rule } from '@kubelore/core';
import { crypto } from './builtins.js';
import { runCli, type CliIO, type ResultsReport } from './cli.js';

/** The environment a GitHub Actions runner gives a JavaScript action (`INPUT_*`, `GITHUB_*`). */
export type ActionEnv = Record<string, string | undefined>;

/**
 * An input as the runner passes it: `INPUT_` and the name upper-cased with spaces as `_`; hyphens are
 * kept (`fail-on` is `INPUT_FAIL-ON`). The underscore spelling is read too, for shells and composite
 * actions that cannot set a name with a hyphen.
 */
export function actionInput(env: ActionEnv, name: string, fallback = ''): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim() || fallback;
}

/** Splits the `args` input like a shell would split words: whitespace separates, quotes group, `\` escapes. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (char === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote) throw new Error(`the "args" input has an unclosed ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}

/** The kubelore command line the action's inputs stand for. */
export function actionArgs(env: ActionEnv): string[] {
  const read = (name: string, fallback?: string) => actionInput(env, name, fallback);
  const args: string[] = [];
  const config = read('config');
  if (config) args.push('--config', config);
  const preset = read('preset');
  if (preset) args.push('--preset', preset);
  const version = read('kubernetes-version');
  if (version) args.push('--kubernetes-version', version);
  const format = read('format', 'sarif');
  args.push('--format', format);
  const output = read('output', format === 'sarif' ? 'kubelore.sarif' : '');
  if (output) args.push('--output-file', output);
  const category = read('category');
  if (category) args.push('--sarif-category', category);
  if (read('fail-on', 'error') === 'warning') args.push('--max-warnings', '0');
  args.push(...splitArgs(read('args')));
  args.push(...read('paths', '.').split(/\s+/).filter(Boolean));
  return args;
}

/** GitHub shows at most 1 MiB of a step's summary; a table this long is already past reading. */
const SUMMARY_ROWS = 500;

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The step summary: a headline with the counts, then one table row per finding. */
export function summaryMarkdown(results: readonly LintResult[], rules: Map<string, Rule<string, any>>): string {
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const files = results.filter((result) => result.messages.length > 0).length;
  if (errors + warnings === 0) return `### kubelore: no problems\n\n${plural(results.length, 'file')} linted.\n`;
  const lines = [
    `### kubelore: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`,
    '',
    '| severity | file | line | rule | finding |',
    '| --- | --- | --- | --- | --- |',
  ];
  let rows = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (rows++ >= SUMMARY_ROWS) continue;
      const id = message.ruleId ?? 'kubelore/parse-error';
      const url = message.ruleId ? rules.get(message.ruleId)?.meta.docs.url : undefined;
      const rule = url ? `[\`${cell(id)}\`](${url})` : `\`${cell(id)}\``;
      lines.push(`| ${message.severity === 2 ? 'error' : 'warning'} | \`${cell(result.filePath)}\` | ${message.line} | ${rule} | ${cell(message.message)} |`);
    }
  }
  if (rows > SUMMARY_ROWS) lines.push('', `… and ${rows - SUMMARY_ROWS} more: see the report file or the annotations in the log.`);
  return `${lines.join('\n')}\n`;
}

/** Appends `name=value` to `$GITHUB_OUTPUT`, in the heredoc form when the value spans lines. */
function setOutput(file: string, name: string, value: string): void {
  if (!value.includes('\n')) {
    appendFileSync(file, `${name}=${value}\n`);
    return;
  }
  const delimiter = `kubelore_${crypto().randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

export interface ActionIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The GitHub Action (`action.yml`, `runs.using: node20`): runs kubelore in the workspace with the
 * inputs, writes the report asked for (SARIF by default), and whatever the format also puts the
 * findings in the job: workflow annotations in the log, a Markdown table in the step summary, and the
 * outputs `sarif-file`, `errors` and `warnings`. Returns the step's exit code by `fail-on`.
 */
export async function runAction(env: ActionEnv = process.env, io: ActionIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): Promise<number> {
  let args: string[];
  try {
    args = actionArgs(env);
  } catch (error) {
    io.stdout(`::error title=kubelore::${(error as Error).message}\n`);
    return 2;
  }
  const failOn = actionInput(env, 'fail-on', 'error');
  if (!['error', 'warning', 'never'].includes(failOn)) {
    io.stdout(`::error title=kubelore::The "fail-on" input must be error, warning or never, not "${failOn}".\n`);
    return 2;
  }
  const format = actionInput(env, 'format', 'sarif');
  const output = actionInput(env, 'output', format === 'sarif' ? 'kubelore.sarif' : '');
  io.stdout(`kubelore ${args.map((arg) => (/^[\w./:=@-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ')}\n`);

  const cliIO: CliIO = {
    cwd: env.GITHUB_WORKSPACE || process.cwd(),
    stdout: io.stdout,
    stderr: io.stderr,
    readStdin: async () => '',
    isTTY: false,
    env: { ...env, FORCE_COLOR: '0' },
    onResults: async (report: ResultsReport) => {
      // Annotations, unless the report itself is annotations printed to the log.
      if (format !== 'github' || output) io.stdout(await report.format('github'));
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(report.results, report.rules));
      if (env.GITHUB_OUTPUT) {
        setOutput(env.GITHUB_OUTPUT, 'sarif-file', format === 'sarif' ? output : '');
        setOutput(env.GITHUB_OUTPUT, 'errors', String(report.results.reduce((sum, result) => sum + result.errorCount, 0)));
        setOutput(env.GITHUB_OUTPUT, 'warnings', String(report.results.reduce((sum, result) => sum + result.warningCount, 0)));
      }
    },
  };
  const code = await runCli(args, cliIO);
  // Findings never fail the step with fail-on: never; usage errors and crashes (exit 2) always do.
  return code === 1 && failOn === 'never' ? 0 : code;
}
