import { isKustomizePatch, type Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';
import { byFilePath } from './source.js';

/**
 * What kubelore knows of kustomize's files, in one place for the engine, the rules and the CLI: which
 * files are kustomizations, which entries are remote, and which files the input's kustomizations name as
 * patches. A patch holds only what it changes in a base, whatever its file is called
 * (`overlays/prod/replicas.yaml` under `patches:`), so rules must not judge what it leaves out.
 */

/** The names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether a file is a kustomization by its name. */
export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
}

/** A remote base or resource (`https://…`, `github.com/…`, `git@…`, `…?ref=…`): never a local file. */
export function isRemoteEntry(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(?:git@|github\.com[/:]|gitlab\.com[/:]|bitbucket\.org[/:])/.test(entry) || /\?ref=|\/\/.*\?/.test(entry);
}

const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
const KUSTOMIZE_KINDS = new Set(['Kustomization', 'Component']);

/** `a\\b/../c/./d` to `a/c/d`, keeping leading `..` and a leading `/`. */
export function normalizePath(path: string): string {
  const posix = path.replace(/\\/g, '/');
  const absolute = posix.startsWith('/');
  const out: string[] = [];
  for (const part of posix.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function isKustomization(resource: Resource): boolean {
  return resource.group === KUSTOMIZE_GROUP && KUSTOMIZE_KINDS.has(resource.kind);
}

/** The files a kustomization names under `patches`, `patchesStrategicMerge` and `patchesJson6902`, as the input spells paths. */
export function patchFilesOf(kustomization: Resource): string[] {
  const path = normalizePath(kustomization.source.path);
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const { patches, patchesStrategicMerge, patchesJson6902 } = kustomization.object;
  const entries: string[] = [];
  // patchesStrategicMerge entries are file paths or inline patches (text with a newline or a colon).
  if (Array.isArray(patchesStrategicMerge)) for (const entry of patchesStrategicMerge) if (typeof entry === 'string' && !/[\n:]/.test(entry)) entries.push(entry);
  for (const list of [patches, patchesJson6902]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const file = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).path : undefined;
      if (typeof file === 'string' && file !== '' && !isRemoteEntry(file)) entries.push(file);
    }
  }
  return entries.map((entry) => normalizePath(folder === '' ? entry : `${folder}/${entry}`));
}

/** Whether a kustomization of the input names the object's file as a patch (the table built once per run). */
export function isListedPatch(index: ResourceIndex, resource: Pick<Resource, 'source'>): boolean {
  const files = index.memo('core:kustomize-patch-files', () => {
    const set = new Set<string>();
    for (const candidate of index.resources) if (isKustomization(candidate)) for (const file of patchFilesOf(candidate)) set.add(file);
    return set;
  });
  return files.size > 0 && files.has(normalizedPathOf(resource.source));
}

// A file's normalised path, once per file: isListedPatch is asked for every object.
const normalizedPathOf = byFilePath(normalizePath);

/** A kustomize patch by its name or content (`isKustomizePatch`), or one a kustomization of the input lists. */
export function isPatchInInput(index: ResourceIndex, resource: Pick<Resource, 'source' | 'object'>): boolean {
  return isKustomizePatch(resource) || isListedPatch(index, resource);
}
