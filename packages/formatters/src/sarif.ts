import { pathToFileURL } from 'node:url';
import { corePlugin, PARSE_ERROR_ID, parsePointer, ruleIdOf, type LintMessage, type LintResult, type Rule, type TextEdit } from '@kubelore/core';
import { zlib } from './builtins.js';
import { fingerprintsOf } from './fingerprint.js';
import type { FormatterContext } from './index.js';
import { encodeRelativeUri, folderUri, locateFile } from './paths.js';
import { ruleHelp } from './rule-help.js';

/** What GitHub code scanning accepts in one upload; above these the whole file is refused. */
export interface SarifLimits {
  maxResults: number;
  maxGzipBytes: number;
}

export const GITHUB_LIMITS: SarifLimits = { maxResults: 25_000, maxGzipBytes: 10 * 1024 * 1024 };

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/kubelore/kubelore';
const SRCROOT = '%SRCROOT%';

/** Problems reading the input carry no rule id; reports name them with this stand-in rule. */
const PARSE_ERROR_FIX =
  'Correct the YAML at the reported line, or save the file as UTF-8 text, and lint again. `kubectl apply --dry-run=client -f FILE` shows how the cluster reads it.';

type Json = Record<string, unknown>;

/** `termination/prestop-delay` → `TerminationPrestopDelay`: SARIF wants rule names in Pascal case. */
function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function reportingDescriptor(id: string, rule: Rule<string, any> | undefined, context: FormatterContext): Json {
  const help = ruleHelp(id, rule, context.docsPage?.(id), id === PARSE_ERROR_ID ? PARSE_ERROR_FIX : undefined);
  const meta = rule?.meta;
  const level = meta?.severity === 'warn' ? 'warning' : 'error';
  const plugin = id.includes('/') ? id.slice(0, id.indexOf('/')) : id;
  const tags = ['kubernetes', plugin];
  if (meta) tags.push(meta.type, meta.docs.recommended === true ? 'recommended' : 'strict');
  const properties: Json = { tags };
  if (meta?.security !== undefined && meta.security > 0) {
    tags.push('security');
    properties['security-severity'] = Math.min(10, meta.security).toFixed(1);
  } else {
    properties['problem.severity'] = level;
  }
  return {
    id,
    name: pascalName(id),
    shortDescription: { text: help.shortDescription },
    fullDescription: { text: help.fullDescription },
    help: { text: help.text, markdown: help.markdown },
    ...(meta?.docs.url ? { helpUri: meta.docs.url } : {}),
    defaultConfiguration: { level },
    properties,
  };
}

function artifactLocation(filePath: string, context: FormatterContext, root: string): Json {
  const located = locateFile(filePath, context.cwd, root);
  if ('relative' in located) return { uri: encodeRelativeUri(located.relative), uriBaseId: SRCROOT };
  if ('absolute' in located) return { uri: pathToFileURL(located.absolute).href };
  return { uri: encodeURIComponent(located.pseudo) };
}

/** The object a finding is about, and the field inside it. */
function logicalLocations(message: LintMessage): Json[] | undefined {
  const { resource } = message;
  if (!resource) return undefined;
  const object = [resource.kind, resource.namespace, resource.name ?? `(document ${resource.document + 1})`].filter((part) => part !== undefined).join('/');
  const locations: Json[] = [{ kind: 'resource', name: resource.name ?? resource.kind, fullyQualifiedName: object }];
  if (message.path) {
    const field = parsePointer(message.path).at(-1) ?? '';
    locations.push({ kind: 'property', name: field, fullyQualifiedName: `${object}#${message.path}` });
  }
  return locations;
}

/** A fix as SARIF sees it. Edits are offsets into the linted text, counted in UTF-16 code units as columns are. */
function sarifFix(description: string, edit: TextEdit, location: Json): Json {
  const [start, end] = edit.range;
  return {
    description: { text: description },
    artifactChanges: [
      { artifactLocation: location, replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: edit.text } }] },
    ],
  };
}

