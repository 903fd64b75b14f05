/**
 * Finds the DNS names a process will resolve, and only those. A name counts when it stands where a
 * program takes an address: a value that is a URL (`https://api.example.com/x`, JDBC's
 * `jdbc:postgresql://db.example.com/app`), a `host:port`, an scp-style `git@github.com:org/repo`, or a
 * bare host name under a key that names an endpoint (`DB_HOST`, `--endpoint=`, `server = …`). Scripts,
 * sentences, comments, attribute and metric names (`k8s.pod.ip`, `service.instance.id`), identity
 * domains (`trust_domain`, `spiffe://…`), e-mail addresses and documentation links are not looked up by
 * the pod, so they never count. A false report teaches people to ignore the rule.
 */

/** A name and where it stands in the text it was found in: `[start, end)`. */
export interface NameAt {
  name: string;
  start: number;
  end: number;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const NAME = `${LABEL}(?:\\.${LABEL})+\\.?`;
const HOST = `(${NAME}|\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-f:.]+\\]|${LABEL})`;
// `scheme://[user[:password]@]host[:port][/path]`; JDBC puts `jdbc:` before the scheme.
const URL = new RegExp(`^(?:jdbc:)?([a-z][a-z0-9+.-]*)://(?:[^\\s/@]*@)?${HOST}(?::\\d{1,5})?(?:[/?#].*)?$`, 'i');
const HOST_PORT = new RegExp(`^${HOST}:\\d{1,5}(?:/.*)?$`, 'i');
// `git@github.com:acme/deploy.git`: ssh's scp form.
const SCP = new RegExp(`^[\\w.-]+@(${NAME}):[^\\s]*$`, 'i');
const BARE_NAME = new RegExp(`^(${NAME})$`);
const WHOLE_NAME = new RegExp(`^${NAME}$`, 'i');

// Schemes of identities and documents, not of connections.
const NOT_CONNECTING_SCHEMES = new Set(['spiffe', 'mailto', 'urn', 'file', 'data', 'tag', 'about', 'cid', 'mid']);

// Words of a key that say its value is an address the program connects to.
const ENDPOINT_WORDS = new Set([
  'url', 'urls', 'uri', 'uris', 'host', 'hosts', 'hostname', 'endpoint', 'endpoints', 'address', 'addresses', 'addr',
  'server', 'servers', 'broker', 'brokers', 'upstream', 'upstreams', 'proxy', 'dsn', 'remote', 'backend', 'backends',
  'target', 'targets', 'bootstrap', 'peers', 'seeds', 'nameserver', 'nameservers', 'connect', 'connection',
]);
// Words that say the address is not this program's to resolve: it is shown, advertised, matched or read by
// someone else (a browser follows a redirect URL; a client resolves an advertised listener).
const NOT_RESOLVED_WORDS = new Set([
  'redirect', 'callback', 'homepage', 'home', 'doc', 'docs', 'documentation', 'help', 'link', 'links', 'public',
  'external', 'root', 'advertised', 'advertise', 'website', 'site', 'icon', 'logo', 'image', 'avatar', 'allowed',
  'allow', 'allowlist', 'whitelist', 'origin', 'origins', 'cors', 'audience', 'issuer', 'trust', 'domain', 'domains',
  'email', 'mail', 'from', 'sender', 'known', 'namespace', 'prefix', 'suffix', 'pattern', 'regex', 'example', 'template',
  'runbook', 'runbooks', 'dashboard', 'dashboards',
]);

// Generic top-level domains seen in manifests; every two-letter label is taken as a country code.
const GENERIC_TLDS = new Set([
  'com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'ai', 'co', 'gov', 'edu', 'mil', 'int', 'info', 'biz',
  'tech', 'online', 'site', 'xyz', 'aws', 'azure', 'google', 'services', 'systems', 'network', 'digital',
  'team', 'tools', 'works', 'global', 'group', 'company', 'solutions', 'cc', 'tv',
]);

// Two-letter endings that are file extensions or code far more often than country codes.
const NOT_COUNTRY_CODES = new Set(['sh', 'js', 'py', 'rb', 'go', 'md', 'rs', 'pl', 'so', 'ts', 'cs', 'gz', 'xz', 'db']);

/** `MAX_INPUT_TOKENS`, `oauth.token.endpoint.uri`, `bootstrapServers` → their lower-case words. */
export function wordsOf(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Whether a key says its value is an address the program itself connects to. */
export function namesEndpoint(key: string): boolean {
  return verdictOf(key) === 'endpoint';
}

/** Whether a key says its value is resolved by someone else (a browser, a client of this program). */
function namesSomeoneElsesAddress(key: string): boolean {
  return verdictOf(key) === 'someone-elses';
}

/** What a key says of its value: an address this program connects to, one someone else resolves, or neither. */
type KeyVerdict = 'endpoint' | 'someone-elses' | 'neither';

// Asked for every key of every configuration file and env variable, mostly the same few thousand keys:
// splitting each into words once per run rather than once per value. Emptied past a bound so a huge
// input of distinct keys cannot grow it without limit.
const keyVerdicts = new Map<string, KeyVerdict>();

function verdictOf(key: string): KeyVerdict {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    if (keyVerdicts.size >= 20_000) keyVerdicts.clear();
    const words = wordsOf(key);
    verdict = words.some((word) => NOT_RESOLVED_WORDS.has(word))
      ? 'someone-elses'
      : words.some((word) => ENDPOINT_WORDS.has(word))
        ? 'endpoint'
        : 'neither';
    keyVerdicts.set(key, verdict);
  }
  return verdict;
}

export function hasPublicSuffix(name: string): boolean {
  const last = name.replace(/\.$/, '').split('.').pop()!.toLowerCase();
  if (/^[a-z]{2}$/.test(last)) return !NOT_COUNTRY_CODES.has(last);
  return GENERIC_TLDS.has(last);
}

/** `example.com`, `example.net`, `example.org` and their subdomains: reserved for documentation (RFC 2606). */
export function isDocumentationName(name: string): boolean {
  return /(^|\.)example\.(com|net|org)\.?$/i.test(name);
}

function candidate(host: string | undefined): string | undefined {
  if (!host || !WHOLE_NAME.test(host) || !host.includes('.')) return undefined;
  return hasPublicSuffix(host) && !isDocumentationName(host) ? host.toLowerCase() : undefined;
}

type Token = { kind: 'name'; name: NameAt } | { kind: 'address' } | { kind: 'neutral' } | { kind: 'text' };

/** What one whitespace- or comma-free token is: an address (with a public name or not), a flag or pair, or text. */
function classify(token: string, offset: number, key: string): Token {
  const url = URL.exec(token);
  if (url) {
    if (NOT_CONNECTING_SCHEMES.has(url[1]!.toLowerCase())) return { kind: 'neutral' };
    const host = url[2]!;
    const name = candidate(host);
    if (!name) return { kind: 'address' };
    const afterScheme = token.indexOf('://') + 3;
    const hostStart = offset + afterScheme + (/^[^\s/@]*@/.exec(token.slice(afterScheme))?.[0].length ?? 0);
    return { kind: 'name', name: { name, start: hostStart, end: hostStart + host.length } };
  }
  const hostPort = HOST_PORT.exec(token);
  if (hostPort) {
    const name = candidate(hostPort[1]);
    return name ? { kind: 'name', name: { name, start: offset, end: offset + hostPort[1]!.length } } : { kind: 'address' };
  }
  const scp = SCP.exec(token);
  if (scp) {
    const name = candidate(scp[1]);
    const at = token.indexOf('@') + 1;
    return name ? { kind: 'name', name: { name, start: offset + at, end: offset + at + scp[1]!.length } } : { kind: 'address' };
  }
  const bare = BARE_NAME.exec(token);
  if (bare) {
    // A bare dotted word is a host only where the key says so: otherwise a file, a class, a metric name.
    const name = namesEndpoint(key) ? candidate(token) : undefined;
    return name ? { kind: 'name', name: { name, start: offset, end: offset + token.length } } : { kind: 'neutral' };
  }
  if (/^\d[\d.]*$/.test(token) || /^-/.test(token) || /^\$\(?\{?\w+\}?\)?$/.test(token)) return { kind: 'neutral' };
  return { kind: 'text' };
}

/**
 * Names in a value a program takes as one or more addresses: an env value, an argument (`--flag=` and its
 * name as the key), a list of them separated by commas or spaces. A value with any word that is not an
 * address, a flag or `key=value` is text (a script, a sentence): nothing in it counts.
 */
const VALUE_TOKEN = /[^\s,;]+/g;

export function endpointNames(value: string, key = ''): NameAt[] {
  // Every name has a dot (see candidate): most values (`true`, `8080`, `info`) cannot hold one.
  if (!value.includes('.') || value.includes('\n')) return [];
  if (namesSomeoneElsesAddress(key)) return [];
  const names: NameAt[] = [];
  // exec in a loop rather than matchAll, which copies the expression on every call (see configNames).
  VALUE_TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = VALUE_TOKEN.exec(value)) !== null) {
    let token = match[0];
    let start = match.index!;
    const pair = /^(-?-?[\w.-]+)=(.+)$/.exec(token);
    let tokenKey = key;
    if (pair && !URL.test(token)) {
      tokenKey = pair[1]!;
      start += pair[1]!.length + 1;
      token = pair[2]!;
      if (namesSomeoneElsesAddress(tokenKey)) continue;
    }
    const quoted = /^(["'])(.*)\1$/.exec(token);
    if (quoted) {
      token = quoted[2]!;
      start += 1;
    }
    const result = classify(token, start, tokenKey);
    if (result.kind === 'text') {
      if (pair) continue;
      return [];
    }
    if (result.kind === 'name') names.push(result.name);
  }
  return names;
}

const COMMENT_LINE = /^\s*(#|;|\/\/|--\s|<!--|\*|\/\*)/;
// What every line that ends in `:` once its comment is cut matches (and a little more).
const OPENS_KEY = /:\s*(?:#|$)/m;
// `key: value`, `key = value`, `"key": "value"`, `key="value"` anywhere on a line.
const PAIR = /(?:^|[\s{,;(])(["']?)([A-Za-z_][\w.\-/]*)\1\s*(?:=|:(?=[\s"'[]|$))[ \t]*("[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,;'"}\]]+)?/g;
// nginx and friends: `proxy_pass http://x;`, `server backend.example.com:8080;`.
const DIRECTIVE = /^\s*([A-Za-z_][\w.-]*)\s+([^\s;={}:][^\s;{}]*)\s*;?\s*(?:#.*)?$/;

// A `#` that starts a comment follows a space or starts the line.
const COMMENT_START = /(?:^|\s)#/;

/** Cuts a trailing `# comment` that is not inside quotes; returns the length to keep. */
function withoutTrailingComment(line: string): number {
  // Most lines have no # that could start a comment (colours in dashboards are `"#7EB26D"`): no need to walk them.
  if (!line.includes('#') || !COMMENT_START.test(line)) return line.length;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return line.length;
}

const CONFIG_TOKEN = /[^\s,]+/g;

/** Names of one value under a key in a configuration file, where only keys that name an endpoint count. */
function configValueNames(raw: string, offset: number, key: string): NameAt[] {
  if (!namesEndpoint(key)) return [];
  let value = raw;
  let start = offset;
  const flow = /^\[(.*)\]$/.exec(value);
  if (flow) {
    value = flow[1]!;
    start += 1;
  }
  const names: NameAt[] = [];
  CONFIG_TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CONFIG_TOKEN.exec(value)) !== null) {
    let token = match[0];
    let at = start + match.index!;
    const quoted = /^(["'])(.*)\1$/.exec(token);
    if (quoted) {
      token = quoted[2]!;
      at += 1;
    }
    const result = classify(token, at, key);
    if (result.kind === 'name') names.push(result.name);
  }
  return names;
}

/**
 * Names in the text of a configuration file (YAML, INI, TOML, properties, JSON, env files, nginx), with
 * their offsets in the text. Only values under keys that name an endpoint count (`url`, `host`,
 * `endpoint`, `address`, `server`, `brokers`, …, including a YAML list under such a key); comment lines
 * and trailing comments never do.
 */
export function configNames(text: string): NameAt[] {
  const names: NameAt[] = [];
  // Open YAML keys whose value is the indented block below them, innermost last.
  const parents: Array<{ indent: number; key: string }> = [];
  // Every name has a dot (see classify), and only a line ending in `:` opens a key. In a text with no
  // such line (JSON: Grafana dashboards, about 1 MB of the benchmark corpus) no key is ever open, so
  // only the lines with a dot need reading.
  const opensKeys = OPENS_KEY.test(text);
  let lineStart = 0;
  while (lineStart <= text.length) {
    if (!opensKeys) {
      const dot = text.indexOf('.', lineStart);
      if (dot === -1) break;
      lineStart = text.lastIndexOf('\n', dot) + 1;
    }
    const offset = lineStart;
    const newline = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, newline === -1 ? text.length : newline);
    lineStart += line.length + 1;
    if (line.trim() === '' || COMMENT_LINE.test(line)) continue;
    // trimEnd drops what `\s+$` matches, without the regular expression's quadratic retries on inner spaces.
    const kept = line.slice(0, withoutTrailingComment(line)).trimEnd();
    // trimStart drops what `^\s*` matches; a list item is the only line whose first other character is `-`.
    const unindented = kept.trimStart();
    const indent = kept.length - unindented.length;
    const item = unindented.startsWith('-') ? /^(\s*-\s+)(.*)$/.exec(kept) : null;
    while (parents.length > 0 && (item ? parents[parents.length - 1]!.indent > indent : parents[parents.length - 1]!.indent >= indent)) parents.pop();
    // Any other line without a dot can only close keys, done above.
    if (!kept.includes('.') && !kept.endsWith(':')) continue;
    const parent = parents[parents.length - 1]?.key ?? '';
    const body = item ? item[2]! : unindented;
    const bodyOffset = offset + (item ? item[1]!.length : indent);
    let pairs = 0;
    // exec in a loop rather than matchAll, which copies the expression for every line.
    PAIR.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = PAIR.exec(body)) !== null) {
      pairs++;
      const key = match[2]!;
      const value = match[3];
      if (value === undefined) {
        if (match.index! + match[0].length >= body.length && /:\s*$/.test(body)) parents.push({ indent: item ? item[1]!.length : indent, key });
        continue;
      }
      const valueOffset = bodyOffset + match.index! + match[0].length - value.length;
      const fullKey = parent && !/[=]/.test(match[0]) ? `${parent}.${key}` : key;
      // Most keys name no endpoint: configValueNames would find nothing, so skip unquoting the value for it.
      if (namesEndpoint(fullKey)) names.push(...configValueNames(value.replace(/^(["'])(.*)\1$/, '$2'), valueOffset + (/^["']/.test(value) ? 1 : 0), fullKey));
    }
    if (pairs > 0) continue;
    if (item && parent) {
      if (namesEndpoint(parent)) names.push(...configValueNames(body.replace(/^(["'])(.*)\1$/, '$2'), bodyOffset + (/^["']/.test(body) ? 1 : 0), parent));
      continue;
    }
    const directive = DIRECTIVE.exec(body);
    if (directive) names.push(...configValueNames(directive[2]!, bodyOffset + body.indexOf(directive[2]!, directive[1]!.length), directive[1]!));
  }
  return names;
}

/** Distinct names a value gives as addresses (see endpointNames), lower-cased, in order. */
export function hostnamesIn(value: string, key = ''): string[] {
  return [...new Set(endpointNames(value, key).map((found) => found.name))];
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
