/**
 * A small glob matcher for config `files`/`ignores` and object matchers, so core needs no file system
 * library: `**` crosses folders, `*` and `?` stay within one, `{a,b}` alternates, `[...]` is a class.
 */
const cache = new Map<string, RegExp>();

function escapeRegex(char: string): string {
  return /[.+^${}()|[\]\\]/.test(char) ? `\\${char}` : char;
}

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '{') {
      braces++;
      out += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (char === ',' && braces > 0) out += '|';
    else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += escapeRegex(char);
  }
  const regex = new RegExp(`^${out}$`);
  cache.set(glob, regex);
  return regex;
}

/**
 * Matches a relative path (forward slashes) against a glob. A pattern without a slash matches the
 * base name anywhere, as `.gitignore` and ESLint do; a pattern ending in `/` or `/**` matches a folder's contents.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  let pattern = glob.replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  if (!pattern.includes('/')) {
    const base = normalized.slice(normalized.lastIndexOf('/') + 1);
    return globToRegExp(pattern).test(base) || globToRegExp(pattern).test(normalized);
  }
  return globToRegExp(pattern).test(normalized);
}

/** Plain string matching with `*` wildcards, for kinds, names and namespaces. */
export function matchesWildcard(value: string | undefined, pattern: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (value === undefined) return pattern === '*';
  return globToRegExp(pattern).test(value);
}
