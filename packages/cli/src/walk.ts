import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { toPosixPath } from '@kubelore/core';
import { globToRegExp } from '@kubelore/core/internal';
import ignore, { type Ignore } from 'ignore';

// Walking a folder is what most runs do (`kubelore .`, CI over a repository). globby with `gitignore: true`
// walks the tree twice (once for `**/.gitignore`, once for the manifests) and tests every path against
// every rule of every .gitignore file; on the benchmark corpus that was 20 times what reading the
// folders costs. This walk reads each folder once, picks up the .gitignore files it passes on the way
// down, and tests each entry against the rules of the .gitignore files above it only.
//
// It finds the same files as globby did (test/walk.test.ts compares the two): globby's rules for which
// .gitignore files apply (those from the repository root, the nearest folder above `cwd` holding
// `.git`, down to each file; without a repository, those from `cwd` down), the same `ignore` matcher
// globby uses, fed the same rules re-based to the repository root, and `ignore` patterns matched against
// the path from `cwd`, folders included, as fast-glob matches them. What it does not model (a folder
// outside `cwd`, negated or extended ignore patterns) goes to globby, as before: see `canWalk`.

/** The rules of one .gitignore file, re-based to the folder the matcher's paths are relative to. */
function rebasedRules(text: string, folder: string): string[] {
  const rules: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = withoutTrailingSpace(raw);
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line;
    const inner = pattern.slice(0, -1).includes('/');
    // git: a pattern with a slash before its end is relative to the .gitignore's folder; one without
    // matches at any depth below it.
    const rebased = !folder ? pattern : inner ? posix.join(folder, pattern.replace(/^\//, '')) : posix.join(folder, '**', pattern);
    rules.push(negated ? `!${rebased}` : rebased);
  }
  return rules;
}

/** git drops trailing spaces unless the last one is escaped with a backslash (then one space stays, escaped). */
function withoutTrailingSpace(line: string): string {
  const trimmed = line.replace(/\s+$/, '');
  if (trimmed.length === line.length) return line;
  const backslashes = /\\*$/.exec(trimmed)![0].length;
  return backslashes % 2 === 1 ? `${trimmed} ` : trimmed;
}

/** The rules that apply at one folder: its parent's and its own .gitignore's. */
interface Scope {
  rules: string[];
  matcher?: Ignore;
}

function scopeWith(parent: Scope, folder: string, base: string): Scope {
  let text: string;
  try {
    text = readFileSync(join(folder, '.gitignore'), 'utf8');
  } catch {
    return parent;
  }
  const added = rebasedRules(text, toPosixPath(relative(base, folder)));
  if (added.length === 0) return parent;
  const rules = [...parent.rules, ...added];
  return { rules, matcher: ignore().add(rules) };
}

/** The folder globby counts .gitignore paths from: the nearest folder at or above `cwd` holding `.git`. */
function repositoryRootOf(cwd: string): string | undefined {
  for (let folder = cwd; ; folder = dirname(folder)) {
    try {
      const stats = statSync(join(folder, '.git'));
      if (stats.isDirectory() || stats.isFile()) return folder;
    } catch {
      // No .git here; look further up.
    }
    if (dirname(folder) === folder) return undefined;
  }
}

const isInside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);

/** Ignore patterns whose meaning this walk reproduces: plain globs, no negation, no extended globs. */
export function canWalk(folder: string, cwd: string, ignores: string[]): boolean {
  return isInside(resolve(cwd, folder), resolve(cwd)) && ignores.every((pattern) => !/^!|[()\\]/.test(pattern));
}

export interface WalkOptions {
  cwd: string;
  /** Globs relative to `cwd`; a match on a folder leaves out all below it. */
  ignore: string[];
  gitignore: boolean;
  extensions: string[];
  /** Called for a folder that could not be listed (its files are left out, as globby's lenient walk leaves them). */
  onUnreadable?: (folder: string, code: string) => void;
}

/** The manifest files below `folder` (absolute paths), as globby finds `folder/**\/*.{extensions}`. */
export function walkManifests(folder: string, options: WalkOptions): string[] {
  const cwd = resolve(options.cwd);
  const start = resolve(cwd, folder);
  const ignores = options.ignore.map((pattern) => globToRegExp(pattern.replace(/^\.\//, '').replace(/\/$/, '/**')));
  const ignored = (path: string) => ignores.some((regex) => regex.test(path));
  const extension = new RegExp(`\\.(?:${options.extensions.join('|')})$`);
  const root = options.gitignore ? (repositoryRootOf(cwd) ?? cwd) : cwd;
  // The .gitignore files above the walk: from the repository root (or cwd) down to the folder's parent.
  let scope: Scope = { rules: [] };
  if (options.gitignore) {
    const chain: string[] = [];
    for (let at = dirname(start); isInside(at, root) && at !== start; at = dirname(at)) {
      chain.unshift(at);
      if (at === root) break;
    }
    for (const at of chain) scope = scopeWith(scope, at, root);
  }
  // The folder itself, or a folder between it and cwd, may be ignored: then so is all below it.
  for (let at = start; at !== cwd && isInside(at, cwd); at = dirname(at)) {
    if (ignored(toPosixPath(relative(cwd, at)))) return [];
  }
  if (scope.matcher && start !== root && scope.matcher.ignores(`${toPosixPath(relative(root, start))}/`)) return [];
  const found: string[] = [];
  // Paths are joined as strings: path.relative per entry would cost more than reading the folder.
  const visit = (dir: string, fromCwd: string, fromRoot: string, parent: Scope) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code !== 'ENOENT' && code !== 'ENOTDIR') options.onUnreadable?.(dir, code);
      return;
    }
    const here = options.gitignore && entries.some((entry) => entry.name === '.gitignore') ? scopeWith(parent, dir, root) : parent;
    for (const entry of entries) {
      // dot: false, as globby was called: `**` and `*` match no name starting with a dot.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // fast-glob follows symbolic links (but not round in a circle).
        try {
          const stats = statSync(path);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
          if (isDirectory && isInside(realpathSync(dir), realpathSync(path))) continue;
        } catch {
          continue;
        }
      }
      if (!isDirectory && !(isFile && extension.test(entry.name))) continue;
      if (isDirectory && entry.name === 'node_modules') continue;
      const childFromCwd = fromCwd ? `${fromCwd}/${entry.name}` : entry.name;
      if (ignored(childFromCwd)) continue;
      const childFromRoot = fromRoot ? `${fromRoot}/${entry.name}` : entry.name;
      if (here.matcher?.ignores(isDirectory ? `${childFromRoot}/` : childFromRoot)) continue;
      if (isDirectory) visit(path, childFromCwd, childFromRoot, here);
      else found.push(path);
    }
  };
  visit(start, toPosixPath(relative(cwd, start)), toPosixPath(relative(root, start)), scope);
  return found;
}
