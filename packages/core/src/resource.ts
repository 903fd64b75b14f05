import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { byFilePath, type SourceFile } from './source.js';

/** One Kubernetes object of the input, with where it came from. */
export interface Resource<T = Record<string, unknown>> {
  apiVersion: string;
  kind: string;
  /** `apps` for `apps/v1`, `` for `v1`. */
  group: string;
  metadata: ObjectMeta;
  name: string | undefined;
  /** The object's namespace, the default namespace when it names none, undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** The object as parsed. Never mutated by rules. */
  object: T;
  /** Pointer to the object within its document: `''`, or `/items/3` for an item of a List. */
  pointer: string;
  source: SourceFile;
  documentIndex: number;
}

/** Kinds that live outside namespaces (built in; CRDs of the input add their own). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
  'VolumeAttachment', 'VolumeAttributesClass', 'DeviceClass', 'ResourceSlice', 'StorageVersionMigration',
  'KubeletConfiguration', 'KubeProxyConfiguration',
]);

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** `{app: api, tier: web}`: how messages show a label set or selector. */
export function describeLabels(labels: Record<string, unknown> | undefined | null): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? '{}' : `{${entries.map(([key, value]) => `${key}: ${String(value)}`).join(', ')}}`;
}

/** `a\\b.yaml` → `a/b.yaml`: paths as globs, configs and reports spell them, on every platform. */
export function toPosixPath(path: string): string {
  return path.replace(/\\/g, '/');
}

function hasPatchDirective(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPatchDirective);
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) {
    if (key === '$patch' || hasPatchDirective((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * A kustomize patch: a partial object that names the object it patches, by design. A word of its file
 * name is `patch` or `patches` (`patch.yaml`, `memory-patch.yaml`, `managerPatch.yaml`), its folder
 * has that name (kubebuilder's `config/crd/patches/`), or it holds a `$patch` directive. Words,
 * not letters: `dispatcher.yaml` is a whole object.
 */
export function isKustomizePatch(resource: Pick<Resource, 'source' | 'object'>): boolean {
  if (sourceNamesPatch(resource.source)) return true;
  return mentionsPatch(resource.source) && hasPatchDirective(resource.object);
}

const PATCH_WORDS = new Set(['patch', 'patches']);

/** Whether a word of the file name, or the name of its folder, is `patch` or `patches`. */
function pathNamesPatch(path: string): boolean {
  const parts = toPosixPath(path).split('/');
  const name = parts.pop() ?? '';
  // Only the file's own folder: a repository may sit anywhere on disk.
  if (parts.length > 0 && PATCH_WORDS.has(parts[parts.length - 1]!.toLowerCase())) return true;
  // `managerPatch` → `manager Patch`; then split on separators.
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((word) => PATCH_WORDS.has(word));
}

// Whether a file's path names a patch, once per file: the engine and several rules ask for every object,
// and splitting the path into words each time was tens of milliseconds per run.
const sourceNamesPatch = byFilePath(pathNamesPatch);

// Whether a file mentions `$patch` at all, searched once per file: a search per object would be
// quadratic in big files, and most files never mention it.
const patchMentions = new WeakMap<SourceFile, boolean>();

function mentionsPatch(source: SourceFile): boolean {
  let mentions = patchMentions.get(source);
  if (mentions === undefined) patchMentions.set(source, (mentions = source.text.includes('$patch')));
  return mentions;
}

/**
 * A test tool's assertion file: chainsaw and kuttl match the objects of `*assert*.yaml` and of
 * `errors.yaml` / `NN-errors.yaml` (kuttl) or `NN-error.yaml` (chainsaw) against the live cluster as
 * partial patterns, often with JMESPath expressions; nothing in them is applied.
 */
export function isTestAssertionFile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).replace(/\.(ya?ml|json)$/i, '');
  return /(^|[-_.])asserts?([-_.]|$)/i.test(base) || /^(\d+-)?errors?$/i.test(base) || /^\d+-errors?[-_.]/i.test(base);
}

/** API groups of test tools' own configuration (chainsaw `Test`, kuttl `TestStep`): never applied to a cluster. */
export const TEST_TOOL_GROUPS: ReadonlySet<string> = new Set(['chainsaw.kyverno.io', 'kuttl.dev']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `Deployment web/api`: how messages name an object. */
export function describeResource(resource: Pick<Resource, 'kind' | 'name' | 'namespace'>): string {
  const name = resource.name ?? '(unnamed)';
  return resource.namespace ? `${resource.kind} ${resource.namespace}/${name}` : `${resource.kind} ${name}`;
}

export interface ResourceCandidate {
  value: Record<string, unknown>;
  pointer: string;
}

/**
 * Flattens `kind: List` and `*List` objects into their items, as kubectl does, so rules only ever see
 * single objects. Returns the documents and items to model, each with its pointer in the document.
 */
export function flattenLists(value: Record<string, unknown>, pointer = ''): ResourceCandidate[] {
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    const out: ResourceCandidate[] = [];
    value.items.forEach((item, index) => {
      if (isPlainObject(item)) out.push(...flattenLists(item, `${pointer}/items/${index}`));
    });
    return out;
  }
  return [{ value, pointer }];
}

/**
 * `implied`: the type a file's name gives a document that does not state it (a kustomization file);
 * what the document states wins.
 */
export function createResource(candidate: ResourceCandidate, source: SourceFile, documentIndex: number, defaultNamespace: string, implied?: { apiVersion: string; kind: string }): Resource {
  const { value } = candidate;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : (implied?.apiVersion ?? '');
  const kind = typeof value.kind === 'string' ? value.kind : (implied?.kind ?? '');
  const metadata = (isPlainObject(value.metadata) ? value.metadata : {}) as ObjectMeta;
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const declared = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return {
    apiVersion,
    kind,
    group: groupOf(apiVersion),
    metadata,
    name,
    namespace: CLUSTER_SCOPED_KINDS.has(kind) ? undefined : declared ?? defaultNamespace,
    object: value,
    pointer: candidate.pointer,
    source,
    documentIndex,
  };
}
