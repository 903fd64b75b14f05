import type { ParseLimits } from './source.js';

/** Shared settings every rule can read (`settings` in a config object). */
export interface Settings {
  /** The Kubernetes version the manifests target, `major.minor`. */
  kubernetesVersion: string;
  /** The namespace of objects that name none. */
  defaultNamespace: string;
  /** Whether pod rules apply to Helm test hooks (`helm.sh/hook: test`). */
  lintHelmTestHooks: boolean;
  /** Whether rules see chainsaw/kuttl assertion files (`*assert*.yaml`, `errors.yaml`) and test-tool objects. */
  lintTestAssertions: boolean;
  /** Largest file accepted, in characters. */
  maxFileSize: number;
  /** Alias expansions allowed in one document. */
  maxAliasCount: number;
  /** How deeply collections may nest in one document; deeper documents are refused (kubelore/input-limit). */
  maxDepth: number;
  /**
   * Most YAML nodes a file may have, estimated before parsing as its lines plus its commas. yaml's parser
   * holds about 1 KB per node while it parses, whatever the node's size: a file of tiny values costs
   * far more memory than its size says. Larger files are refused (kubelore/input-limit).
   */
  maxNodes: number;
  /**
   * Characters of input whose YAML trees stay in memory between parsing and linting. Past it, trees are
   * dropped and parsed again only for files with findings: memory stays bounded on huge inputs.
   */
  treeCacheChars: number;
  [key: string]: unknown;
}

/** The newest Kubernetes minor kubelore knows. */
export const LATEST_KUBERNETES_VERSION = '1.36';
export const OLDEST_KUBERNETES_VERSION = '1.14';

export const defaultSettings: Settings = {
  kubernetesVersion: LATEST_KUBERNETES_VERSION,
  defaultNamespace: 'default',
  lintHelmTestHooks: false,
  lintTestAssertions: false,
  maxFileSize: 64 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 100,
  maxNodes: 2_000_000,
  treeCacheChars: 64_000_000,
};

/** Parses `1.30`, `v1.30`, `1.30.2` into `[1, 30]`, or undefined. */
// Rules compare versions on every object; the few distinct strings are parsed once.
const parsedVersions = new Map<string, [number, number] | undefined>();

export function parseKubernetesVersion(version: string): [number, number] | undefined {
  const text = String(version);
  if (parsedVersions.has(text)) {
    const known = parsedVersions.get(text);
    return known && [known[0], known[1]];
  }
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  const parsed: [number, number] | undefined = match ? [Number(match[1]), Number(match[2])] : undefined;
  if (parsedVersions.size < 256) parsedVersions.set(text, parsed);
  return parsed && [parsed[0], parsed[1]];
}

/** True when `version` is at least `minimum` (both `major.minor`). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = parseKubernetesVersion(version);
  const b = parseKubernetesVersion(minimum);
  if (!a || !b) return false;
  return a[0] !== b[0] ? a[0] > b[0] : a[1] >= b[1];
}

/** Orders `major.minor` versions (unparsable ones as 0.0): negative, zero or positive, for sorting. */
export function compareKubernetesVersions(a: string, b: string): number {
  const [aMajor, aMinor] = parseKubernetesVersion(a) ?? [0, 0];
  const [bMajor, bMinor] = parseKubernetesVersion(b) ?? [0, 0];
  return aMajor - bMajor || aMinor - bMinor;
}

/** `version` clamped to the sorted `releases` it is judged by: below the first, the first; above the last, the last. */
export function clampKubernetesVersion(version: string, releases: readonly string[]): string {
  const first = releases[0]!;
  const last = releases[releases.length - 1]!;
  if (compareKubernetesVersions(version, first) < 0) return first;
  if (compareKubernetesVersions(version, last) > 0) return last;
  return releases.find((release) => compareKubernetesVersions(release, version) === 0) ?? last;
}

/** The settings that bound parsing, as parseSourceFile (and the CLI's reads before it) take them. */
export function parseLimitsOf(settings: Settings): ParseLimits {
  return { maxFileSize: settings.maxFileSize, maxAliasCount: settings.maxAliasCount, maxDepth: settings.maxDepth, maxNodes: settings.maxNodes };
}
