import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError, type LintMessage, type LintResult, type Rule, type RuleEntry } from '@kubelore/core';
import { parse as parseYaml } from 'yaml';
import { HELP, parseCliArgs, UsageError, type CliArgs } from './args.js';
import { describeFsError } from './file-io.js';
import { explainRule, listRules } from './info.js';
import { NoFilesError } from './files.js';
import { parseShard } from './shard.js';
import { parseConcurrency } from './concurrency-option.js';
import { Kubelore } from './kubelore.js';
import { PRESETS, type PresetName } from './plugins.js';
import { VERSION } from './version.js';
import { adoptionOptions, afterLint, beforeLint, withSuggestion } from './adoption.js';
import { envInfo } from './env-info.js';
import { runInit } from './init.js';
import { didYouMean } from './suggest.js';

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /**
   * Called once the files are linted, before the report is written: for callers that show the same
   * results in other forms too (the GitHub Action's annotations, step summary and outputs).
   */
  onResults?: (report: ResultsReport) => void | Promise<void>;
}

/** What `CliIO.onResults` gets: the results as reported (after --quiet) and a way to format them. */
export interface ResultsReport {
  results: LintResult[];
  /** The results in another built-in format, without colours. */
  format: (name: string) => Promise<string>;
  rules: Map<string, Rule<string, any>>;
}

function parseRuleFlags(flags: string[] | undefined): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const flag of flags ?? []) {
    let parsed: unknown;
    try {
      // ESLint users type `--rule id:off`; YAML needs the space after the colon.
      parsed = parseYaml(`{${flag.replace(/^([^\s:{}[\]]+):(?=\S)/, '$1: ')}}`);
    } catch {
      throw new UsageError(`--rule "${flag}" is not "id: severity" or "id: [severity, {options}]".`);
    }
    if (!parsed || typeof parsed !== 'object') throw new UsageError(`--rule "${flag}" is not "id: severity".`);
    Object.assign(rules, parsed);
  }
  return rules;
}

function useColor(args: CliArgs, io: CliIO): boolean {
  if (args['no-color']) return false;
  if (args.color) return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0' || io.env.FORCE_COLOR === 'false') return false;
  if (io.env.FORCE_COLOR !== undefined) return true;
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY && !args['output-file'];
}

function countWarnings(results: LintResult[]): number {
  return results.reduce((sum, result) => sum + result.warningCount, 0);
}

/**
 * Why nothing was checked, when the config turns on no rule for any linted file (an empty config array,
 * a preset left out): only unreadable input would be reported, which looks like a clean run.
 */
async function enablesNoRule(kubelore: Kubelore, results: LintResult[], cwd: string): Promise<string | undefined> {
  if (results.length === 0) return undefined;
  for (const result of results) {
    const config = await kubelore.calculateConfigForFile(result.filePath);
    if (config.rules.some((rule) => !rule.id.startsWith('kubelore/'))) return undefined;
  }
  const { file } = await kubelore.loadConfig();
  return `the configuration${file ? ` (${relative(cwd, file) || file})` : ''} enables no rule for the linted files, so nothing but unreadable input is reported. Add "kubelore:recommended" as the first entry of the config array, or turn rules on under "rules".`;
}

/**
 * `kubelore --lsp`: the language server over stdio, from the optional package @kubelore/language-server
 * (it depends on this one, so it is loaded by name at run time, not listed as a dependency). Other
 * arguments (`--stdio`, which clients add) are the server's business.
 */
async function runLanguageServer(io: CliIO): Promise<number> {
  const name = '@kubelore/language-server';
  // Installed beside kubelore, or (in kubelore's own repository) the package next to this one.
  const candidates = [name, new URL('../../language-server/dist/index.js', import.meta.url).href];
  let failure: unknown;
  for (const candidate of candidates) {
    try {
      const server = (await import(candidate)) as { startStdioServer(): Promise<number> };
      return await server.startStdioServer();
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      failure ??= error;
    }
  }
  io.stderr(`kubelore: --lsp needs the package ${name} installed beside kubelore (npm install ${name}).\n${failure instanceof Error ? failure.message : String(failure)}\n`);
  return 2;
}

