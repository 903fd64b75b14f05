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
// Names that carry a reference to a secret, not the secret: a file path, a URL, a Secret's name, a flag.
const REFERENCE_NAME = /(_|-|\b)(file|path|dir|url|uri|endpoint|name|ref|id|ttl|length|header|enabled|type|field|arn|version)$/i;
// Sizes and limits of tokens (LLM servers: MAX_INPUT_TOKENS) are numbers about tokens, not tokens.
const MEASURE_WORDS = new Set(['max', 'min', 'num', 'count', 'limit', 'size', 'length', 'timeout', 'expiry', 'expiration', 'tokens']);

/** `MAX_INPUT_TOKENS`, `maxInputTokens`, `max-input-tokens` → ['max', 'input', 'tokens']. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/);
}

export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !wordsOf(name).some((word) => MEASURE_WORDS.has(word));
}

/** A file path (`/var/secrets/google/key.json`): where a secret is, not the secret. */
export function isPath(value: string): boolean {
  return /^(\/|~\/|\.\.?\/)[^\s]*$/.test(value.trim());
}

/** Values that stand for a secret rather than hold one: `$(DB_PASSWORD)`, `${TOKEN}`, `<password>`, `changeme`. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (/^\$\(?\{?[A-Za-z_][\w.]*\}?\)?$/.test(text) || /^\$\([A-Za-z_]\w*\)$/.test(text)) return true;
  if (/^<[^>]+>$/.test(text) || /^\{\{.*\}\}$/.test(text) || /^%\(?[\w.]+\)?s?%?$/.test(text)) return true;
  if (/^(x+|\*+|\.+|-+|changeme|change-me|replace-?me|placeholder|redacted|none|null|todo|tbd|secret|password|example|dummy|test)$/i.test(text)) return true;
  return false;
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
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/;
const GITLAB_TOKEN = /\bglpat-[A-Za-z0-9_-]{20}\b/;
const SLACK_TOKEN = /\bxox[abposr]-[A-Za-z0-9-]{10,}/;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i;

// The key pair AWS uses in its own documentation, assembled so this file is not itself flagged.
const AWS_EXAMPLE_IDS = ['IOSFODNN7EXAMPLE'].flatMap((tail) => [`AKIA${tail}`, `ASIA${tail}`]);
const AWS_EXAMPLE_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

export const DETECTORS: readonly SecretDetector[] = [
  { id: 'aws-access-key-id', kind: 'an AWS access key id', matches: (value) => AWS_ACCESS_KEY_ID.test(value) },
  {
    id: 'aws-secret-access-key',
    kind: 'an AWS secret access key',
    // 40 characters of base64 are common (hashes, ids); only next to a key id or under a secret's name.
    matches: (value, name) => {
      const candidate = AWS_SECRET_KEY.exec(value)?.[1];
      if (!candidate || !/[A-Z]/.test(candidate) || !/[a-z]/.test(candidate) || !/\d/.test(candidate)) return false;
      return AWS_ACCESS_KEY_ID.test(value) || /secret|aws/i.test(name);
    },
  },
  { id: 'private-key', kind: 'a private key', matches: (value) => PEM_PRIVATE_KEY.test(value) },
  { id: 'github-token', kind: 'a GitHub token', matches: (value) => GITHUB_TOKEN.test(value) },
  { id: 'gitlab-token', kind: 'a GitLab token', matches: (value) => GITLAB_TOKEN.test(value) },
  { id: 'slack-token', kind: 'a Slack token', matches: (value) => SLACK_TOKEN.test(value) },
  { id: 'jwt', kind: 'a JSON Web Token', matches: (value) => JWT.test(value) },
  {
    id: 'url-password',
    kind: 'a password inside a URL',
    matches: (value) => {
      const password = URL_PASSWORD.exec(value)?.[1];
      return password !== undefined && !isPlaceholder(password) && !password.startsWith('$');
    },
  },
  {
    id: 'high-entropy',
    kind: 'a random-looking secret',
    matches: (value, name) => {
      const text = value.trim();
      return looksSecretName(name) && text.length >= 16 && !/\s/.test(text) && !isPlaceholder(text) && !isPath(text) && entropy(text) >= 3.5;
    },
  },
];

/** The first detector that recognises the value, or undefined. */
export function detectSecret(value: string, name = ''): SecretMatch | undefined {
  const detector = DETECTORS.find((candidate) => candidate.matches(value, name));
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
    { detector: 'high-entropy', name: 'API_TOKEN', value: 'q8Zr2LmW9vXk4TnB7pYs' },
  ];
}
