#!/usr/bin/env node
// Vendors the Kubernetes OpenAPI definitions the schema plugin needs from ../shared/kubernetes-schemas
// (see data/README.md for their source). Run by hand when the source changes:
//   node packages/plugin-schema/scripts/vendor.mjs [path/to/kubernetes-schemas]
// Writes data/definitions.json (full definitions of the recent minors, descriptions dropped, identical
// definitions shared between versions), data/definitions-index.json (where each is in it) and
// data/kinds.json (which group/version/kind exists in which release, for every release in the source).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitionsIndex } from './definitions-index.mjs';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = process.argv[2] ?? join(PACKAGE, '../../../shared/kubernetes-schemas');
const FULL_SINCE = [1, 30];

// Only what validation reads; descriptions and patch hints are most of the size.
const KEEP = new Set([
  'properties', 'type', 'required', 'items', '$ref', 'additionalProperties', 'enum', 'format', 'allOf', 'anyOf', 'oneOf',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-group-version-kind', 'x-kubernetes-embedded-resource',
]);

function compact(schema) {
  if (Array.isArray(schema)) return schema.map(compact);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEEP.has(key)) continue;
    // `properties` maps field names to schemas: keep every name. Values that are data, not schemas, stay whole.
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, compact(s)]));
    else if (key === 'x-kubernetes-group-version-kind' || key === 'enum' || key === 'required') out[key] = value;
    else out[key] = compact(value);
  }
  return out;
}

// The OpenAPI definitions of a release hold every group/version its API server can be configured to
// serve, and some stopped being served by default a few releases before their definitions were deleted
// (`--runtime-config` could turn them back on). kinds.json answers "does a cluster of this release serve
// it", so these releases are taken out. Source: the Kubernetes Deprecated API Migration Guide, section
// v1.16 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-16), and "Deprecated APIs
// Removed In 1.16" (https://kubernetes.io/blog/2019/07/18/api-deprecations-in-1-16/): in 1.16 every kind
// of apps/v1beta1 and apps/v1beta2, and extensions/v1beta1 DaemonSet, Deployment, ReplicaSet,
// NetworkPolicy and PodSecurityPolicy (with their lists, Scale and DeploymentRollback) stopped being
// served; their definitions stayed until 1.18. extensions/v1beta1 Ingress was served until 1.22.
const META_KINDS = new Set(['DeleteOptions', 'WatchEvent']);
const NOT_SERVED_BY_DEFAULT = [
  { since: [1, 16], matches: (apiVersion, kind) => (apiVersion === 'apps/v1beta1' || apiVersion === 'apps/v1beta2') && !META_KINDS.has(kind) },
  { since: [1, 16], matches: (apiVersion, kind) => apiVersion === 'extensions/v1beta1' && !META_KINDS.has(kind) && kind !== 'Ingress' && kind !== 'IngressList' },
];

function servedByDefault(apiVersion, kind, minor) {
  return !NOT_SERVED_BY_DEFAULT.some((rule) => (minor[0] > rule.since[0] || (minor[0] === rule.since[0] && minor[1] >= rule.since[1])) && rule.matches(apiVersion, kind));
}

const files = readdirSync(SOURCE)
  .map((file) => /^v(\d+)\.(\d+)\.0\.json$/.exec(file))
  .filter(Boolean)
  .map((match) => ({ file: match[0], version: `${match[1]}.${match[2]}`, minor: [Number(match[1]), Number(match[2])] }))
  .sort((a, b) => a.minor[0] - b.minor[0] || a.minor[1] - b.minor[1]);

const kinds = {};
const definitions = {};
const fullVersions = [];
for (const { file, version, minor } of files) {
  const defs = JSON.parse(readFileSync(join(SOURCE, file), 'utf8')).definitions;
  for (const [name, schema] of Object.entries(defs)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (servedByDefault(apiVersion, gvk.kind, minor)) (kinds[`${apiVersion}/${gvk.kind}`] ??= []).push(version);
    }
  }
  if (minor[0] === FULL_SINCE[0] && minor[1] < FULL_SINCE[1]) continue;
  fullVersions.push(version);
  for (const [name, schema] of Object.entries(defs)) {
    const text = JSON.stringify(compact(schema));
    const variants = (definitions[name] ??= []);
    const same = variants.find((variant) => variant.text === text);
    if (same) same.versions.push(version);
    else variants.push({ versions: [version], text });
  }
}

const allVersions = files.map((f) => f.version);
writeFileSync(
  join(PACKAGE, 'data/kinds.json'),
  `${JSON.stringify({ versions: allVersions, kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b))) })}\n`,
);
const out = {
  versions: fullVersions,
  definitions: Object.fromEntries(
    Object.entries(definitions)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, variants]) => [name, variants.map((v) => ({ v: v.versions, s: JSON.parse(v.text) }))]),
  ),
};
writeFileSync(join(PACKAGE, 'data/definitions.json'), `${JSON.stringify(out)}\n`);
writeFileSync(join(PACKAGE, 'data/definitions-index.json'), `${JSON.stringify(definitionsIndex(readFileSync(join(PACKAGE, 'data/definitions.json'), 'utf8')))}\n`);
console.log(`versions with full definitions: ${fullVersions.join(', ')}; kinds known for ${allVersions.length} releases`);
