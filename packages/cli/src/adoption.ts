// The command line's part of adopting kubelore on an existing repository (issue 19): ignores and
// inline-config switches, the cache, bulk suppressions and --debug. cli.ts calls in at three points:
// options for the Kubelore instance, the results once linted, and the exit code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ConfigError, ignoredDirectiveCount, type CachedFinding, type FindingsCache, type LintResult, type RuleEntry } from '@kubelore/core';
import { UsageError, type CliArgs } from './args.js';
import { cacheLocation, cacheStrategy, FileCache } from './cache.js';
import type { CliIO } from './cli.js';
import type { Kubelore, KubeloreOptions } from './kubelore.js';
import { didYouMean } from './suggest.js';
import {
  applySuppressions,
  describeUnused,
  loadSuppressions,
  pruneSuppressions,
  recordSuppressions,
  saveSuppressions,
  serializeSuppressions,
} from './suppressions.js';

const SEVERITIES = ['off', 'warn', 'error'];

/** The cache is made once the config file is known (its text is part of the key); until then this stands in. */
class LateCache implements FindingsCache {
  current: FileCache | undefined;
  get(filePath: string, text: string, fingerprint: string) {
    return this.current?.get(filePath, text, fingerprint);
  }
  set(filePath: string, text: string, fingerprint: string, findings: Record<string, CachedFinding[]>) {
    this.current?.set(filePath, text, fingerprint, findings);
  }
}

export interface Adoption {
  options: Partial<KubeloreOptions>;
  /** Rules set from the command line by these options (the severity of unused-directive reports). */
  rules: Record<string, RuleEntry>;
  cache?: LateCache;
}

