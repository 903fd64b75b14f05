import { Ajv, type ValidateFunction } from 'ajv';
import { matchesGlob, matchesWildcard } from './glob.js';
import type { Resource } from './resource.js';
import type { Plugin, Rule, RuleEntry, Severity, SeverityLevel } from './rule.js';
import { defaultSettings, LATEST_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, parseKubernetesVersion, versionAtLeast, type Settings } from './settings.js';

export interface ObjectMatcher {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

/** One entry of a flat config array, as ESLint 9 has it, plus `objects` for scoping rules to objects. */
export interface ConfigObject {
  name?: string;
  files?: string[];
  ignores?: string[];
  objects?: ObjectMatcher[];
  plugins?: Record<string, Plugin>;
  rules?: Record<string, RuleEntry>;
  settings?: Partial<Settings>;
}

export type ConfigArray = ConfigObject[];

/** A configuration mistake: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ResolvedRule {
  id: string;
  rule: Rule<string, any>;
  severity: SeverityLevel;
  options: Record<string, unknown>;
}

export interface ObjectOverride {
  objects: ObjectMatcher[];
  rules: Map<string, SeverityLevel>;
}

export interface ResolvedConfig {
  /** Rules to run (severity above 0, or switched on only for some objects). */
  rules: ResolvedRule[];
  /** Every severity the config set explicitly, `off` included. */
  severities: Map<string, SeverityLevel>;
  settings: Settings;
  plugins: Map<string, Plugin>;
  objectOverrides: ObjectOverride[];
}

const CONFIG_KEYS = new Set(['name', 'files', 'ignores', 'objects', 'plugins', 'rules', 'settings']);

export function severityLevel(severity: Severity, where: string): SeverityLevel {
  if (severity === 0 || severity === 'off') return 0;
  if (severity === 1 || severity === 'warn') return 1;
  if (severity === 2 || severity === 'error') return 2;
  throw new ConfigError(`${where}: severity must be "off", "warn", "error", 0, 1 or 2, not ${JSON.stringify(severity)}.`);
}

function isGlobalIgnore(config: ConfigObject): boolean {
  return config.ignores !== undefined && Object.keys(config).every((key) => key === 'ignores' || key === 'name');
}

/** True when a path is excluded by a config object that holds only `ignores` (global ignores). */
export function isIgnoredByConfig(configs: ConfigArray, relativePath: string): boolean {
  return configs.some((config) => isGlobalIgnore(config) && config.ignores!.some((glob) => matchesGlob(relativePath, glob)));
}

export function appliesToFile(config: ConfigObject, relativePath: string): boolean {
  if (isGlobalIgnore(config)) return false;
  if (config.files && !config.files.some((glob) => matchesGlob(relativePath, glob))) return false;
  if (config.ignores?.some((glob) => matchesGlob(relativePath, glob))) return false;
  return true;
}

/** Which of the config objects apply to a file: files with the same key resolve to the same config. */
export function configKey(configs: ConfigArray, relativePath: string): string {
  let key = '';
  for (const config of configs) key += appliesToFile(config, relativePath) ? '1' : '0';
  return key;
}

export function objectMatches(matcher: ObjectMatcher, resource: Resource): boolean {
  return (
    matchesWildcard(resource.apiVersion, matcher.apiVersion) &&
    matchesWildcard(resource.kind, matcher.kind) &&
    matchesWildcard(resource.namespace, matcher.namespace) &&
    matchesWildcard(resource.name, matcher.name)
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

const NUMERIC_SETTINGS = ['maxFileSize', 'maxAliasCount', 'maxDepth', 'maxNodes', 'treeCacheChars'] as const;

/**
 * Checks one config object's shape before anything reads it, so that a malformed entry (`null`, `files:
 * "a"`, `rules: []`, a glob that is a number) is a config error naming the entry, not a crash.
 */
export function validateShape(config: ConfigObject, where: string): void {
  if (!isRecord(config)) throw new ConfigError(`${where} must be an object, not ${describeType(config)}.`);
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) throw new ConfigError(`${where} has an unknown key "${key}" (expected one of ${[...CONFIG_KEYS].join(', ')}).`);
  }
  if (config.name !== undefined && typeof config.name !== 'string') throw new ConfigError(`${where}: "name" must be a string.`);
  for (const key of ['files', 'ignores'] as const) {
    const globs: unknown = config[key];
    if (globs === undefined) continue;
    if (!Array.isArray(globs)) throw new ConfigError(`${where}: "${key}" must be an array of glob strings, not ${describeType(globs)}.`);
    globs.forEach((glob, index) => {
      if (typeof glob !== 'string') throw new ConfigError(`${where}: "${key}"[${index}] must be a glob string, not ${describeType(glob)}.`);
    });
  }
  if (config.objects !== undefined) {
    if (!Array.isArray(config.objects)) throw new ConfigError(`${where}: "objects" must be an array, not ${describeType(config.objects)}.`);
    (config.objects as unknown[]).forEach((matcher, index) => {
      if (!isRecord(matcher)) throw new ConfigError(`${where}: "objects"[${index}] must be an object with apiVersion, kind, namespace or name.`);
      for (const [field, value] of Object.entries(matcher)) {
        if (!['apiVersion', 'kind', 'namespace', 'name'].includes(field)) throw new ConfigError(`${where}: "objects"[${index}] has an unknown key "${field}".`);
        if (typeof value !== 'string') throw new ConfigError(`${where}: "objects"[${index}].${field} must be a string.`);
      }
    });
  }
  for (const key of ['plugins', 'rules', 'settings'] as const) {
    const value: unknown = config[key];
    if (value !== undefined && !isRecord(value)) throw new ConfigError(`${where}: "${key}" must be an object, not ${describeType(value)}.`);
  }
  for (const setting of NUMERIC_SETTINGS) {
    const value: unknown = (config.settings as Record<string, unknown> | undefined)?.[setting];
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) throw new ConfigError(`${where}: setting "${setting}" must be a number of 0 or more.`);
  }
}