function sarifResult(message: LintMessage, fingerprint: string, ruleIndex: number, location: Json, locate: (filePath: string) => Json): Json {
  const ruleId = ruleIdOf(message);
  const fixes: Json[] = [];
  if (message.fix) fixes.push(sarifFix(`Fix applied by kubelore --fix (${ruleId})`, message.fix, location));
  for (const suggestion of message.suggestions) fixes.push(sarifFix(suggestion.desc, suggestion.fix, location));
  const logical = logicalLocations(message);
  return {
    ruleId,
    ruleIndex,
    level: message.severity === 2 ? 'error' : 'warning',
    message: { text: message.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location,
          region: {
            startLine: Math.max(1, message.line),
            startColumn: Math.max(1, message.column),
            endLine: Math.max(1, message.endLine, message.line),
            endColumn: Math.max(1, message.endColumn),
          },
        },
        ...(logical ? { logicalLocations: logical } : {}),
      },
    ],
    // The key GitHub reads; ours follows the object, not the line (see fingerprint.ts).
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(fixes.length > 0 ? { fixes } : {}),
    // The same finding on copies of the object in other files, folded into this one.
    ...(message.repeats && message.repeats.length > 0
      ? {
          relatedLocations: message.repeats.map((repeat, id) => ({
            id,
            message: { text: 'the same finding on a copy of the object' },
            physicalLocation: { artifactLocation: locate(repeat.filePath), region: { startLine: Math.max(1, repeat.line), startColumn: Math.max(1, repeat.column) } },
          })),
        }
      : {}),
  };
}

/** GitHub reads `category/run`; a category given without a trailing slash would be taken as the run id. */
function automationId(category: unknown): string | undefined {
  if (typeof category !== 'string' || category.trim() === '') return undefined;
  return category.endsWith('/') ? category : `${category}/`;
}

/** The `count` results to keep when a run must be cut: errors before warnings, in report order. */
function keepMostImportant(results: Json[], count: number): Json[] {
  if (count >= results.length) return results;
  let errorsLeft = count;
  let warningsLeft = Math.max(0, count - results.filter((result) => result.level === 'error').length);
  return results.filter((result) => (result.level === 'error' ? errorsLeft-- > 0 : warningsLeft-- > 0));
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export function formatSarif(results: readonly LintResult[], context: FormatterContext, limits: SarifLimits = GITHUB_LIMITS): string {
  const root = typeof context.options?.srcRoot === 'string' ? context.options.srcRoot : context.repositoryRoot ?? context.cwd;
  const ids = new Set<string>([...context.rules.keys(), PARSE_ERROR_ID]);
  for (const result of results) for (const message of result.messages) ids.add(ruleIdOf(message));
  const ruleIds = [...ids].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => reportingDescriptor(id, context.rules.get(id) ?? (id === PARSE_ERROR_ID ? corePlugin.rules['parse-error'] : undefined), context));

  const all: Json[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, context, root);
    const fingerprints = fingerprintsOf(result.messages);
    result.messages.forEach((message, index) => {
      all.push(sarifResult(message, fingerprints[index]!, ruleIndex.get(ruleIdOf(message))!, location, (filePath) => artifactLocation(filePath, context, root)));
    });
  }

  const automation = automationId(context.options?.category);
  const build = (kept: Json[], notifications: Json[]): string => {
    const run: Json = {
      tool: { driver: { name: 'kubelore', version: context.version, semanticVersion: context.version, informationUri: INFORMATION_URI, rules } },
      ...(automation ? { automationDetails: { id: automation } } : {}),
      originalUriBaseIds: { [SRCROOT]: { uri: folderUri(root) } },
      invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      columnKind: 'utf16CodeUnits',
      results: kept,
    };
    return `${JSON.stringify({ $schema: SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2)}\n`;
  };

  let kept = keepMostImportant(all, limits.maxResults);
  let reason = kept.length < all.length ? `GitHub code scanning accepts at most ${limits.maxResults} results a run` : '';
  const notice = () =>
    `${reason}: kept ${kept.length} of ${all.length} results (errors first) and left out ${all.length - kept.length}. ` +
    'Turn off or fix the noisiest rules, or split the run with --sarif-category.';
  let output = build(kept, reason ? [{ level: 'warning', message: { text: notice() } }] : []);
  const { gzipSync } = zlib();
  for (let size = gzipSync(output).length; size > limits.maxGzipBytes && kept.length > 0; size = gzipSync(output).length) {
    // Shrink in proportion to the overshoot, with a margin, rather than one result at a time.
    const target = Math.floor((kept.length * limits.maxGzipBytes * 0.9) / size);
    kept = keepMostImportant(kept, Math.min(target, kept.length - 1));
    reason = `GitHub code scanning accepts at most ${limits.maxGzipBytes} bytes of gzipped SARIF`;
    output = build(kept, [{ level: 'warning', message: { text: notice() } }]);
  }
  if (reason) context.warn?.(notice());
  return output;
}
