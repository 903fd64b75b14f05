import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { toPosixPath } from '@kubelore/core';

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
    if (exists && !statSync(absolute).isDirectory()) {
      matches = [absolute];
      explicit = true;
    } else {
      const { globby, isDynamicPattern } = await loadGlobby();
      if (exists && !isDynamicPattern(toPosixPath(pattern))) {
        const folder = toPosixPath(relative(cwd, absolute)) || '.';
        const base = folder === '.' ? '' : `${folder}/`;
        matches = await globby(`${base}**/*.{${MANIFEST_EXTENSIONS.join(',')}}`, { cwd, gitignore: options.gitignore !== false, ignore, dot: false, absolute: true });
      } else {
        matches = await globby(toPosixPath(pattern), { cwd, gitignore: options.gitignore !== false, ignore, absolute: true });
      }
    }
    if (matches.length === 0 && options.errorOnUnmatchedPattern !== false) {
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
  return [...found].sort();
}

/** Does this text look like it holds Kubernetes objects at all? Used to skip unrelated YAML/JSON found in folders. */
export function mentionsKind(text: string): boolean {
  return /^[ \t-]*["']?kind["']?\s*:/m.test(text) || /"kind"\s*:/.test(text);
}
