/**
 * Detectors of credentials written in clear. Each says what kind of secret a value holds and never
 * returns the value itself: findings name the field and the kind, nothing more.
 */

export interface SecretDetector {
  id: string;
  /** How a finding names the secret: "an AWS access key id". */
  kind: string;
  /** Whether `value`, found under the field or variable `name`, holds this kind of secret. */
  matches(value: string, name: string): boolean;
}

export interface SecretMatch {
  detector: SecretDetector;
  /** True for the example keys of AWS's documentation: still reported, with a note. */
  documentationExample: boolean;
}

/** Names that say their value is a secret: `DB_PASSWORD`, `apiToken`, `AWS_SECRET_ACCESS_KEY`, `private-key`. */
export const SECRET_NAME = /(passw(or)?d|passwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential|auth[-_]?key|_key$|^key$)/i;
// Last words of names that carry a reference to a secret, not the secret: a file, a URL, a Secret's name.
const REFERENCE_WORDS = new Set([
  'file', 'path', 'dir', 'url', 'urls', 'uri', 'endpoint', 'host', 'port', 'server', 'address', 'name', 'ref', 'id',
  'ttl', 'length', 'header', 'enabled', 'type', 'field', 'arn', 'version', 'provider', 'store', 'mount', 'format',
  'algorithm', 'scope', 'scopes', 'audience', 'issuer', 'method', 'kind', 'class', 'location', 'env', 'var',
  'pattern', 'regex', 'claim', 'claims', 'complexity', 'rules', 'hash', 'hashed', 'digest', 'namespace', 'namespaces',
  // A pod volume's name (`kuma.io/service-account-token-volume: kong-serviceaccount-token`).
  'volume', 'volumes',
]);
// Words before a final `secret` that make the name one of a Secret object, whose value is its name:
// `credentialsSecret: jaeger-creds`, `existingSecret`, `tlsSecret`, `imagePullSecret`.
const SECRET_OBJECT_WORDS = new Set([
  'credential', 'credentials', 'creds', 'existing', 'tls', 'cert', 'certs', 'certificate', 'ca', 'pull', 'registry',
  'docker', 'kubeconfig', 'ssh', 'git', 'basic', 'auth', 'bootstrap', 'keystore', 'truststore', 'env', 'config',
]);
// A Kubernetes object name (DNS-1123 subdomain).
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Words that contain a secret word without being one.
const NOT_SECRET_WORDS = new Set(['tokenizer', 'tokenizers', 'tokenize', 'tokenized', 'secretary', 'keyboard', 'keyspace', 'keys']);
// What makes a `*_key` a credential in a configuration file, where `key` alone names a label, a map key, a sort key.
const CREDENTIAL_KEY_WORDS = new Set(['api', 'apikey', 'secret', 'private', 'access', 'auth', 'encryption', 'signing', 'master', 'client', 'license', 'account', 'service', 'subscription', 'sas', 'hmac']);
// Last words of names whose value is who, not the proof: `MYSQL_USER`, `adminUsername`.
const USER_WORDS = new Set(['user', 'username', 'login', 'email', 'account', 'principal', 'owner']);
// Words of names that hold a switch about secrets, not a secret: `MYSQL_ALLOW_EMPTY_PASSWORD`,
// `MYSQL_RANDOM_ROOT_PASSWORD`, `ENABLE_SECRET_ENV_FILTERING`.
const FLAG_WORDS = new Set([
  'allow', 'enable', 'enabled', 'disable', 'disabled', 'use', 'require', 'required', 'skip', 'random', 'empty',
  'generate', 'filtering', 'filter', 'mode', 'policy', 'strategy', 'rotation', 'insecure',
]);
// Sizes and limits of tokens (LLM servers: MAX_INPUT_TOKENS) are numbers about tokens, not tokens.
const MEASURE_WORDS = new Set(['max', 'min', 'num', 'count', 'limit', 'size', 'length', 'timeout', 'expiry', 'expiration', 'tokens']);

/**
 * A cache of a pure function of one string. The same few thousand names (env variables, config keys,
 * annotation keys) are looked at again for every value, by several detectors each: splitting and testing
 * a name once per run instead of once per look was most of the rule's time. Emptied when it grows past
 * `limit`, so a huge repository of distinct names cannot make it grow without bound.
 */
function memoized<T>(compute: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      if (cache.size >= limit) cache.clear();
      cache.set(text, (value = compute(text)));
    }
    return value as T;
  };
}

