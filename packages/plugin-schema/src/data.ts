import { readFileSync } from 'node:fs';
import { clampKubernetesVersion } from '@kubelore/core';
import { ByApiVersionAndKind } from './by-kind.js';

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

/** data/definitions-index.json: where each definition is in definitions.json (see scripts/definitions-index.mjs). */
interface DefinitionsIndex {
  versions: string[];
  /** Per variant: the releases it holds (a bit per entry of `versions`), then its schema's start and end. */
  definitions: Record<string, number[]>;
  /** `apps/v1/Deployment` -> its definition's name, or [releases, name, ...] when that differs by release. */
  kinds: Record<string, string | Array<number | string>>;
}

interface KindsFile {
  versions: string[];
  kinds: Record<string, string[]>;
}

// The data is beside the compiled code, read on first use: a run without schema rules never pays for
// it. The bundle has the files' text inline instead (scripts/bundle.mjs replaces readData).
const readData = (file: string) => readFileSync(new URL(`../data/${file}`, import.meta.url), 'latin1');
let definitionsIndex: DefinitionsIndex | undefined;
let definitionsText: string | undefined;
let kindsFile: KindsFile | undefined;

export function kindsData(): KindsFile {
  return (kindsFile ??= JSON.parse(readData('kinds.json')) as KindsFile);
}

/** Schemas by name or by `apiVersion/kind`. */
export interface SchemaLookup {
  get(key: string): Schema | undefined;
}

/** The definitions of one release, by name, and the name of each top-level kind's definition. */
export interface ApiDefinitions {
  version: string;
  byName: SchemaLookup;
  /** `apps/v1/Deployment` → its schema. */
  byKind: SchemaLookup;
  /** The same by the object's two strings, kept per pair: what a rule asks for every object. */
  schemaOfKind(apiVersion: string, kind: string): Schema | undefined;
}

// Each variant is parsed when first asked for, once: releases that share it share the object too.
const parsedVariants = new Map<number, Schema>();

function variantSchema(start: number, end: number): Schema {
  let schema = parsedVariants.get(start);
  if (!schema) parsedVariants.set(start, (schema = JSON.parse((definitionsText ??= readData('definitions.json')).slice(start, end)) as Schema));
  return schema;
}

/** A release's definitions, parsed one by one as they are asked for. */
class ReleaseDefinitions implements ApiDefinitions {
  readonly byName: SchemaLookup = { get: (name) => this.definition(name) };
  readonly byKind: SchemaLookup = { get: (key) => this.ofKind(key) };
  private readonly bit: number;
  private readonly kindSchemas = new ByApiVersionAndKind((key) => this.ofKind(key));

  constructor(
    readonly version: string,
    private readonly index: DefinitionsIndex,
  ) {
    this.bit = 1 << index.versions.indexOf(version);
  }

  schemaOfKind(apiVersion: string, kind: string): Schema | undefined {
    return this.kindSchemas.get(apiVersion, kind);
  }

  private definition(name: string): Schema | undefined {
    const variants = Object.hasOwn(this.index.definitions, name) ? this.index.definitions[name]! : [];
    for (let at = 0; at < variants.length; at += 3) {
      if (variants[at]! & this.bit) return variantSchema(variants[at + 1]!, variants[at + 2]!);
    }
    return undefined;
  }

  private ofKind(key: string): Schema | undefined {
    const entry = Object.hasOwn(this.index.kinds, key) ? this.index.kinds[key]! : undefined;
    if (typeof entry === 'string') return this.definition(entry);
    for (let at = 0; entry && at < entry.length; at += 2) {
      if ((entry[at] as number) & this.bit) return this.definition(entry[at + 1] as string);
    }
    return undefined;
  }
}

const cache = new Map<string, ApiDefinitions>();
const nearestFullVersions = new Map<string, string>();

/** The release with full definitions nearest to `version` (the oldest or newest vendored outside the range). */
export function nearestFullVersion(version: string): string {
  definitionsIndex ??= JSON.parse(readData('definitions-index.json')) as DefinitionsIndex;
  return clampKubernetesVersion(version, definitionsIndex.versions);
}

export function definitionsFor(version: string): ApiDefinitions {
  // Asked by rules' create, once per file: the release for a target version is looked up once.
  let release = nearestFullVersions.get(version);
  if (release === undefined) nearestFullVersions.set(version, (release = nearestFullVersion(version)));
  let api = cache.get(release);
  if (!api) cache.set(release, (api = new ReleaseDefinitions(release, definitionsIndex!)));
  return api;
}

/** Whether `apiVersion/kind` is served by release `version`, from the per-release kind lists. */
export function servedIn(apiVersionKind: string, version: string): boolean {
  return kindsData().kinds[apiVersionKind]?.includes(version) ?? false;
}

export { compareKubernetesVersions as compareVersions } from '@kubelore/core';
