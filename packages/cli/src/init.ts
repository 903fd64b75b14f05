import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { LATEST_KUBERNETES_VERSION } from '@kubelore/core';
import { compareVersions, kindsData } from '@kubelore/plugin-schema';
import { parseAllDocuments } from 'yaml';
import { UsageError } from './args.js';
import { CONFIG_FILE_NAMES } from './config-files.js';
import { findFiles } from './files.js';
import { Kubelore } from './kubelore.js';
import type { PresetName } from './plugins.js';
import { recordSuppressions, saveSuppressions, suppressionsLocation } from './suppressions.js';

export const INIT_CONFIG_FILE = 'kubelore.config.yaml';

export interface TargetVersion {
  version: string;
  /** The apiVersion/kind first served most recently, and by which release. */
  newest?: { apiVersion: string; kind: string; since: string };
  /** The apiVersion/kind whose serving ended first, and its last release, when one has ended. */
  oldest?: { apiVersion: string; kind: string; until: string };
}

/** `apiVersion` and `kind` of every object in the texts (items of `kind: List` too). */
function objectsOf(text: string): Array<{ apiVersion: string; kind: string }> {
  const out: Array<{ apiVersion: string; kind: string }> = [];
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    if (typeof record.apiVersion === 'string' && typeof record.kind === 'string') out.push({ apiVersion: record.apiVersion, kind: record.kind });
    if (Array.isArray(record.items)) record.items.forEach(visit);
  };
  try {
    for (const document of parseAllDocuments(text)) if (!('empty' in document) && document.errors.length === 0) visit(document.toJS({ maxAliasCount: 100 }));
  } catch {
    // A file that does not parse says nothing about versions; linting will report it.
  }
  return out;
}

/**
 * The Kubernetes version to target, from the schema plugin's table of served APIs: the newest release
 * that still serves every built-in apiVersion/kind the manifests use, so that no API they rely on is
 * judged as removed and no field as unknown. When the manifests use an API first served after another
 * of theirs stopped being served, the newest API wins.
 */
export function targetVersion(objects: Iterable<{ apiVersion: string; kind: string }>): TargetVersion {
  const { kinds, versions } = kindsData();
  const latestInData = versions[versions.length - 1]!;
  let newest: TargetVersion['newest'];
  let oldest: TargetVersion['oldest'];
  for (const { apiVersion, kind } of objects) {
    const releases = kinds[`${apiVersion}/${kind}`];
    if (!releases || releases.length === 0) continue;
    const sorted = [...releases].sort(compareVersions);
    const since = sorted[0]!;
    const until = sorted[sorted.length - 1]!;
    if (!newest || compareVersions(since, newest.since) > 0) newest = { apiVersion, kind, since };
    if (until !== latestInData && (!oldest || compareVersions(until, oldest.until) < 0)) oldest = { apiVersion, kind, until };
  }
  let version = oldest ? oldest.until : LATEST_KUBERNETES_VERSION;
  if (newest && compareVersions(newest.since, version) > 0) version = newest.since;
  return { version, newest, oldest };
}

function configText(preset: PresetName, target: TargetVersion): string {
  const why = target.oldest
    ? `the newest release that still serves ${target.oldest.apiVersion} ${target.oldest.kind}`
    : target.newest
      ? `every apiVersion found is still served; the newest is ${target.newest.apiVersion} ${target.newest.kind}, served since ${target.newest.since}`
      : 'no built-in apiVersion was found';
  return [
    '# Written by `kubelore --init`. Rules and their options: https://github.com/kubelore/kubelore/blob/main/docs/rules/README.md',
    `- kubelore:${preset}`,
    '- settings:',
    '    # Set this to the version of the cluster these manifests are applied to.',
    `    # kubelore --init chose ${target.version}: ${why}.`,
    `    kubernetesVersion: "${target.version}"`,
    '',
  ].join('\n');
}

export interface InitOptions {
  cwd: string;
  patterns: string[];
  preset: PresetName;
  /** Record the existing errors in the suppressions file as well. */
  suppress: boolean;
  suppressionsLocation?: string;
  stdout: (text: string) => void;
}

/** `kubelore --init`: never asks anything; what it would ask is a flag (--suppress) or a printed next step. */
export async function runInit(options: InitOptions): Promise<number> {
  const existing = CONFIG_FILE_NAMES.filter((name) => existsSync(join(options.cwd, name)));
  if (existing.length > 0) throw new UsageError(`--init: ${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} here; edit it instead.`);
  const patterns = options.patterns.length > 0 ? options.patterns : ['.'];
  const files = await findFiles(patterns, options.cwd, { errorOnUnmatchedPattern: false });
  const objects = [];
  for (const file of files) objects.push(...objectsOf(await readFile(file.path, 'utf8')));
  const target = targetVersion(objects);
  const configPath = join(options.cwd, INIT_CONFIG_FILE);
  await writeFile(configPath, configText(options.preset, target));
  options.stdout(`Wrote ${INIT_CONFIG_FILE}: preset ${options.preset}, kubernetesVersion ${target.version} (${objects.length} objects in ${files.length} files).\n`);

  const kubelore = new Kubelore({ cwd: options.cwd, overrideConfigFile: configPath, errorOnUnmatchedPattern: false });
  const results = await kubelore.lintFiles(patterns);
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const withFindings = results.filter((result) => result.messages.length > 0).length;
  options.stdout(`kubelore finds ${errors} ${errors === 1 ? 'error' : 'errors'} and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} in ${withFindings} of ${results.length} files.\n`);
  const location = suppressionsLocation(options.cwd, options.suppressionsLocation, configPath);
  const shown = relative(options.cwd, location) || location;
  if (options.suppress && errors > 0) {
    const suppressible = results.reduce((sum, result) => sum + result.messages.filter((message) => message.severity === 2 && message.ruleId !== null).length, 0);
    await saveSuppressions(location, recordSuppressions(results, {}, { base: dirname(location), cwd: options.cwd }));
    options.stdout(`Recorded ${suppressible} existing ${suppressible === 1 ? 'error' : 'errors'} in ${shown}; new ones fail the run.\n`);
    options.stdout(`Next: commit ${INIT_CONFIG_FILE} and ${shown}, and run "kubelore" in CI.\n`);
  } else if (errors > 0) {
    options.stdout(`Next: fix what you can ("kubelore --fix"), then record the rest with "kubelore --suppress-all" (writes ${shown}) and commit both files.\n`);
  } else {
    options.stdout(`Next: commit ${INIT_CONFIG_FILE} and run "kubelore" in CI.\n`);
  }
  return 0;
}