/**
 * `MAX_INPUT_TOKENS`, `maxInputTokens`, `max-input-tokens` → ['max', 'input', 'tokens']. The array is
 * shared between callers (see memoized), hence frozen and read-only.
 */
export const wordsOf: (name: string) => readonly string[] = memoized((name) =>
  Object.freeze(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)),
);

/**
 * Whether a name says its value is a secret. `strict` is for keys of configuration files and ConfigMaps,
 * where `key` and `*_key` name map keys and label keys unless a word before says which credential.
 */
export function looksSecretName(name: string, strict = false): boolean {
  return strict ? looksSecretNameStrict(name) : looksSecretNameLoose(name);
}
const looksSecretNameLoose = memoized((name) => computeLooksSecretName(name, false));
const looksSecretNameStrict = memoized((name) => computeLooksSecretName(name, true));

function computeLooksSecretName(name: string, strict: boolean): boolean {
  if (!SECRET_NAME.test(name)) return false;
  const words = wordsOf(name);
  const last = words[words.length - 1] ?? '';
  if (REFERENCE_WORDS.has(last) || USER_WORDS.has(last) || words.some((word) => MEASURE_WORDS.has(word) || FLAG_WORDS.has(word))) return false;
  const telling = words.filter((word) => !NOT_SECRET_WORDS.has(word)).join('_');
  if (!SECRET_NAME.test(telling)) return false;
  if (strict && !/passw(or)?d|passwd|secret|token|credential|apikey|passphrase/.test(telling)) {
    return words.some((word, i) => word === 'key' && i > 0 && CREDENTIAL_KEY_WORDS.has(words[i - 1]!));
  }
  return true;
}

/**
 * A name of a Secret object under a key that names one (`credentialsSecret: jaeger-creds`,
 * `existing-secret: db-auth`, `--basic-auth-secret=monitoring/nms-auth`): where the credentials are, not
 * the credentials.
 */
export function isSecretReference(name: string, value: string): boolean {
  const words = wordsOf(name);
  if (words.length < 2 || !/^secrets?$/.test(words[words.length - 1]!) || !SECRET_OBJECT_WORDS.has(words[words.length - 2]!)) return false;
  const text = value.trim();
  // `name`, or `namespace/name` as command-line flags write a reference.
  const slash = text.indexOf('/');
  const namespace = slash === -1 ? '' : text.slice(0, slash);
  const object = slash === -1 ? text : text.slice(slash + 1);
  if (slash !== -1 && (namespace.length > 63 || !OBJECT_NAME.test(namespace) || namespace.includes('.'))) return false;
  return object.length <= 253 && OBJECT_NAME.test(object) && !isDefaultPassword(object);
}

/** Names whose value is a password (not a token or a key): where a well-known default password is a finding. */
export const isPasswordName: (name: string) => boolean = memoized(
  (name) => looksSecretName(name) && wordsOf(name).some((word) => /^(passw(or)?d|passwd|pass|pwd|pw|passphrase|secret)$/.test(word)),
);

/** A file path (`/var/secrets/google/key.json`): where a secret is, not the secret. */
export function isPath(value: string): boolean {
  return /^(\/|~\/|\.\.?\/)[^\s]*$/.test(value.trim());
}

/** `true`, `no`, `on`: a switch, never a secret. */
export function isBooleanLike(value: string): boolean {
  return /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value.trim());
}

/**
 * Passwords that images and charts ship as defaults, and that every attacker tries first. As the value of
 * a password key they are a finding, not a placeholder: the service accepts them.
 */
export const DEFAULT_PASSWORDS: ReadonlySet<string> = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'password1', 'password123', 'changeme', 'changeit', 'admin', 'admin123',
  'administrator', 'guest', 'root', 'toor', 'secret', 'test', 'default', 'letmein', 'qwerty', 'welcome', '123456',
  '12345678', '1234', 'pass', 'postgres', 'mysql', 'minioadmin', 'minio123', 'rabbitmq', 'elastic', 'redis',
]);

const LONGEST_DEFAULT_PASSWORD = Math.max(...[...DEFAULT_PASSWORDS].map((password) => password.length));

/** A value from DEFAULT_PASSWORDS, as written (`changeme`, `Admin`; `CHANGEME` in capitals is an instruction). */
export function isDefaultPassword(value: string): boolean {
  const text = value.trim();
  // Most values are longer than any default: no need to case-fold them to find that out.
  if (text.length > LONGEST_DEFAULT_PASSWORD) return false;
  if (/[a-z]/i.test(text) && text === text.toUpperCase()) return false;
  return DEFAULT_PASSWORDS.has(text.toLowerCase());
}