/** Checks every entry of a config array (resolveConfig does too; callers reading `ignores` first call this). */
export function validateConfigArray(configs: unknown): asserts configs is ConfigArray {
  if (!Array.isArray(configs)) throw new ConfigError(`A config must be an array of config objects, not ${describeType(configs)}.`);
  configs.forEach((config: ConfigObject, position) => validateShape(config, `Config ${isRecord(config) && typeof config.name === 'string' ? `"${config.name}"` : `object #${position}`}`));
}

// Built on the first rule given options: most runs (presets, severities only) never need it, and
// constructing it compiles its meta-schemas. (The bundle also defers loading ajv's modules until here.)
let ajv: Ajv | undefined;
const validators = new WeakMap<Rule<string, any>, ValidateFunction>();

/**
 * Resolves a rule's options: validated against `meta.schema` and filled in with the defaults. A rule's
 * own `meta.strictOptions` (what the strict preset passes) are its author's, checked against its schema
 * by RuleTester, so they are not validated again here: a preset run compiles no schema (compiling the
 * built-in rules' schemas with ajv was about 180 ms of a cold strict run over the corpus).
 */
export function resolveRuleOptions(id: string, rule: Rule<string, any>, options: unknown): Record<string, unknown> {
  const defaults = (rule.meta.defaultOptions ?? {}) as Record<string, unknown>;
  if (options === undefined) return { ...defaults };
  if (options !== rule.meta.strictOptions) validateRuleOptions(id, rule, options);
  return { ...defaults, ...(options as Record<string, unknown>) };
}

/** Throws a ConfigError naming what is wrong when `options` do not match the rule's `meta.schema` (compiled once per rule). */
export function validateRuleOptions(id: string, rule: Rule<string, any>, options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`Invalid options for rule "${id}": expected an object, got ${JSON.stringify(options)}.`);
  }
  if (rule.meta.schema) {
    let validate = validators.get(rule);
    if (!validate) {
      ajv ??= new Ajv({ allErrors: true, strict: false });
      validate = ajv.compile(rule.meta.schema);
      validators.set(rule, validate);
    }
    if (!validate(options)) {
      const details = (validate.errors ?? [])
        .map((error) => {
          const field = error.instancePath ? `option "${error.instancePath.slice(1).replace(/\//g, '.')}"` : 'options';
          const extra = error.keyword === 'additionalProperties' ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")` : '';
          const allowed = error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
          return `${field} ${error.message}${extra}${allowed}`;
        })
        .join('; ');
      throw new ConfigError(`Invalid options for rule "${id}": ${details}.`);
    }
  } else if (Object.keys(options).length > 0) {
    throw new ConfigError(`Invalid options for rule "${id}": the rule takes no options.`);
  }
}

/** A plugin's rule must be `{ meta: { messages, docs }, create }` (defineRule's shape): anything else is a config error. */
function checkRuleShape(id: string, rule: Rule<string, any>): void {
  const candidate = rule as unknown as { meta?: unknown; create?: unknown };
  if (!isRecord(candidate) || typeof candidate.create !== 'function' || !isRecord(candidate.meta) || !isRecord((candidate.meta as { messages?: unknown }).messages)) {
    throw new ConfigError(`Rule "${id}" is not a kubelore rule (an object with meta.messages and a create function).`);
  }
}

export function findRule(plugins: Map<string, Plugin>, id: string): Rule<string, any> | undefined {
  const slash = id.lastIndexOf('/');
  if (slash === -1) return undefined;
  return plugins.get(id.slice(0, slash))?.rules[id.slice(slash + 1)];
}

function splitEntry(entry: RuleEntry, where: string): [SeverityLevel, Record<string, unknown> | undefined] {
  if (Array.isArray(entry)) {
    const length = (entry as unknown[]).length;
    if (length === 0 || length > 2) throw new ConfigError(`${where}: expected [severity] or [severity, options].`);
    return [severityLevel(entry[0], where), entry[1]];
  }
  return [severityLevel(entry, where), undefined];
}

