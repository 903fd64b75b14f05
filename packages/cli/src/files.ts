import { existsSync, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { toPosixPath } from '@kubelore/core';
import { canWalk, walkManifests } from './walk.js';

// globby and its dependencies take longer to load than a small lint takes to run; a pre-commit hook
// passes file names, so it is only loaded for folders and globs.
let globbyModule: Promise<typeof import('globby')> | undefined;
const loadGlobby = () => (globbyModule ??= import('globby'));

export const MANIFEST_EXTENSIONS = ['yaml', 'yml', 'json'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface FoundFile {
  path: string;
  /** True when the user named the file itself; false when found by walking a folder or a glob. */
  explicit: boolean;
  /** A folder that could not be walked: reported as a finding on it instead of linting what is under it. */
  unreadableFolder?: string;
}

export class NoFilesError extends Error {
  override name = 'NoFilesError';
}


/**
 * Expands files, folders and globs into manifest files, honouring `.gitignore`. A pattern that matches
 * nothing is an error unless `errorOnUnmatchedPattern` is off, as in ESLint.
 */
export async function findFiles(patterns: string[], cwd: string, options: { ignores?: string[]; errorOnUnmatchedPattern?: boolean; gitignore?: boolean } = {}): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  const ignore = [...ALWAYS_IGNORED, ...(options.ignores ?? [])];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let matches: string[];
    let explicit = false;
    const exists = existsSync(absolute);
    // A named link that leads nowhere (a loop, a missing target) is still a file the user named: reading
    // it gives the finding.
    const brokenLink = !exists && isSymbolicLink(absolute);
    if (brokenLink || (exists && !isFolder(absolute))) {
      matches = [absolute];
      explicit = true;
    } else if (exists && !/[*?[\]{}()!+@]/.test(pattern) && canWalk(absolute, cwd, ignore)) {
      // A folder (whose name cannot read as a glob): walked here, without globby (see walk.ts).
      let unreadable = false;
      matches = walkManifests(absolute, { cwd, ignore, gitignore: options.gitignore !== false, extensions: MANIFEST_EXTENSIONS, onUnreadable: () => (unreadable = true) });
      // As where globby stopped at a folder it could not read (walk() below): every such folder under this one is a finding.
      if (unreadable) for (const [folder, code] of unreadableFolders(absolute)) found.set(folder, { path: folder, explicit: true, unreadableFolder: code });
    } else {
      const { globby, isDynamicPattern } = await loadGlobby();
      if (exists && !isDynamicPattern(toPosixPath(pattern))) {
        const folder = toPosixPath(relative(cwd, absolute)) || '.';
        const base = folder === '.' ? '' : `${folder}/`;
        const glob = `${base}**/*.{${MANIFEST_EXTENSIONS.join(',')}}`;
        matches = await walk(() => globby(glob, { cwd, gitignore: options.gitignore !== false, ignore, dot: false, absolute: true }), (extra) => globby(glob, { cwd, gitignore: options.gitignore !== false, ignore, dot: false, absolute: true, ...extra }), absolute, found);
      } else {
        const glob = toPosixPath(pattern);
        matches = await walk(() => globby(glob, { cwd, gitignore: options.gitignore !== false, ignore, absolute: true }), (extra) => globby(glob, { cwd, gitignore: options.gitignore !== false, ignore, absolute: true, ...extra }), globBase(cwd, pattern), found);
      }
    }
    const unreadable = [...found.values()].some((file) => file.unreadableFolder !== undefined);
    if (matches.length === 0 && !unreadable && options.errorOnUnmatchedPattern !== false) {
      throw new NoFilesError(`No files matching the pattern "${pattern}" were found.`);
    }
    for (const match of matches) {
      const existing = found.get(match);
      if (!existing || explicit) found.set(match, { path: match, explicit });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Manifests read as context only: the other manifests of the folders of files named on the command line
 * (the unit `references/duplicate` calls a folder, what `kubectl apply -f dir` takes without `-R`; read
 * with one directory listing, no glob library), when `folders` is on, and whatever `patterns`
 * (`--context`) find. Files already linted are left out; the caller applies the config's ignores.
 */
export async function findContextFiles(linted: FoundFile[], patterns: string[], cwd: string, options: { folders: boolean; ignores?: string[] }): Promise<string[]> {
  const found = new Set<string>();
  const folders = options.folders ? [...new Set(linted.filter((file) => file.explicit).map((file) => dirname(file.path)))] : [];
  const extension = new RegExp(`\\.(${MANIFEST_EXTENSIONS.join('|')})$`);
  for (const folder of folders) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isFile() && !entry.name.startsWith('.') && extension.test(entry.name)) found.add(join(folder, entry.name));
    }
  }
  if (patterns.length > 0) {
    for (const file of await findFiles(patterns, cwd, { ignores: options.ignores, errorOnUnmatchedPattern: false })) found.add(file.path);
  }
  for (const file of linted) found.delete(file.path);
  return [...found].filter((path) => !NOT_MANIFESTS.test(basename(path))).sort();
}

/**
 * Names of files that are never Kubernetes objects: package managers' manifests and lockfiles, and
 * compiler and build tool configs. As context they are not even read (a package-lock.json is often
 * megabytes); named on the command line, or found in a folder that is linted, they are treated as before.
 */
const NOT_MANIFESTS = /^(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|composer\.json|(?:ts|js)config(?:[.-][^/]*)?\.json|deno\.json|lerna\.json|nx\.json|turbo\.json|renovate\.json)$/;

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A folder walk that an unreadable folder does not stop. globby stops at the first folder it cannot read
 * (and its .gitignore search reads folders outside the pattern too); then the walk is done again without
 * stopping at errors, and every unreadable folder under the pattern's base becomes an entry reported as a
 * finding (its files are not linted). Unreadable folders outside the base are not the user's question.
 */
async function walk(
  strict: () => Promise<string[]>,
  lenient: (options: { suppressErrors: true }) => Promise<string[]>,
  base: string,
  found: Map<string, FoundFile>,
): Promise<string[]> {
  try {
    return await strict();
  } catch (error) {
    if (typeof (error as { code?: unknown }).code !== 'string') throw error;
    for (const [folder, code] of unreadableFolders(base)) found.set(folder, { path: folder, explicit: true, unreadableFolder: code });
    return lenient({ suppressErrors: true });
  }
}

/** The folders under `root` (itself included) that cannot be listed, with the error code; by breadth. */
function unreadableFolders(root: string): Array<[string, string]> {
  const failed: Array<[string, string]> = [];
  const queue = [root];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    try {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') queue.push(join(folder, entry.name));
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code !== 'ENOENT' && code !== 'ENOTDIR') failed.push([folder, code]);
    }
  }
  return failed;
}

/** The folder a glob starts from: its segments before the first one with a glob character. */
function globBase(cwd: string, pattern: string): string {
  const segments = toPosixPath(pattern).split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}()!]/.test(segment)) break;
    fixed.push(segment);
  }
  return resolve(cwd, fixed.join('/') || '.');
}
