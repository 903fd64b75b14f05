import { createRequire } from 'node:module';
import { clampKubernetesVersion } from '@kubelore/core';

/** A compact OpenAPI schema, as vendored (see data/README.md). */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

interface DefinitionsFile {
  versions: string[];
  definitions: Record<string, Array<{ v: string[]; s: Schema }>>;
}

interface KindsFile {
  versions: string[];
  kinds: Record<string, string[]>;
}

// The data is JSON beside the compiled code, read on first use: a run without schema rules never pays for it.
const require = createRequire(import.meta.url);
let definitionsFile: DefinitionsFile | undefined;
let kindsFile: KindsFile | undefined;

export function kindsData(): KindsFile {
  return (kindsFile ??= require('../data/kinds.json') as KindsFile);
}

/** The definitions of one release, by name, and the name of each top-level kind's definition. */
export interface ApiDefinitions {
  version: string;
  byName: Map<string, Schema>;
  /** `apps/v1/Deployment` → its schema. */
  byKind: Map<string, Schema>;
}

const cache = new Map<string, ApiDefinitions>();
const nearestFullVersions = new Map<string, string>();

/** The release with full definitions nearest to `version` (the oldest or newest vendored outside the range). */
export function nearestFullVersion(version: string): string {
  definitionsFile ??= require('../data/definitions.json') as DefinitionsFile;
  return clampKubernetesVersion(version, definitionsFile.versions);
}

export function definitionsFor(version: string): ApiDefinitions {
  // Asked by rules' create, once per file: the release for a target version is looked up once.
  let release = nearestFullVersions.get(version);
  if (release === undefined) nearestFullVersions.set(version, (release = nearestFullVersion(version)));
  let api = cache.get(release);
  if (api) return api;
  const byName = new Map<string, Schema>();
  const byKind = new Map<string, Schema>();
  for (const [name, variants] of Object.entries(definitionsFile!.definitions)) {
    const schema = variants.find((variant) => variant.v.includes(release))?.s;
    if (!schema) continue;
    byName.set(name, schema);
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      byKind.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, schema);
    }
  }
  api = { version: release, byName, byKind };
  cache.set(release, api);
  return api;
}

/** Whether `apiVersion/kind` is served by release `version`, from the per-release kind lists. */
export function servedIn(apiVersionKind: string, version: string): boolean {
  return kindsData().kinds[apiVersionKind]?.includes(version) ?? false;
}

export { compareKubernetesVersions as compareVersions } from '@kubelore/core';