// Words that make a value an instruction about the slot rather than a value for it.
const INSTRUCTION_WORDS = ['your', 'my', 'insert', 'replace', 'enter', 'put', 'here', 'change', 'set', 'fill', 'goes', 'this', 'me', 'val', 'value', 'example', 'sample', 'dummy', 'fake', 'placeholder', 'real', 'own', 'actual', 'with', 'to', 'the', 'a'];
const SLOT_WORDS = ['password', 'passwd', 'pass', 'pwd', 'token', 'secret', 'key', 'api', 'apikey', 'access', 'credential', 'credentials', 'auth', 'client', 'private', 'bearer'];

/** Whether `text` splits entirely into `sorted` (distinct, non-empty, longest first), using at least one of `required`. */
function splitsInto(text: string, sorted: readonly string[], required: ReadonlySet<string>): boolean {
  if (text.length > 80) return false;
  const memo = new Map<number, boolean>();
  const from = (at: number, used: boolean): boolean => {
    if (at === text.length) return used;
    const key = at * 2 + Number(used);
    if (memo.has(key)) return memo.get(key)!;
    let ok = false;
    for (const word of sorted) {
      if (text.startsWith(word, at) && from(at + word.length, used || required.has(word))) {
        ok = true;
        break;
      }
    }
    memo.set(key, ok);
    return ok;
  };
  return from(0, false);
}

const INSTRUCTIONS = new Set(INSTRUCTION_WORDS);

/**
 * The words a placeholder for the slot `name` may be made of: the fixed vocabulary and the name's own
 * words, distinct and longest first. Whether a split exists does not depend on the order words are tried
 * in; longest first finds it sooner. Built once per name rather than once per value (see memoized).
 */
const vocabularyOf = memoized((name: string) => {
  const words = [...new Set([...INSTRUCTION_WORDS, ...SLOT_WORDS, ...wordsOf(name)])].filter(Boolean).sort((a, b) => b.length - a.length);
  return { sorted: words, all: new Set(words) as ReadonlySet<string> };
});

/**
 * Values that stand for a secret rather than hold one: references (`$(DB_PASSWORD)`, `${TOKEN}`,
 * `{{ .token }}`, `env:TOKEN`, a Secret's name under `credentialsSecret`), substitution markers
 * (`__TOKEN__`, `@TOKEN@`), masks (`xxxx`, `****`), `<password>`, and instructions that name the slot
 * (`YOUR_API_KEY`, `my-password`, `CHANGE_ME`, `INSERT_ETCD_DISCOVERY_TOKEN`, `HF_TOKEN` for `HF_TOKEN`).
 * A well-known default (`changeme`, `admin`, `password`) is not a placeholder: it works as a password.
 */
