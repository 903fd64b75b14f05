import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isPlainObject, isRemoteEntry } from '@kubelore/core';
import { KUSTOMIZATION_FILES, parseSourceFile } from '@kubelore/core/internal';
import type { SourceFile } from '@kubelore/core';
import { findExecutable, runTool, toolMessage } from './tool.js';

export function kustomizationFileIn(folder: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const path = join(folder, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** A patch's `target` (kustomize's selector). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Where a patch's text is: its own file, or a string inside a kustomization. */
export interface PatchText {
  /** Absolute path of the file that holds the text (the patch file, or the kustomization for inline patches). */
  file: string;
  /** For an inline patch: the pointer of the string in the kustomization's document. */
  inlinePointer?: string;
  text: string;
}

export interface Patch extends PatchText {
  type: 'strategic-merge' | 'json6902';
  target?: PatchTarget;
  /** The kustomization whose objects it patches (for a component: the kustomization that includes it). */
  scope: KustomizationNode;
}

export interface KustomizationNode {
  folder: string;
  file: string;
  kind: string;
  value: Record<string, unknown>;
  source: SourceFile;
  /** Folders of kustomizations listed in resources/bases, and components, in order. */
  children: KustomizationNode[];
  components: KustomizationNode[];
  /** Plain resource files listed (absolute). */
  resourceFiles: string[];
}

export interface KustomizeProblem {
  file: string;
  pointer: string;
  message: string;
  kind: 'remote' | 'invalid';
}

/** A kustomization and everything it brings in, read from disk. */
export interface KustomizationTree {
  root: KustomizationNode;
  nodes: KustomizationNode[];
  /** Every local file the build reads: kustomizations, resources, patches, generator sources. */
  files: Set<string>;
  /** Patches in the order kustomize applies them (inner kustomizations first). */
  patches: Patch[];
  /** Remote entries and unreadable kustomizations: the tree is not rendered when there are any. */
  problems: KustomizeProblem[];
}

function stringList(value: unknown): Array<{ entry: string; index: number }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => (typeof entry === 'string' && entry !== '' ? [{ entry, index }] : []));
}

function asTarget(value: unknown): PatchTarget | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: PatchTarget = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    if (typeof value[key] === 'string') out[key] = value[key] as string;
  }
  return out;
}

