import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isScalar, parseAllDocuments } from 'yaml';
import { isPlainObject, joinPointer, parsePointer, type LintMessage, type Resource, type SourceFile, type SourceRange } from '@kubelore/core';
import { modelResources, nodeAtPointer, parseSourceFile } from '@kubelore/core/internal';
import type { KustomizationTree, Patch, PatchTarget } from './kustomize.js';

/** Where a finding on a rendered object is shown: a file the user edits, and a place in it. */
export interface Relocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The document in that file holding the object (for `resource.document`). */
  document?: number;
}

export type Locator = (message: LintMessage) => Relocation;

/** Source files read to map findings, parsed once per run. */
export class SourceCache {
  private readonly files = new Map<string, SourceFile | null>();
  private readonly modelled = new Map<SourceFile, Resource[]>();

  get(path: string): SourceFile | undefined {
    let file = this.files.get(path);
    if (file === undefined) {
      try {
        file = parseSourceFile(path, readFileSync(path, 'utf8'));
      } catch {
        file = null;
      }
      this.files.set(path, file);
    }
    return file ?? undefined;
  }

  /** A source parsed from text that is not a file of its own (an inline patch). */
  parseText(key: string, text: string): SourceFile {
    let file = this.files.get(key);
    if (!file) this.files.set(key, (file = parseSourceFile(key, text)));
    return file;
  }

  resources(source: SourceFile): Resource[] {
    let list = this.modelled.get(source);
    if (!list) this.modelled.set(source, (list = modelResources(source, 'default').resources));
    return list;
  }
}

export function rangeAt(file: string, range: Pick<SourceRange, 'line' | 'column' | 'endLine' | 'endColumn'>, document?: number): Relocation {
  return { file, line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn, ...(document !== undefined ? { document } : {}) };
}

export function fileStart(file: string): Relocation {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface KustomizeOrigin {
  path?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string; name?: string };
  repo?: string;
}

/**
 * Takes kustomize's origin annotations off the rendered objects (rules must not see them) and returns
 * the text to lint, document for document, with each document's origin.
 */
export function stripOrigins(text: string): { text: string; origins: Array<KustomizeOrigin | undefined> } {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const origins: Array<KustomizeOrigin | undefined> = [];
  const parts: string[] = [];
  for (const document of list) {
    if (document.contents === null) continue;
    const raw = document.getIn(['metadata', 'annotations', ORIGIN_ANNOTATION]);
    let origin: KustomizeOrigin | undefined;
    if (typeof raw === 'string') {
      try {
        const parsed = parseAllDocuments(raw);
        const value = (Array.isArray(parsed) ? parsed[0] : parsed)?.toJS();
        if (isPlainObject(value)) origin = value as KustomizeOrigin;
      } catch {
        // Not readable: the object is reported on the kustomization.
      }
      document.deleteIn(['metadata', 'annotations', ORIGIN_ANNOTATION]);
      const annotations = document.getIn(['metadata', 'annotations']) as { items?: unknown[] } | undefined;
      if (annotations && Array.isArray(annotations.items) && annotations.items.length === 0) document.deleteIn(['metadata', 'annotations']);
    }
    origins.push(origin);
    parts.push(document.toString({ lineWidth: 0 }).replace(/^---[ \t]*\r?\n/, ''));
  }
  return { text: parts.map((part) => `---\n${part}`).join(''), origins };
}

// Keys strategic merge uses to match list items (containers, env, ports, volumes, mounts, ...).
const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey', 'port', 'type', 'key'];

function matchIndex(element: unknown, list: unknown[], index: number): number {
  if (isPlainObject(element)) {
    for (const key of MERGE_KEYS) {
      if (element[key] === undefined || typeof element[key] === 'object') continue;
      return list.findIndex((item) => isPlainObject(item) && item[key] === element[key]);
    }
    return index < list.length ? index : -1;
  }
  if (element !== undefined) {
    const same = list.indexOf(element);
    if (same !== -1) return same;
  }
  return index < list.length ? index : -1;
}

export interface Hold {
  /** The pointer as it is in the other value (list items matched by merge key). */
  pointer: string;
  /** How many segments of the pointer the other value holds. */
  depth: number;
  complete: boolean;
  /** The value found at the full pointer (when complete). */
  value?: unknown;
}

/**
 * How much of a pointer into `rendered` another value (a source object, a patch) holds: list items are
 * matched by merge key (`name`, `containerPort`, ...) as strategic merge does, else by position.
 */
