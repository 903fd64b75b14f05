import type { Resource, ResourceIndex } from '@kubelore/core';
import type { ApplyUnits } from '@kubelore/plugin-references';
import { kindsData, type Schema } from './data.js';

/** What a CustomResourceDefinition in the input declares: its group, kind and each version's schema. */
export interface CustomKind {
  crd: Resource;
  versions: Map<string, Schema | undefined>;
}

/** CRDs of the whole input by `group/Kind`, as the index read them once per run. */
export function customKinds(index: ResourceIndex): ReadonlyMap<string, CustomKind> {
  return index.customKinds() as ReadonlyMap<string, CustomKind>;
}

/**
 * Whether JSON.stringify writes two parsed values alike (same keys in the same order, and so on down),
 * without writing them: CRD schemas are large, and copies of one CRD (a chart's and an install's) agree.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // NaN and the infinities are written as null.
  if (typeof a === 'number' || typeof b === 'number') return jsonNumber(a) === jsonNumber(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== others[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function jsonNumber(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

// Whether two schemas agree, kept per pair: asked for every custom resource of the kind.
const agreement = new WeakMap<Schema, WeakMap<Schema, boolean>>();

function agree(a: Schema, b: Schema): boolean {
  if (a === b) return true;
  let known = agreement.get(a);
  if (!known) agreement.set(a, (known = new WeakMap()));
  let same = known.get(b);
  if (same === undefined) known.set(b, (same = sameJson(a, b)));
  return same;
}

/**
 * The schema a custom resource is checked against, and whether its CRD is applied with it. A CRD
 * applied with the object (same file, folder or Kustomization) wins over CRDs elsewhere in the input,
 * which may be another release of it (another sample's copy, an older install). Where the CRDs that
 * remain disagree on the version's schema, the cluster's is unknown: undefined, nothing is checked.
 */
export function customSchemaFor(resource: Resource, index: ResourceIndex, units: ApplyUnits): { schema: Schema; applied: boolean } | undefined {
  const version = resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1);
  const candidates = (index.customKindsFor(`${resource.group}/${resource.kind}`) as readonly CustomKind[]).filter((custom) => custom.versions.get(version) !== undefined);
  if (candidates.length === 0) return undefined;
  const together = candidates.filter((custom) => units.together(custom.crd, resource));
  const pool = together.length > 0 ? together : candidates;
  // One CRD cannot disagree with itself: comparing its schema (large, for many CRDs) would be wasted.
  const first = pool[0]!.versions.get(version)!;
  if (pool.length > 1 && pool.some((custom) => !agree(first, custom.versions.get(version)!))) return undefined;
  return { schema: pool[pool.length - 1]!.versions.get(version)!, applied: together.length > 0 };
}

/**
 * Kinds that a controller of the input makes CRDs for at run time, by `group/Kind`: each Gatekeeper
 * ConstraintTemplate (`templates.gatekeeper.sh`) makes the constraint kind it names in
 * `constraints.gatekeeper.sh`.
 */
export function generatedKinds(index: ResourceIndex): ReadonlySet<string> {
  return index.memo('schema/crds:generated-kinds', () => {
    const kinds = new Set<string>();
    for (const template of index.ofKind('ConstraintTemplate')) {
      if (template.group !== 'templates.gatekeeper.sh') continue;
      const names = (template.object.spec as { crd?: { spec?: { names?: { kind?: unknown } } } } | undefined)?.crd?.spec?.names;
      if (typeof names?.kind === 'string' && names.kind !== '') kinds.add(`constraints.gatekeeper.sh/${names.kind}`);
    }
    return kinds;
  });
}

// Files that components read from disk (kubelet, kubeadm, audit policy, credential plugins): Kubernetes
// groups whose kinds the API server never serves.
const COMPONENT_CONFIG_GROUPS = new Set(['kubeadm.k8s.io', 'audit.k8s.io', 'client.authentication.k8s.io', 'credentialprovider.kubelet.k8s.io', 'apiserver.k8s.io']);

export function isComponentConfigGroup(group: string): boolean {
  return group.endsWith('.config.k8s.io') || COMPONENT_CONFIG_GROUPS.has(group);
}

// Configuration files of tools that create or drive clusters, read by the tool and never applied: kind's
// `Cluster`, k3d, ctlptl, eksctl, skaffold, kpt. Like component configs they only look like API objects.
const TOOL_CONFIG_GROUPS = new Set(['kind.x-k8s.io', 'k3d.io', 'ctlptl.dev', 'eksctl.io', 'skaffold', 'kpt.dev', 'config.kubernetes.io', 'fn.kpt.dev']);

/**
 * A file a tool reads (kind's cluster config, a kubeconfig), not an object for the API server. Kustomize's
 * built-in plugins are configured with `apiVersion: builtin` (a `LabelTransformer` named under a
 * kustomization's `transformers:`).
 */
export function isToolConfig(group: string, kind: string, apiVersion = ''): boolean {
  return TOOL_CONFIG_GROUPS.has(group) || (group === '' && kind === 'Config') || apiVersion === 'builtin';
}

let builtInGroups: Set<string> | undefined;

/**
 * `apps` and `networking.k8s.io` are groups some Kubernetes release serves; `gateway.networking.k8s.io`
 * and `cert-manager.io` are CRDs, whatever their suffix. Groups without a dot are taken as Kubernetes'.
 */
export function isBuiltInGroup(group: string): boolean {
  builtInGroups ??= new Set(Object.keys(kindsData().kinds).map((key) => (key.split('/').length === 3 ? key.split('/')[0]! : '')));
  return !group.includes('.') || builtInGroups.has(group);
}