function validateSettings(settings: Settings): void {
  const version: unknown = settings.kubernetesVersion;
  const range = `${OLDEST_KUBERNETES_VERSION} to ${LATEST_KUBERNETES_VERSION}`;
  if (typeof version === 'number') {
    // YAML and JSON read an unquoted 1.30 as the number 1.3: the version meant is lost, so say so.
    const [major, minor = ''] = String(version).split('.');
    const meant = minor.length === 1 ? `${major}.${minor}0` : String(version);
    throw new ConfigError(
      `Setting "kubernetesVersion" is the number ${version}, not a version: an unquoted 1.30 is read as 1.3. Quote it: kubernetesVersion: "${meant}".`,
    );
  }
  if (typeof version !== 'string' || !parseKubernetesVersion(version)) {
    throw new ConfigError(`Setting "kubernetesVersion" must be a version in quotes such as "1.30", not ${JSON.stringify(version)}.`);
  }
  if (!versionAtLeast(version, OLDEST_KUBERNETES_VERSION) || !versionAtLeast(LATEST_KUBERNETES_VERSION, version)) {
    const nearest = versionAtLeast(version, LATEST_KUBERNETES_VERSION) ? LATEST_KUBERNETES_VERSION : OLDEST_KUBERNETES_VERSION;
    throw new ConfigError(
      `Setting "kubernetesVersion" is "${version}", outside the Kubernetes versions kubelore has data for (${range}). Use a version in that range, such as "${nearest}".`,
    );
  }
}

/** Merges every config object that applies to a file, in order, into the rules and settings to run. */
export function resolveConfig(configs: ConfigArray, relativePath: string, builtinPlugins: Plugin[] = []): ResolvedConfig {
  const plugins = new Map<string, Plugin>();
  for (const plugin of builtinPlugins) plugins.set(plugin.meta.name, plugin);
  const entries = new Map<string, { severity: SeverityLevel; options: Record<string, unknown> | undefined }>();
  let settings: Settings = { ...defaultSettings };
  const objectOverrides: ObjectOverride[] = [];

  configs.forEach((config, position) => {
    const where = `Config ${isRecord(config) && typeof config.name === 'string' ? `"${config.name}"` : `object #${position}`}`;
    validateShape(config, where);
    for (const [prefix, plugin] of Object.entries(config.plugins ?? {})) {
      if (!plugin || typeof plugin !== 'object' || typeof plugin.rules !== 'object') {
        throw new ConfigError(`${where}: plugin "${prefix}" is not a kubelore plugin (an object with "rules").`);
      }
      plugins.set(prefix, plugin);
    }
    if (!appliesToFile(config, relativePath)) return;
    if (config.settings) settings = { ...settings, ...config.settings };
    if (config.objects) {
      const rules = new Map<string, SeverityLevel>();
      for (const [id, entry] of Object.entries(config.rules ?? {})) rules.set(id, splitEntry(entry, `${where}, rule "${id}"`)[0]);
      objectOverrides.push({ objects: config.objects, rules });
      return;
    }
    for (const [id, entry] of Object.entries(config.rules ?? {})) {
      const [severity, options] = splitEntry(entry, `${where}, rule "${id}"`);
      const previous = entries.get(id);
      entries.set(id, { severity, options: options ?? previous?.options });
    }
  });
  validateSettings(settings);

  const rules: ResolvedRule[] = [];
  for (const [id, { severity, options }] of entries) {
    const rule = findRule(plugins, id);
    if (!rule) throw new ConfigError(`Could not find rule "${id}": is its plugin in "plugins"?`);
    checkRuleShape(id, rule);
    const resolvedOptions = resolveRuleOptions(id, rule, options);
    if (severity > 0) rules.push({ id, rule, severity, options: resolvedOptions });
  }
  for (const override of objectOverrides) {
    for (const id of override.rules.keys()) {
      const rule = findRule(plugins, id);
      if (!rule) throw new ConfigError(`Could not find rule "${id}": is its plugin in "plugins"?`);
      // A rule switched on only for some objects still has to run for the file.
      if (override.rules.get(id)! > 0 && !rules.some((r) => r.id === id)) {
        // Findings take the object's severity (severityForObject); elsewhere the rule stays off.
        rules.push({ id, rule, severity: 0, options: resolveRuleOptions(id, rule, entries.get(id)?.options) });
      }
    }
  }
  const severities = new Map([...entries].map(([id, entry]) => [id, entry.severity] as [string, SeverityLevel]));
  return { rules, severities, settings, plugins, objectOverrides };
}

/** The severity of a rule for one object, after object-scoped config objects. */
export function severityForObject(config: ResolvedConfig, ruleId: string, base: SeverityLevel, resource: Resource | undefined): SeverityLevel {
  let severity = base;
  if (!resource) return severity;
  for (const override of config.objectOverrides) {
    const level = override.rules.get(ruleId);
    if (level !== undefined && override.objects.some((matcher) => objectMatches(matcher, resource))) severity = level;
  }
  return severity;
}