export function holdOf(rendered: unknown, other: unknown, segments: readonly string[]): Hold {
  let r: unknown = rendered;
  let o: unknown = other;
  const out: string[] = [];
  for (const segment of segments) {
    if (Array.isArray(o)) {
      if (!/^\d+$/.test(segment) && segment !== '-') break;
      const renderedList = Array.isArray(r) ? r : [];
      const index = segment === '-' ? renderedList.length - 1 : Number(segment);
      const element = renderedList[index];
      const j = matchIndex(element, o, index);
      if (j < 0) break;
      out.push(String(j));
      r = element;
      o = o[j];
    } else if (isPlainObject(o)) {
      if (!(segment in o)) break;
      out.push(segment);
      r = isPlainObject(r) ? r[segment] : undefined;
      o = o[segment];
    } else break;
  }
  const complete = out.length === segments.length;
  return { pointer: joinPointer('', ...out), depth: out.length, complete, ...(complete ? { value: o } : {}) };
}

function valueAtSegments(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[segment === '-' ? current.length - 1 : Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

function fullMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === value) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** kustomize's label and annotation selectors, the equality forms; set-based forms are taken as matching. */
function selectorMatches(selector: string | undefined, values: Record<string, unknown> | undefined): boolean {
  if (!selector) return true;
  for (const requirement of selector.split(',').map((part) => part.trim()).filter(Boolean)) {
    const equality = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (equality) {
      const actual = values?.[equality[1]!];
      if ((equality[2] === '!=') === (actual === equality[3])) return false;
    } else if (/^!?[\w./-]+$/.test(requirement)) {
      const has = values !== undefined && requirement.replace(/^!/, '') in values;
      if (has === requirement.startsWith('!')) return false;
    }
  }
  return true;
}

export function targetMatches(target: PatchTarget, object: Record<string, unknown>, names: readonly string[]): boolean {
  const metadata = isPlainObject(object.metadata) ? object.metadata : {};
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (target.kind !== undefined && !fullMatch(target.kind, object.kind as string)) return false;
  if (target.group !== undefined && target.group !== group) return false;
  if (target.version !== undefined && target.version !== version) return false;
  if (target.name !== undefined && !names.some((name) => fullMatch(target.name!, name))) return false;
  if (target.namespace !== undefined && !fullMatch(target.namespace, (metadata.namespace as string | undefined) ?? 'default')) return false;
  if (!selectorMatches(target.labelSelector, metadata.labels as Record<string, unknown> | undefined)) return false;
  return selectorMatches(target.annotationSelector, metadata.annotations as Record<string, unknown> | undefined);
}

/** A patch's text as a source, with a way back to the file (inline patches live inside a kustomization). */
function patchSource(patch: Patch, cache: SourceCache): { source: SourceFile; toFile: (range: SourceRange) => Relocation } | undefined {
  if (patch.inlinePointer === undefined) {
    const source = cache.get(patch.file);
    return source ? { source, toFile: (range) => rangeAt(patch.file, range) } : undefined;
  }
  const outer = cache.get(patch.file);
  if (!outer) return undefined;
  const source = cache.parseText(`${patch.file}#${patch.inlinePointer}`, patch.text);
  const document = outer.documents[0];
  const found = document ? nodeAtPointer(document.yaml, patch.inlinePointer) : undefined;
  const node = found?.complete ? found.node : undefined;
  const whole = outer.locate(0, patch.inlinePointer);
  // A literal block (`|`) holds the patch line for line, indented: lines and columns shift by a constant.
  if (node && isScalar(node) && node.type === 'BLOCK_LITERAL' && node.range) {
    const header = outer.text.indexOf('\n', node.range[0]);
    if (header !== -1) {
      const contentStart = header + 1;
      const indent = /^[ ]*/.exec(outer.text.slice(contentStart))![0].length;
      const firstLine = outer.lineCounter.linePos(contentStart).line;
      return {
        source,
        toFile: (range) => ({
          file: patch.file,
          line: firstLine + range.line - 1,
          column: indent + range.column,
          endLine: firstLine + range.endLine - 1,
          endColumn: indent + range.endColumn,
        }),
      };
    }
  }
  return { source, toFile: () => rangeAt(patch.file, whole) };
}

interface Candidate {
  depth: number;
  complete: boolean;
  /** A patch that sets the value itself (not only a path through it). */
  sets: boolean;
  locate: () => Relocation;
}

type Target = 'key' | 'value';

function patchCandidates(patch: Patch, rendered: Record<string, unknown>, names: readonly string[], segments: readonly string[], at: Target, cache: SourceCache): Candidate[] {
  const located = patchSource(patch, cache);
  if (!located) return [];
  const { source, toFile } = located;
  const out: Candidate[] = [];
  if (patch.type === 'json6902') {
    if (patch.target && !targetMatches(patch.target, rendered, names)) return [];
    const operations = source.documents[0]?.value;
    if (!Array.isArray(operations)) return [];
    operations.forEach((operation, index) => {
      if (!isPlainObject(operation) || (operation.op !== 'add' && operation.op !== 'replace') || typeof operation.path !== 'string') return;
      let path: string[];
      try {
        path = parsePointer(operation.path);
      } catch {
        return;
      }
      const shared = Math.min(path.length, segments.length);
      for (let k = 0; k < shared; k++) if (path[k] !== segments[k] && !(path[k] === '-' && /^\d+$/.test(segments[k]!))) return;
      if (path.length > segments.length) {
        // The operation sets something inside the field: it holds the whole pointer, without setting it.
        out.push({ depth: segments.length, complete: false, sets: false, locate: () => toFile(source.locate(0, `/${index}/path`)) });
        return;
      }
      const rest = segments.slice(path.length);
      const hold = holdOf(valueAtSegments(rendered, segments.slice(0, path.length)), operation.value, rest);
      out.push({
        depth: path.length + hold.depth,
        complete: hold.complete,
        sets: hold.complete,
        locate: () => toFile(rest.length === 0 ? source.locate(0, `/${index}/path`) : source.locate(0, joinPointer(`/${index}/value`) + hold.pointer, at)),
      });
    });
    return out;
  }
  for (const document of source.documents) {
    const value = document.value;
    if (!isPlainObject(value)) continue;
    if (patch.target) {
      if (!targetMatches(patch.target, rendered, names)) continue;
    } else {
      const metadata = isPlainObject(value.metadata) ? value.metadata : {};
      if (value.kind !== rendered.kind || !names.includes(metadata.name as string)) continue;
    }
    const hold = holdOf(rendered, value, segments);
    const leaf = hold.complete ? hold.value : undefined;
    const renderedLeaf = valueAtSegments(rendered, segments);
    const sets = hold.complete && leaf !== null && typeof leaf !== 'object' && String(leaf) === String(renderedLeaf);
    out.push({ depth: hold.depth, complete: hold.complete, sets, locate: () => toFile(source.locate(document.index, hold.pointer, at)) });
  }
  return out;
}

/** The object in a source file that a rendered object came from: same kind, and the name, or a name it contains. */
export function findSourceObject(resources: readonly Resource[], rendered: Record<string, unknown>): Resource | undefined {
  const kind = rendered.kind;
  const metadata = isPlainObject(rendered.metadata) ? rendered.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const sameKind = resources.filter((resource) => resource.kind === kind);
  return (
    sameKind.find((resource) => resource.name === name) ??
    sameKind.filter((resource) => resource.name !== undefined && name.includes(resource.name)).sort((a, b) => b.name!.length - a.name!.length)[0] ??
    sameKind[0] ??
    resources[0]
  );
}

export interface KustomizeMapping {
  tree: KustomizationTree;
  /** The folder origin paths are relative to. */
  base: string;
  origins: ReadonlyArray<KustomizeOrigin | undefined>;
  /** The rendered text as linted (origins stripped), to tell a finding at a key from one at a value. */
  rendered: SourceFile;
  cache: SourceCache;
}

/** Whether a message on the rendered text stands at the key of its pointer (rules may ask for the key). */
export function targetOf(message: LintMessage, rendered: SourceFile): Target {
  if (!message.resource || message.path === undefined) return 'value';
  const key = rendered.locate(message.resource.document, message.path, 'key');
  const value = rendered.locate(message.resource.document, message.path, 'value');
  return key.line === message.line && key.column === message.column && (value.line !== key.line || value.column !== key.column) ? 'key' : 'value';
}

/**
 * Maps a finding on a rendered object back to what people edit: the file the object came from (by its
 * origin annotation), at the same field (list items matched by merge key), unless a patch sets that field,
 * then the patch (strategic merge: the same field in the patch; JSON 6902: the operation's path). Objects
 * that only generators make are reported at the generator's entry in the kustomization.
 */
export function kustomizeLocator(mapping: KustomizeMapping): Locator {
  const { tree, base, origins, rendered, cache } = mapping;
  const rootStart = fileStart(tree.root.file);
  return (message) => {
    const ref = message.resource;
    if (!ref) return rootStart;
    const value = rendered.documents[ref.document]?.value;
    const origin = origins[ref.document];
    if (!isPlainObject(value) || !origin) return rootStart;
    let segments: string[];
    try {
      segments = parsePointer(message.path ?? '');
    } catch {
      segments = [];
    }
    const at = targetOf(message, rendered);
    if (origin.path !== undefined && origin.repo === undefined) {
      const file = resolve(base, origin.path);
      const source = cache.get(file);
      const sourceObject = source ? findSourceObject(cache.resources(source), value) : undefined;
      const renderedName = isPlainObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';
      const names = [renderedName, ...(sourceObject?.name !== undefined ? [sourceObject.name] : [])];
      const sourceHold = sourceObject ? holdOf(value, sourceObject.object, segments) : undefined;
      const sourceCandidate: Candidate | undefined =
        source && sourceObject && sourceHold
          ? { depth: sourceHold.depth, complete: sourceHold.complete, sets: false, locate: () => rangeAt(file, source.locate(sourceObject.documentIndex, sourceObject.pointer + sourceHold.pointer, at), sourceObject.documentIndex) }
          : undefined;
      const patches = tree.patches.filter((patch) => inScope(patch, file));
      const candidates = patches.flatMap((patch) => patchCandidates(patch, value, names, segments, at, cache));
      const setter = candidates.filter((candidate) => candidate.sets).pop();
      if (setter) return setter.locate();
      if (sourceCandidate?.complete) return sourceCandidate.locate();
      const sourceDepth = sourceCandidate?.depth ?? -1;
      let best: Candidate | undefined;
      for (const candidate of candidates) if (candidate.depth > sourceDepth && (!best || candidate.depth >= best.depth)) best = candidate;
      if (best) return best.locate();
      if (sourceCandidate) return sourceCandidate.locate();
      return source ? fileStart(file) : rootStart;
    }
    if (origin.configuredIn !== undefined) return generatorLocation(resolve(base, origin.configuredIn), origin, value, segments, cache) ?? rootStart;
    return rootStart;
  };
}

function inScope(patch: Patch, file: string): boolean {
  const visit = (node: Patch['scope'], seen: Set<Patch['scope']>): boolean => {
    if (seen.has(node)) return false;
    seen.add(node);
    if (node.resourceFiles.includes(file)) return true;
    return [...node.children, ...node.components].some((child) => visit(child, seen));
  };
  return visit(patch.scope, new Set());
}

const GENERATOR_FIELDS: Record<string, string> = { ConfigMapGenerator: 'configMapGenerator', SecretGenerator: 'secretGenerator' };

/** A generated object's finding: at the generator's entry, or at the literal or file that makes the key. */
function generatorLocation(file: string, origin: KustomizeOrigin, rendered: Record<string, unknown>, segments: readonly string[], cache: SourceCache): Relocation | undefined {
  const source = cache.get(file);
  if (!source) return undefined;
  const field = GENERATOR_FIELDS[origin.configuredBy?.kind ?? ''];
  const kustomization = source.documents[0]?.value;
  if (!field || !isPlainObject(kustomization) || !Array.isArray(kustomization[field])) return rangeAt(file, source.locate(0, ''), 0);
  const name = isPlainObject(rendered.metadata) && typeof rendered.metadata.name === 'string' ? rendered.metadata.name : '';
  const entries = kustomization[field] as unknown[];
  let index = -1;
  entries.forEach((entry, at) => {
    if (!isPlainObject(entry) || typeof entry.name !== 'string' || !name.includes(entry.name)) return;
    if (index === -1 || (entries[index] as { name: string }).name.length < entry.name.length) index = at;
  });
  if (index === -1) return rangeAt(file, source.locate(0, `/${field}`, 'key'), 0);
  const entry = entries[index] as Record<string, unknown>;
  let pointer = `/${field}/${index}`;
  if (segments.length >= 2 && ['data', 'stringData', 'binaryData'].includes(segments[0]!)) {
    const key = segments[1]!;
    const literals = Array.isArray(entry.literals) ? entry.literals : [];
    const files = Array.isArray(entry.files) ? entry.files : [];
    const literal = literals.findIndex((item) => typeof item === 'string' && item.split('=')[0]!.trim() === key);
    const fromFile = files.findIndex((item) => typeof item === 'string' && (item.includes('=') ? item.split('=')[0]!.trim() === key : basename(item) === key));
    if (literal !== -1) pointer += `/literals/${literal}`;
    else if (fromFile !== -1) pointer += `/files/${fromFile}`;
    else if (Array.isArray(entry.envs) && entry.envs.length > 0) pointer += '/envs';
  }
  return rangeAt(file, source.locate(0, pointer), 0);
}
