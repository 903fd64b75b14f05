import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { buildResult, groupOf, type LintMessage, type LintResult, type ResourceRef } from '@kubelore/core';
import { UsageError } from './args.js';

/** The suppressions file's name when no location is given. */
export const DEFAULT_SUPPRESSIONS_FILE = 'kubelore-suppressions.json';

/**
 * Bulk suppressions: file → object → rule → count. Paths are relative to the suppressions file's
 * folder; an object is `Kind[.group] [namespace/]name` (the API group, not the version, so that moving
 * to a newer apiVersion keeps it), `(file)` for findings that are about no object. Nothing else is kept:
 * no message text, no value, no line. Only errors are suppressed.
 */
export type SuppressionsData = Record<string, Record<string, Record<string, { count: number }>>>;

export interface UnusedSuppression {
  file: string;
  object: string;
  rule: string;
  /** How many of the suppressed errors no longer occur. */
  count: number;
}

export interface SuppressionOutcome {
  results: LintResult[];
  /** Errors that a suppression hid. */
  suppressed: number;
  unused: UnusedSuppression[];
}

/** `Deployment.apps prod/api`, `Service default/api`, `ClusterRole.rbac.authorization.k8s.io admin`. */
export function objectKey(resource: ResourceRef | undefined): string {
  if (!resource) return '(file)';
  const group = groupOf(resource.apiVersion);
  const kind = group ? `${resource.kind}.${group}` : resource.kind;
  return `${kind} ${resource.namespace !== undefined ? `${resource.namespace}/` : ''}${resource.name ?? '(unnamed)'}`;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Where the suppressions file is: the given path (from cwd), else beside the config file, else in cwd. */
export function suppressionsLocation(cwd: string, given: string | undefined, configFile: string | undefined): string {
  if (given !== undefined) return resolve(cwd, given);
  return join(configFile ? dirname(configFile) : cwd, DEFAULT_SUPPRESSIONS_FILE);
}

/** Reads a suppressions file; a missing file is no suppressions, a malformed one a UsageError. */
export function loadSuppressions(path: string): SuppressionsData {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`The suppressions file ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const bad = (why: string) => new UsageError(`The suppressions file ${path} is not a kubelore suppressions file: ${why}.`);
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(data)) throw bad('it must hold an object of files');
  for (const [file, objects] of Object.entries(data)) {
    if (!isRecord(objects)) throw bad(`"${file}" must hold an object of objects`);
    for (const [object, rules] of Object.entries(objects)) {
      if (!isRecord(rules)) throw bad(`"${file}" › "${object}" must hold an object of rules`);
      for (const [rule, entry] of Object.entries(rules)) {
        const count = isRecord(entry) ? entry.count : undefined;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw bad(`"${file}" › "${object}" › "${rule}" needs a count of at least 1`);
      }
    }
  }
  return data as SuppressionsData;
}

/** The file as written: keys sorted at every level, two-space indentation, a final newline. */
export function serializeSuppressions(data: SuppressionsData): string {
  const sorted = (record: Record<string, unknown>) => Object.keys(record).sort();
  const out: SuppressionsData = {};
  for (const file of sorted(data)) {
    const objects: SuppressionsData[string] = {};
    for (const object of sorted(data[file]!)) {
      const rules: SuppressionsData[string][string] = {};
      for (const rule of sorted(data[file]![object]!)) rules[rule] = { count: data[file]![object]![rule]!.count };
      if (Object.keys(rules).length > 0) objects[object] = rules;
    }
    if (Object.keys(objects).length > 0) out[file] = objects;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

export async function saveSuppressions(path: string, data: SuppressionsData): Promise<void> {
  // Written beside and renamed over, so that an interrupted run never leaves half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, serializeSuppressions(data));
  await rename(temporary, path);
}

/** A file's errors by object and rule (only errors of a rule: fatal problems have no rule to suppress). */
function errorGroups(result: LintResult): Map<string, Map<string, LintMessage[]>> {
  const groups = new Map<string, Map<string, LintMessage[]>>();
  for (const message of result.messages) {
    if (message.severity !== 2 || message.ruleId === null) continue;
    const object = objectKey(message.resource);
    let rules = groups.get(object);
    if (!rules) groups.set(object, (rules = new Map()));
    let list = rules.get(message.ruleId);
    if (!list) rules.set(message.ruleId, (list = []));
    list.push(message);
  }
  return groups;
}

interface Paths {
  /** The folder of the suppressions file. */
  base: string;
  /** The folder results' paths are relative to. */
  cwd: string;
}

function keyOf(result: LintResult, paths: Paths): string {
  return toPosix(relative(paths.base, resolve(paths.cwd, result.filePath)));
}

/**
 * Hides the errors the suppressions cover. A group (file, object, rule) with at most as many errors as
 * its count is hidden; one with more is reported whole, as ESLint does, since nothing tells the old
 * errors from the new. Counts left over, and entries of linted files (or of files that no longer exist)
 * that matched nothing, are unused.
 */
export function applySuppressions(results: LintResult[], data: SuppressionsData, paths: Paths): SuppressionOutcome {
  let suppressed = 0;
  const unused: UnusedSuppression[] = [];
  const linted = new Set<string>();
  const out = results.map((result) => {
    const file = keyOf(result, paths);
    linted.add(file);
    const entries = data[file];
    if (!entries) return result;
    const groups = errorGroups(result);
    const hidden = new Set<LintMessage>();
    for (const [object, rules] of Object.entries(entries)) {
      for (const [rule, { count }] of Object.entries(rules)) {
        const found = groups.get(object)?.get(rule) ?? [];
        if (found.length > count) continue;
        for (const message of found) hidden.add(message);
        suppressed += found.length;
        if (found.length < count) unused.push({ file, object, rule, count: count - found.length });
      }
    }
    if (hidden.size === 0) return result;
    return { ...result, ...buildResult(result.filePath, result.messages.filter((message) => !hidden.has(message))) };
  });
  for (const [file, objects] of Object.entries(data)) {
    if (linted.has(file) || existsSync(resolve(paths.base, file))) continue;
    for (const [object, rules] of Object.entries(objects)) for (const [rule, { count }] of Object.entries(rules)) unused.push({ file, object, rule, count });
  }
  unused.sort((a, b) => compare(a.file, b.file) || compare(a.object, b.object) || compare(a.rule, b.rule));
  return { results: out, suppressed, unused };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Records the current errors of the linted files (of `rules` only, when given): each group's count
 * becomes what occurs now. Entries nothing matched stay until pruned.
 */
export function recordSuppressions(results: LintResult[], data: SuppressionsData, paths: Paths, rules?: ReadonlySet<string>): SuppressionsData {
  const next = structuredClone(data);
  for (const result of results) {
    const file = keyOf(result, paths);
    for (const [object, byRule] of errorGroups(result)) {
      for (const [rule, messages] of byRule) {
        if (rules && !rules.has(rule)) continue;
        ((next[file] ??= {})[object] ??= {})[rule] = { count: messages.length };
      }
    }
  }
  return next;
}

/** Lowers each count of a linted file to what occurs now, and drops entries of files that no longer exist. */
export function pruneSuppressions(results: LintResult[], data: SuppressionsData, paths: Paths): SuppressionsData {
  const next = structuredClone(data);
  const linted = new Map(results.map((result) => [keyOf(result, paths), errorGroups(result)]));
  for (const [file, objects] of Object.entries(next)) {
    const groups = linted.get(file);
    if (!groups) {
      if (!existsSync(resolve(paths.base, file))) delete next[file];
      continue;
    }
    for (const [object, rules] of Object.entries(objects)) {
      for (const [rule, entry] of Object.entries(rules)) {
        const found = groups.get(object)?.get(rule)?.length ?? 0;
        if (found === 0 || found > entry.count) {
          // More than the count means the group is reported whole; the entry no longer hides anything.
          if (found === 0) delete rules[rule];
          continue;
        }
        entry.count = found;
      }
      if (Object.keys(rules).length === 0) delete objects[object];
    }
    if (Object.keys(objects).length === 0) delete next[file];
  }
  return next;
}

/** The lines kubelore prints for suppressions that no longer occur. */
export function describeUnused(unused: UnusedSuppression[], location: string, cwd: string): string {
  const total = unused.reduce((sum, entry) => sum + entry.count, 0);
  const where = toPosix(relative(cwd, location)) || location;
  const lines = unused.map((entry) => `  ${entry.file}  ${entry.object}  ${entry.rule}${entry.count > 1 ? ` (${entry.count})` : ''}\n`);
  return (
    `kubelore: ${total} suppressed ${total === 1 ? 'error no longer occurs' : 'errors no longer occur'} (${where}):\n${lines.join('')}` +
    'Run with --prune-suppressions to remove them, or --pass-on-unpruned-suppressions to ignore them.\n'
  );
}