export function isPlaceholder(value: string, name = ''): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (isSecretReference(name, text)) return true;
  // Markers an install script substitutes: `__SERVICEACCOUNT_TOKEN__`, `@DB_PASSWORD@`.
  if (/^__[A-Za-z0-9_]+__$/.test(text) || /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(text)) return true;
  if (/^\$\(?\{?[A-Za-z_][\w.]*(?::?-[^}]*)?\}?\)?$/.test(text) || /^\$\([A-Za-z_]\w*\)$/.test(text)) return true;
  if (/^<[^>]+>$/.test(text) || /^\{\{.*\}\}$/.test(text) || /^%\(?[\w.]+\)?s?%?$/.test(text) || /^\[\[.*\]\]$/.test(text)) return true;
  if (/^(env|file|vault|secret|ref|op|aws-?sm|gcp-?sm|azure-?kv)(:|\+)[^\s]+$/i.test(text) && !/^[a-z]+:\/\//i.test(text)) return true;
  if (/^(x+|\*+|\.+|-+|#+|redacted|placeholder|none|null|nil|todo|tbd|fixme|n\/a|undefined|example|dummy|sample|fake)$/i.test(text)) return true;
  // A PEM block with no key material inside: `-----BEGIN … KEY-----\n...\n-----END … KEY-----`.
  if (/^-+\s*BEGIN [^-]+-+/.test(text) && text.replace(/-+\s*(BEGIN|END) [^-]+-+/g, '').replace(/[\s.<>…]|\.\.\./g, '').length < 16) return true;
  if (isDefaultPassword(text)) return false;
  const letters = text.toLowerCase().replace(/[-_.\s]+/g, '');
  if (!/^[a-z]+$/.test(letters)) return false;
  const vocabulary = vocabularyOf(name);
  // In capitals, the name of the slot is the idiom of a placeholder: `SECRET`, `HF_TOKEN` for `HF_TOKEN`.
  if (/[A-Z]/.test(text) && text === text.toUpperCase()) return splitsInto(letters, vocabulary.sorted, vocabulary.all);
  return splitsInto(letters, vocabulary.sorted, INSTRUCTIONS);
}

/**
 * `MINIO_ACCESS_KEY=minio` beside `MINIO_SECRET_KEY`: in such a pair the access key is the user name, and
 * a short word-like value is one. A long random one (or an AWS key id) is still looked at.
 */
export function isAccessKeyUser(name: string, value: string, siblings: readonly string[]): boolean {
  const words = wordsOf(name);
  if (words[words.length - 1] !== 'key' || words[words.length - 2] !== 'access') return false;
  const prefix = words.slice(0, -2).join('_');
  const paired = siblings.some((other) => {
    const otherWords = wordsOf(other);
    return otherWords.slice(-2).join('_') === 'secret_key' && otherWords.slice(0, -2).join('_') === prefix;
  });
  return paired && /^[A-Za-z][A-Za-z0-9._@-]{0,23}$/.test(value.trim()) && entropy(value.trim()) < 3.5;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const AWS_SECRET_KEY = /(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/;
// Any run of dashes: `-----BEGIN RSA PRIVATE KEY-----`, PuTTY and SSH2's `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`.
const PEM_PRIVATE_KEY = /-+ ?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-+([\s\S]*)/;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/;
const GITLAB_TOKEN = /\bglpat-[A-Za-z0-9_-]{20}\b/;
const SLACK_TOKEN = /\bxox[abposr]-[A-Za-z0-9-]{10,}/;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i;

// The key pair AWS uses in its own documentation, assembled so this file is not itself flagged.
const AWS_EXAMPLE_IDS = ['IOSFODNN7EXAMPLE'].flatMap((tail) => [`AKIA${tail}`, `ASIA${tail}`]);
const AWS_EXAMPLE_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

// Every detector runs on every string value of a manifest, nearly all of them short words, names and
// numbers. Each pattern is guarded by a test its matches cannot fail (a minimum length, a literal the
// pattern contains), which is much cheaper than scanning the value with the regular expression; the guard
// never changes what a detector finds.
const hasAwsKeyId = (value: string) => value.length >= 20 && (value.includes('AKIA') || value.includes('ASIA')) && AWS_ACCESS_KEY_ID.test(value);

export const DETECTORS: readonly SecretDetector[] = [
  { id: 'aws-access-key-id', kind: 'an AWS access key id', matches: hasAwsKeyId },
  {
    id: 'aws-secret-access-key',
    kind: 'an AWS secret access key',
    // 40 characters of base64 are common (hashes, ids); only next to a key id or under a secret's name.
    // The name and the key id are looked at first: far cheaper than scanning a long value for the key.
    matches: (value, name) => {
      if (value.length < 40 || !(/secret|aws/i.test(name) || hasAwsKeyId(value))) return false;
      const candidate = AWS_SECRET_KEY.exec(value)?.[1];
      return Boolean(candidate && /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /\d/.test(candidate));
    },
  },
  {
    id: 'private-key',
    kind: 'a private key',
    // Key material after the header, not `...`: documentation shows the frame of a key without one.
    matches: (value) => {
      if (!value.includes('PRIVATE KEY')) return false;
      const body = PEM_PRIVATE_KEY.exec(value)?.[1];
      return body !== undefined && (body.split(/-+ ?END /)[0]!.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 40;
    },
  },
  { id: 'github-token', kind: 'a GitHub token', matches: (value) => value.length >= 40 && value.includes('_') && GITHUB_TOKEN.test(value) },
  { id: 'gitlab-token', kind: 'a GitLab token', matches: (value) => value.includes('glpat-') && GITLAB_TOKEN.test(value) },
  { id: 'slack-token', kind: 'a Slack token', matches: (value) => value.includes('xox') && SLACK_TOKEN.test(value) },
  { id: 'jwt', kind: 'a JSON Web Token', matches: (value) => value.includes('eyJ') && JWT.test(value) },
  {
    id: 'url-password',
    kind: 'a password inside a URL',
    matches: (value) => {
      if (!value.includes('://') || !value.includes('@')) return false;
      const password = URL_PASSWORD.exec(value)?.[1];
      return password !== undefined && !isPlaceholder(password, 'password') && !password.startsWith('$');
    },
  },
  {
    id: 'default-password',
    kind: 'a well-known default password',
    matches: (value, name) => isPasswordName(name) && isDefaultPassword(value),
  },
  {
    id: 'high-entropy',
    kind: 'a random-looking secret',
    matches: (value, name) => {
      const text = value.trim();
      if (text.length < 16) return false;
      // `kubernetes.io/metadata.name`, `example.com/team`: qualified names, not random.
      if (/^[a-z0-9.-]+\.[a-z]+\/[\w./-]+$/.test(text)) return false;
      return looksSecretName(name) && text.length >= 16 && !/\s/.test(text) && !isPlaceholder(text, name) && !isPath(text) && entropy(text) >= 3.5;
    },
  },
];

/**
 * Whether a configuration text may hold anything a detector or a secret-looking key can match, a
 * necessary condition tested on the whole text: a word every SECRET_NAME match holds (in any case; an
 * `Authorization: Bearer` value makes a `…_bearer_token` key), or what a detector needs when the key says
 * nothing (its literal, or a URL with a user). Most configuration files (dashboards, scripts) hold none
 * of it, and then none of their lines needs reading. Keep it in step with DETECTORS and SECRET_NAME.
 */
export function mayHoldCredential(text: string): boolean {
  return CREDENTIAL_WORDS.test(text) || DETECTOR_LITERALS.test(text) || (text.includes('://') && text.includes('@'));
}
// `passw(or)?d`, `passwd`, `secret`, `token`, `…key`, `credential`; the schemes; the AWS secret key's name test.
const CREDENTIAL_WORDS = /passw|secret|token|key|credential|bearer|basic|aws/i;
const DETECTOR_LITERALS = /AKIA|ASIA|PRIVATE KEY|gh[pousr]_|github_pat_|glpat-|xox|eyJ/;

/** The first detector that recognises the value, or undefined. */
export function detectSecret(value: string, name = ''): SecretMatch | undefined {
  let detector: SecretDetector | undefined;
  // A loop rather than find with a closure: asked of every string value of every manifest.
  for (const candidate of DETECTORS) {
    if (candidate.matches(value, name)) {
      detector = candidate;
      break;
    }
  }
  if (!detector) return undefined;
  const documentationExample = AWS_EXAMPLE_IDS.some((id) => value.includes(id)) || value.includes(AWS_EXAMPLE_SECRET);
  return { detector, documentationExample };
}

/**
 * One synthetic value per detector, for tests that check a secret never reaches any output. Built from
 * fragments at run time so the repository holds no string a secret scanner would flag.
 */
export function exampleSecrets(): Array<{ detector: string; name: string; value: string }> {
  const repeat = (text: string, times: number) => text.repeat(times);
  return [
    { detector: 'aws-access-key-id', name: 'AWS_ACCESS_KEY_ID', value: `AKIA${repeat('Q7', 8)}` },
    { detector: 'aws-secret-access-key', name: 'AWS_SECRET_ACCESS_KEY', value: repeat('k3Ry/9xZ', 5) },
    { detector: 'private-key', name: 'tls.key', value: `-----BEGIN ${'RSA PRIVATE'} KEY-----\n${repeat('MIIEow', 10)}\n-----END RSA PRIVATE KEY-----` },
    { detector: 'github-token', name: 'GH', value: `ghp_${repeat('a1B2c3', 6)}` },
    { detector: 'gitlab-token', name: 'GL', value: `glpat-${repeat('x9Y8', 5)}` },
    { detector: 'slack-token', name: 'SLACK', value: `xoxb-${repeat('1234', 3)}-${repeat('abcd', 4)}` },
    { detector: 'jwt', name: 'SESSION', value: `eyJ${repeat('hbGciOi', 2)}.eyJ${repeat('zdWIiOi', 2)}.${repeat('S1gn4tur3', 2)}` },
    { detector: 'url-password', name: 'DATABASE_URL', value: `postgres://app:${repeat('Pw7', 4)}@db.example.com/app` },
    // A default the rule pages do not name: SARIF carries the pages, and the value must not appear anywhere.
    { detector: 'default-password', name: 'DB_PASSWORD', value: ['let', 'me', 'in'].join('') },
    { detector: 'high-entropy', name: 'API_TOKEN', value: 'q8Zr2LmW9vXk4TnB7pYs' },
  ];
}