/** Runs the command; returns the exit code (0 clean, 1 errors, 2 usage or crash). Never calls process.exit. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--lsp')) return runLanguageServer(io);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`kubelore: ${(error as Error).message}\nRun "kubelore --help" for usage.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (args['env-info']) {
    io.stdout(envInfo());
    return 0;
  }
  let kubelore: Kubelore | undefined;
  try {
    if (args.preset && !PRESETS.includes(args.preset as PresetName)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}.`);
    if (args['max-warnings'] !== undefined && !/^-?\d+$/.test(args['max-warnings'])) throw new UsageError('--max-warnings takes a whole number.');
    if (args.fix && args['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
    if (args.context && args['no-context']) throw new UsageError('--context and --no-context cannot be used together.');
    const fixTypes = args['fix-type']?.flatMap((type) => type.split(','));
    for (const type of fixTypes ?? []) if (type !== 'problem' && type !== 'suggestion') throw new UsageError(`--fix-type must be "problem" or "suggestion", not "${type}".`);
    const fixing = args.fix || args['fix-dry-run'];
    const adoption = adoptionOptions(args);
    if (args.init) {
      return await runInit({ cwd: io.cwd, patterns: args.patterns, preset: (args.preset as PresetName | undefined) ?? 'recommended', suppress: Boolean(args.suppress), suppressionsLocation: args['suppressions-location'], stdout: io.stdout });
    }
    const rules = { ...adoption.rules, ...parseRuleFlags(args.rule) };
    kubelore = new Kubelore({
      cwd: io.cwd,
      preset: args.preset as PresetName | undefined,
      overrideConfigFile: args.config,
      configLookup: !args['no-config-lookup'],
      overrideConfig: Object.keys(rules).length > 0 ? { name: 'kubelore:cli-rules', rules } : undefined,
      kubernetesVersion: args['kubernetes-version'],
      reportUnusedDirectives: args['report-unused-disable-directives'],
      stats: args.stats,
      errorOnUnmatchedPattern: !args['no-error-on-unmatched-pattern'],
      shard: args.shard === undefined ? undefined : parseShard(args.shard),
      context: !args['no-context'],
      contextPatterns: args.context,
      skipNonManifests: args['skip-non-manifests'],
      warnIgnored: !args['no-warn-ignored'],
      foldRepeats: !args['no-fold-repeats'],
      render: !args['no-render'],
      concurrency: args.concurrency === undefined ? undefined : parseConcurrency(args.concurrency),
      fix: fixing,
      fixTypes: fixTypes as Array<'problem' | 'suggestion'> | undefined,
      ...adoption.options,
    });

    if (args['list-rules']) {
      io.stdout(listRules(await kubelore.getRules(), await kubelore.calculateConfigForFile('x.yaml'), args.format === 'json'));
      return 0;
    }
    if (args.explain) {
      const known = await kubelore.getRules();
      const text = explainRule(args.explain, known);
      if (!text) {
        io.stderr(`kubelore: unknown rule "${args.explain}".${didYouMean(args.explain, known.keys())} Run "kubelore --list-rules" to see them all.\n`);
        return 2;
      }
      io.stdout(text);
      return 0;
    }
    if (args['print-config']) {
      const config = await kubelore.calculateConfigForFile(args['print-config']);
      const printable = {
        rules: Object.fromEntries(config.rules.map((rule) => [rule.id, [rule.severity === 2 ? 'error' : 'warn', rule.options]])),
        settings: config.settings,
        plugins: [...config.plugins.keys()],
      };
      io.stdout(`${JSON.stringify(printable, null, 2)}\n`);
      return 0;
    }

    const stdinRequested = args.patterns.includes('-') || (args.patterns.length === 0 && args['stdin-filename'] !== undefined);
    if (!stdinRequested && args.patterns.length === 0 && args['pass-on-no-patterns']) return 0;
    await beforeLint(adoption, kubelore, args, io);
    let results: LintResult[];
    if (stdinRequested) {
      if (args.patterns.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other patterns.');
      if (args.fix) throw new UsageError('--fix cannot write to stdin; use --fix-dry-run.');
      const text = await io.readStdin();
      results = await kubelore.lintText(text, { filePath: args['stdin-filename'] });
    } else {
      // As ESLint 9: no pattern means the current folder.
      results = await kubelore.lintFiles(args.patterns.length > 0 ? args.patterns : ['.']);
      if (args.fix) await Kubelore.outputFixes(results, io.cwd);
    }

    const noRule = await enablesNoRule(kubelore, results, io.cwd);
    if (noRule) io.stderr(`kubelore: warning: ${noRule}\n`);
    const finished = await afterLint(results, adoption, kubelore, args, io);
    results = finished.results;
    const shown = args.quiet ? Kubelore.getErrorResults(results) : results;
    const formatter = await kubelore.loadFormatter(args.format ?? 'stylish', {
      color: useColor(args, io),
      options: { category: args['sarif-category'] },
      warn: (text) => io.stderr(`kubelore: ${text}\n`),
    });
    if (io.onResults) {
      const instance = kubelore;
      const formatOptions = { options: { category: args['sarif-category'] }, warn: (text: string) => io.stderr(`kubelore: ${text}\n`) };
      await io.onResults({ results: shown, format: async (name) => (await instance.loadFormatter(name, formatOptions)).format(shown), rules: await kubelore.getRules() });
    }
    const report = formatter.format(shown);
    if (args['output-file']) {
      const target = resolve(io.cwd, args['output-file']);
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, report);
      } catch (error) {
        // A folder, a full disk, no permission: one line, and exit 2 (the report is what was asked for).
        io.stderr(`kubelore: cannot write the report to ${args['output-file']}: ${describeFsError(error)}.\n`);
        return 2;
      }
    } else if (report) {
      io.stdout(report.endsWith('\n') ? report : `${report}\n`);
    }

    if (args['exit-on-rule-error'] && results.some((result) => result.messages.some((message) => message.ruleId === 'kubelore/rule-error'))) {
      io.stderr('kubelore: a rule threw an error (see the kubelore/rule-error findings); exiting 2 because of --exit-on-rule-error.\n');
      return 2;
    }
    if (finished.exitCode !== undefined) {
      io.stderr(finished.message ?? '');
      return finished.exitCode;
    }
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    if (errors > 0) return 1;
    const maxWarnings = args['max-warnings'] === undefined ? -1 : Number(args['max-warnings']);
    // As ESLint 9: warnings that --quiet hides do not count.
    if (maxWarnings >= 0 && countWarnings(shown) > maxWarnings) {
      io.stderr(`kubelore found too many warnings (maximum: ${maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof NoFilesError) {
      io.stderr(`kubelore: ${await withSuggestion(error, kubelore)}\n`);
      return 2;
    }
    io.stderr(`kubelore crashed; please report this with the input that caused it.\n${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}