/** Checks the options of issue 19 and turns them into Kubelore options. */
export function adoptionOptions(args: CliArgs): Adoption {
  const severity = args['report-unused-disable-directives-severity'];
  if (severity !== undefined && !SEVERITIES.includes(severity)) {
    throw new UsageError(`--report-unused-disable-directives-severity must be off, warn or error, not "${severity}".`);
  }
  if (severity !== undefined && args['report-unused-disable-directives']) {
    throw new UsageError('--report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together.');
  }
  if (args.suppress && !args.init) throw new UsageError('--suppress goes with --init; on its own, use --suppress-all.');
  if (args['suppress-all'] && args['suppress-rule']) throw new UsageError('--suppress-all and --suppress-rule cannot be used together.');
  if (args['cache-strategy'] !== undefined) cacheStrategy(args['cache-strategy'], {});
  const fixing = args.fix || args['fix-dry-run'];
  if (args.cache && fixing) throw new UsageError('--cache cannot be used with --fix or --fix-dry-run (fixed texts are not what is on disk).');
  const cache = args.cache ? new LateCache() : undefined;
  return {
    options: {
      noInlineConfig: args['no-inline-config'],
      ignorePatterns: args['ignore-pattern'],
      ignore: !args['no-ignore'],
      warnIgnored: !args['no-warn-ignored'],
      findingsCache: cache,
      suppressionsLocation: args['suppressions-location'],
      ...(severity !== undefined ? { reportUnusedDirectives: severity !== 'off' } : {}),
    },
    rules: severity !== undefined ? { 'kubelore/unused-directive': severity as 'off' | 'warn' | 'error' } : {},
    cache,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function debug(io: CliIO, text: string): void {
  io.stderr(`kubelore:debug ${text}\n`);
}

function shown(io: CliIO, path: string): string {
  return relative(io.cwd, path).replace(/\\/g, '/') || path;
}

/** Before linting: the config file, plugins and cache in use (with --debug), and the cache opened. */
export async function beforeLint(adoption: Adoption, kubelore: Kubelore, args: CliArgs, io: CliIO): Promise<void> {
  const { configs, file } = await kubelore.loadConfig();
  if (adoption.cache) {
    const location = cacheLocation(io.cwd, args['cache-location']);
    adoption.cache.current = new FileCache(location, cacheStrategy(args['cache-strategy'], io.env), io.cwd, file && existsSync(file) ? readFileSync(file, 'utf8') : '');
  }
  if (!args.debug) return;
  debug(io, `config file: ${file ? shown(io, file) : 'none (the recommended preset)'}`);
  const plugins = new Map<string, string>();
  for (const config of configs) for (const [prefix, plugin] of Object.entries(config.plugins ?? {})) plugins.set(prefix, `${prefix} (${plugin.meta.name}${plugin.meta.version ? ` ${plugin.meta.version}` : ''})`);
  debug(io, `plugins: ${[...plugins.values()].join(', ') || 'none'}`);
  const cache = adoption.cache?.current;
  if (cache) debug(io, `cache: ${shown(io, cache.location)}, strategy ${cacheStrategy(args['cache-strategy'], io.env)}${cache.discarded ? ` (previous cache not used: ${cache.discarded})` : ''}`);
}

export interface Finished {
  results: LintResult[];
  /** Set when the run must end with this code whatever the findings (suppressions that no longer occur). */
  exitCode?: number;
  /** What to print on stderr, after the report, when it does. */
  message?: string;
}

/** After linting: the cache saved, suppressions recorded, pruned and applied, and the stderr notes. */
export async function afterLint(results: LintResult[], adoption: Adoption, kubelore: Kubelore, args: CliArgs, io: CliIO): Promise<Finished> {
  const cache = adoption.cache?.current;
  if (cache) {
    await cache.save();
    const { hits, misses, reusedRuleRuns } = cache.stats;
    if (args.debug) debug(io, `cache: findings of ${plural(reusedRuleRuns, 'rule run')} reused on ${plural(hits, 'file')}; ${plural(misses, 'file')} linted in full`);
  }
  if (args.debug) {
    debug(io, `files linted: ${results.length}`);
    for (const result of results) debug(io, `  ${result.filePath}`);
  }
  if (args['no-inline-config']) {
    const ignored = results.reduce((sum, result) => sum + ignoredDirectiveCount(result), 0);
    // On stderr, not as findings: a pull request cannot turn this off through the config it changes.
    if (ignored > 0) io.stderr(`kubelore: warning: --no-inline-config: ${ignored} disable ${ignored === 1 ? 'comment or ignore annotation was' : 'comments and ignore annotations were'} not applied.\n`);
  }

  const location = await kubelore.getSuppressionsLocation();
  const paths = { base: dirname(location), cwd: io.cwd };
  let data = loadSuppressions(location);
  if (args.debug) debug(io, `suppressions: ${shown(io, location)}${existsSync(location) ? '' : ' (none yet)'}`);
  const recording = args['suppress-all'] || args['suppress-rule'] !== undefined;
  if (recording || args['prune-suppressions']) {
    const before = serializeSuppressions(data);
    if (recording) {
      const rules = args['suppress-rule'] ? new Set(args['suppress-rule']) : undefined;
      if (rules) {
        const known = await kubelore.getRules();
        for (const rule of rules) if (!known.has(rule)) throw new UsageError(`--suppress-rule: unknown rule "${rule}".${didYouMean(rule, known.keys())}`);
      }
      data = recordSuppressions(results, data, paths, rules);
    }
    if (args['prune-suppressions']) data = pruneSuppressions(results, data, paths);
    if (serializeSuppressions(data) !== before || !existsSync(location)) await saveSuppressions(location, data);
  }
  const outcome = applySuppressions(results, data, paths);
  if (recording) io.stderr(`kubelore: ${outcome.suppressed} ${outcome.suppressed === 1 ? 'error is' : 'errors are'} suppressed by ${shown(io, location)}.\n`);
  if (outcome.unused.length > 0 && !args['prune-suppressions'] && !args['pass-on-unpruned-suppressions']) {
    return { results: outcome.results, exitCode: 2, message: describeUnused(outcome.unused, location, io.cwd) };
  }
  return { results: outcome.results };
}

/** A config error naming an unknown rule gets the closest rule id. */
export async function withSuggestion(error: Error, kubelore: Kubelore | undefined): Promise<string> {
  const unknown = error instanceof ConfigError ? /Could not find rule "([^"]+)"/.exec(error.message)?.[1] : undefined;
  if (!unknown || !kubelore) return error.message;
  try {
    return `${error.message}${didYouMean(unknown, (await kubelore.getRules()).keys())}`;
  } catch {
    return error.message;
  }
}
