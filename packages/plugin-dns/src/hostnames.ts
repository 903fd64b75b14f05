/**
 * Finds the DNS names a value will make a program resolve: hosts of URLs (`https://api.example.com/x`,
 * JDBC's `jdbc:postgresql://db.example.com/app`), `host:port` pairs, `user@host`, and values that are a
 * host name and nothing else. Deliberately conservative: a
 * false report teaches people to ignore the rule, so a bare dotted word only counts when its last label
 * is a top-level domain and it is written in lower case (Java class names and file names are not hosts).
 */

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const NAME = `${LABEL}(?:\\.${LABEL})+\\.?`;
const URL_HOST = new RegExp(`\\b[a-z][a-z0-9+.-]*://(?:[^\\s/@]*@)?(${NAME})(?=[:/?#\\s,;'"\\])]|$)`, 'gi');
const HOST_PORT = new RegExp(`(?:^|[\\s=,;'"(])(${NAME}):\\d{1,5}\\b`, 'gi');
// `git@github.com:acme/deploy.git`, `deploy@bastion.example.com`: ssh and scp forms.
const USER_AT_HOST = new RegExp(`(?:^|[\\s=,;'"(])[\\w.-]+@(${NAME})(?=[:\\s,;'"]|$)`, 'gi');
const WHOLE_NAME = new RegExp(`^${NAME}$`);

// Generic top-level domains seen in manifests; every two-letter label is taken as a country code.
const GENERIC_TLDS = new Set([
  'com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'ai', 'co', 'gov', 'edu', 'mil', 'int', 'info', 'biz',
  'tech', 'online', 'site', 'xyz', 'aws', 'azure', 'google', 'services', 'systems', 'network', 'digital',
  'team', 'tools', 'works', 'global', 'group', 'company', 'solutions', 'cc', 'tv',
]);

// Two-letter endings that are file extensions or code far more often than country codes.
const NOT_COUNTRY_CODES = new Set(['sh', 'js', 'py', 'rb', 'go', 'md', 'rs', 'pl', 'so', 'ts', 'cs', 'gz', 'xz', 'db']);

export function hasPublicSuffix(name: string): boolean {
  const last = name.replace(/\.$/, '').split('.').pop()!.toLowerCase();
  if (/^[a-z]{2}$/.test(last)) return !NOT_COUNTRY_CODES.has(last);
  return GENERIC_TLDS.has(last);
}

/** Distinct host names in a string, in order of appearance, lower-cased. */
export function hostnamesIn(text: string): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    const lower = name.toLowerCase();
    if (!found.includes(lower)) found.push(lower);
  };
  for (const match of text.matchAll(URL_HOST)) if (hasPublicSuffix(match[1]!)) add(match[1]!);
  for (const match of text.matchAll(HOST_PORT)) if (hasPublicSuffix(match[1]!)) add(match[1]!);
  for (const match of text.matchAll(USER_AT_HOST)) if (hasPublicSuffix(match[1]!)) add(match[1]!);
  for (const token of text.split(/[\s,;'"]+/)) {
    const value = token.includes('=') ? token.slice(token.lastIndexOf('=') + 1) : token;
    if (WHOLE_NAME.test(value) && value === value.toLowerCase() && hasPublicSuffix(value)) add(value);
  }
  return found;
}

/** Dots in a name, not counting a trailing one. */
export function dotsIn(name: string): number {
  return (name.replace(/\.$/, '').match(/\./g) ?? []).length;
}

/** True for names the cluster resolves itself, and for fully qualified names (trailing dot). */
export function isInternalOrQualified(name: string, clusterDomain: string, internalSuffixes: readonly string[]): boolean {
  if (name.endsWith('.')) return true;
  const suffixes = ['.svc', `.svc.${clusterDomain}`, `.${clusterDomain}`, ...internalSuffixes.map((s) => (s.startsWith('.') ? s : `.${s}`))];
  return suffixes.some((suffix) => name === suffix.slice(1) || name.endsWith(suffix));
}