/** JSON 6902 patches are lists of operations; everything else kustomize treats as strategic merge. */
export function looksLikeJson6902(text: string): boolean {
  const trimmed = text.replace(/^(\s*#[^\n]*\n)*/, '').trimStart();
  return trimmed.startsWith('[') || /^-\s+(?:op|path|"op"|"path")\s*:/m.test(trimmed.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? '');
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads a kustomization and, recursively, the local kustomizations it lists: what it renders from, and
 * its patches in application order. Nothing is fetched: a remote entry is recorded as a problem.
 */
export function readKustomizationTree(folder: string): KustomizationTree {
  const files = new Set<string>();
  const patches: Patch[] = [];
  const problems: KustomizeProblem[] = [];
  const nodes: KustomizationNode[] = [];
  const byFolder = new Map<string, KustomizationNode | null>();

  const read = (dir: string, includer: KustomizationNode | undefined): KustomizationNode | undefined => {
    const known = byFolder.get(dir);
    if (known !== undefined) return known ?? undefined; // null: being read (a cycle) — kustomize refuses it
    const file = kustomizationFileIn(dir);
    if (!file) return undefined;
    byFolder.set(dir, null);
    const text = readText(file) ?? '';
    const source = parseSourceFile(file, text);
    const value = source.documents[0]?.value;
    const node: KustomizationNode = {
      folder: dir,
      file,
      kind: isPlainObject(value) && typeof value.kind === 'string' ? value.kind : 'Kustomization',
      value: isPlainObject(value) ? value : {},
      source,
      children: [],
      components: [],
      resourceFiles: [],
    };
    files.add(file);
    nodes.push(node);
    const scope = node.kind === 'Component' && includer ? includer : node;
    const entries = (field: string) => stringList(node.value[field]).map(({ entry, index }) => ({ entry, pointer: `/${field}/${index}` }));
    for (const field of ['resources', 'bases', 'components']) {
      for (const { entry, pointer } of entries(field)) {
        if (isRemoteEntry(entry)) {
          problems.push({ file, pointer, message: `"${entry}" is a remote ${field === 'components' ? 'component' : 'resource'}: kubelore does not fetch it, so this kustomization was not rendered. Vendor it into the repository to lint it.`, kind: 'remote' });
          continue;
        }
        const target = resolve(dir, entry);
        let isDirectory = false;
        try {
          isDirectory = statSync(target).isDirectory();
        } catch {
          // Missing: kustomize says so when it renders.
        }
        if (isDirectory) {
          const child = read(target, node);
          if (!child) continue;
          if (field === 'components') node.components.push(child);
          else node.children.push(child);
        } else {
          files.add(target);
          node.resourceFiles.push(target);
        }
      }
    }
    // Patches of this kustomization, after those of what it includes (that is the order kustomize applies them).
    const patchText = (entry: unknown, pointer: string): PatchText | undefined => {
      if (!isPlainObject(entry)) return undefined;
      if (typeof entry.path === 'string') {
        const path = resolve(dir, entry.path);
        files.add(path);
        const text = readText(path);
        return text === undefined ? undefined : { file: path, text };
      }
      if (typeof entry.patch === 'string') return { file, inlinePointer: `${pointer}/patch`, text: entry.patch };
      return undefined;
    };
    (Array.isArray(node.value.patches) ? node.value.patches : []).forEach((entry, index) => {
      const text = patchText(entry, `/patches/${index}`);
      if (!text) return;
      patches.push({ ...text, type: looksLikeJson6902(text.text) ? 'json6902' : 'strategic-merge', target: asTarget((entry as Record<string, unknown>).target), scope });
    });
    (Array.isArray(node.value.patchesStrategicMerge) ? node.value.patchesStrategicMerge : []).forEach((entry, index) => {
      if (typeof entry !== 'string') return;
      // An entry is a file name, or (kustomize allows it) the patch itself.
      const path = resolve(dir, entry);
      if (!entry.includes('\n') && existsSync(path)) {
        files.add(path);
        patches.push({ file: path, text: readText(path) ?? '', type: 'strategic-merge', scope });
      } else {
        patches.push({ file, inlinePointer: `/patchesStrategicMerge/${index}`, text: entry, type: 'strategic-merge', scope });
      }
    });
    (Array.isArray(node.value.patchesJson6902) ? node.value.patchesJson6902 : []).forEach((entry, index) => {
      const text = patchText(entry, `/patchesJson6902/${index}`);
      if (text) patches.push({ ...text, type: 'json6902', target: asTarget((entry as Record<string, unknown>).target), scope });
    });
    // Files generators and other fields read, so that they are not also linted on their own.
    for (const field of ['configMapGenerator', 'secretGenerator']) {
      for (const generator of Array.isArray(node.value[field]) ? node.value[field] : []) {
        if (!isPlainObject(generator)) continue;
        for (const { entry } of [...stringList(generator.files), ...stringList(generator.envs), ...(typeof generator.env === 'string' ? [{ entry: generator.env }] : [])]) {
          const path = entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry;
          files.add(resolve(dir, path));
        }
      }
    }
    for (const field of ['crds', 'configurations', 'generators', 'transformers', 'validators']) {
      for (const { entry } of stringList(node.value[field])) if (!entry.includes('\n') && !isRemoteEntry(entry)) files.add(resolve(dir, entry));
    }
    for (const entry of Array.isArray(node.value.replacements) ? node.value.replacements : []) {
      if (isPlainObject(entry) && typeof entry.path === 'string') files.add(resolve(dir, entry.path));
    }
    byFolder.set(dir, node);
    return node;
  };

  const root = read(resolve(folder), undefined);
  if (!root) throw new Error(`no kustomization in ${folder}`);
  return { root, nodes, files, patches, problems };
}

/** How kustomize is run here: `kustomize build` when on PATH, else `kubectl kustomize`, else none. */
export function kustomizeCommand(): { command: string; args: string[]; name: string } | undefined {
  const kustomize = findExecutable('kustomize');
  if (kustomize) return { command: kustomize, args: ['build'], name: 'kustomize build' };
  const kubectl = findExecutable('kubectl');
  if (kubectl) return { command: kubectl, args: ['kustomize'], name: 'kubectl kustomize' };
  return undefined;
}

export interface KustomizeBuild {
  /** The rendered objects, `config.kubernetes.io/origin` annotations included. */
  text?: string;
  /** The tool's message when it failed (first line, data masked, temporary paths replaced). */
  error?: string;
  /** The folder origin paths are relative to. */
  base: string;
}

/**
 * Renders a kustomization with origin annotations without touching the user's files: a temporary
 * kustomization lists the user's folder as its one resource and asks for `buildMetadata: [originAnnotations]`.
 * Load restrictions stay kustomize's defaults; plugins and exec functions stay off.
 */
export async function buildKustomization(folder: string, tool: { command: string; args: string[] }, displayFolder: string): Promise<KustomizeBuild> {
  const wrapper = await mkdtemp(join(tmpdir(), 'kubelore-kustomize-'));
  try {
    const target = relative(wrapper, folder).split('\\').join('/');
    if (isAbsolute(target)) return { base: wrapper, error: `cannot reach ${displayFolder} from a temporary folder (another drive?)` };
    // Components cannot be resources; they are included with `components`.
    const field = readKind(folder) === 'Component' ? 'components' : 'resources';
    await writeFile(join(wrapper, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${field}:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    const run = await runTool(tool.command, [...tool.args, wrapper], wrapper);
    if (run.spawnError) return { base: wrapper, error: run.spawnError };
    if (run.code !== 0) {
      const replacements: Array<[string, string]> = [
        [`${wrapper}/${target}`, displayFolder],
        [target, displayFolder],
        [resolve(folder), displayFolder],
        [wrapper, '<kubelore temporary folder>'],
      ];
      return { base: wrapper, error: toolMessage(run.stderr, replacements) || `exited with code ${run.code}` };
    }
    return { base: wrapper, text: run.stdout };
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
}

function readKind(folder: string): string | undefined {
  const file = kustomizationFileIn(folder);
  const text = file ? readText(file) : undefined;
  return text ? /^kind:\s*["']?(\w+)/m.exec(text)?.[1] : undefined;
}

export function folderOf(path: string): string {
  return dirname(path);
}
