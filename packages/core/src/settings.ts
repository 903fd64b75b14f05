/** Shared settings every rule can read (`settings` in a config object). */
export interface Settings {
  /** The Kubernetes version the manifests target, `major.minor`. */
  kubernetesVersion: string;
  /** The namespace of objects that name none. */
  defaultNamespace: string;
  /** Whether pod rules apply to Helm test hooks (`helm.sh/hook: test`). */
  lintHelmTestHooks: boolean;
  /** Largest file accepted, in characters. */
  maxFileSize: number;
  /** Alias expansions allowed in one document. */
  maxAliasCount: number;
  /** How deeply collections may nest in one document; deeper documents are refused (kubelore/input-limit). */
  maxDepth: number;
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
  maxFileSize: 64 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 100,
  treeCacheChars: 64_000_000,
};

/** Parses `1.30`, `v1.30`, `1.30.2` into `[1, 30]`, or undefined. */
export function parseKubernetesVersion(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(String(version).trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** True when `version` is at least `minimum` (both `major.minor`). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = parseKubernetesVersion(version);
  const b = parseKubernetesVersion(minimum);
  if (!a || !b) return false;
  return a[0] !== b[0] ? a[0] > b[0] : a[1] >= b[1];
}
