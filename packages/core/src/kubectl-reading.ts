import { isAlias, isScalar } from 'yaml';
import { SCALAR } from './fast-parse/index.js';
import { positionTableOf } from './parse.js';
import { nodeAtPointer } from './position.js';
import type { Resource } from './resource.js';
import type { SourceFile } from './source.js';

// kubectl reads manifests through sigs.k8s.io/yaml, which turns YAML into JSON with its fork of go-yaml
// v2 (sigs.k8s.io/yaml/goyaml.v2, resolve.go): YAML 1.1 rules where kubelore's parser follows YAML 1.2.
// The two read a quoted or block scalar alike; a plain (unquoted) one differs in these forms:
//   - `y`, `yes`, `on`, `n`, `no`, `off` in the cases go-yaml lists (`Yes`, `YES`, ...) are booleans;
//   - integers follow Go's syntax after every `_` is dropped: a leading `0` is octal (`0644` is 420),
//     `0b`/`0B` binary, `0O` and `0X` prefixes, a sign before a prefix (`-0x1F`), `1_000`;
// and they agree on the rest: `true`/`false` in their three cases, the nulls (`~`, `null`, empty), `0o`
// and `0x` integers, decimals and exponents, the `.inf`/`.nan` forms, and timestamps and sexagesimal
// numbers (`1:20`), which stay strings (go-yaml hands timestamps to an untyped target as text and has
// no base-60 numbers). The `<<` merge key is a parse option (parse.ts), not a scalar's reading.

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);
const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, -Infinity] as const),
]);

/** Go's integer literal with the base taken from its prefix (strconv.ParseInt with base 0), underscores already dropped. */
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
/** The decimal floats go-yaml accepts (its yamlStyleFloat). */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function goInteger(text: string): number | undefined {
  const match = GO_INTEGER.exec(text);
  if (!match) return undefined;
  const [, sign, hex, octal, binary, leadingZero, decimal] = match;
  const magnitude =
    hex !== undefined ? parseInt(hex, 16) : octal !== undefined ? parseInt(octal, 8) : binary !== undefined ? parseInt(binary, 2) : leadingZero !== undefined ? parseInt(leadingZero || '0', 8) : Number(decimal);
  return sign === '-' ? -magnitude : magnitude;
}

/** A float Go parses; out of range (`1e400`) it fails, and go-yaml keeps the text. */
function goFloat(text: string): number | undefined {
  if (!YAML_STYLE_FLOAT.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The value go-yaml v2 (as sigs.k8s.io/yaml uses it) gives a plain scalar: a boolean, null, a number or
 * the text itself. Its first character decides what is tried, as in go-yaml's resolve table.
 */
export function goYamlPlainValue(text: string): boolean | number | string | null {
  const first = text.charAt(0);
  if (first === '.') return SPECIAL_FLOATS.get(text) ?? goFloat(text) ?? text;
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
    const plain = text.includes('_') ? text.replace(/_/g, '') : text;
    return goInteger(plain) ?? goFloat(plain) ?? text;
  }
  if ('yYnNtTfFoO~'.includes(first) || text === '') {
    const boolean = BOOLEANS.get(text);
    if (boolean !== undefined) return boolean;
    if (NULLS.has(text)) return null;
  }
  return text;
}

/** A plain scalar as written: its source text and offsets. */
export interface PlainScalar {
  text: string;
  range: [number, number];
  /** Reached through an alias (`*flag`) or a `<<` merge: the text and range are its source's, shared by every place that repeats it. */
  alias?: true;
}

/**
 * The scalar at `pointer` of a document when it is written plain (not quoted, not a block scalar), or
 * undefined: on the fast path from the position table, otherwise from the node tree (an alias stands for
 * its anchored scalar). The same answer on both paths for the same text.
 */
export function plainScalarAt(source: SourceFile, documentIndex: number, pointer: string): PlainScalar | undefined {
  const table = positionTableOf(source, documentIndex);
  let range: [number, number] | undefined;
  let alias = false;
  if (table) {
    const { row, complete } = table.find(pointer);
    if (!complete || table.kindOf(row) !== SCALAR || table.isBlock(row)) return undefined;
    range = table.rangeOf(row);
    // A plain scalar cannot start with a quote; a quoted one always does.
    const first = source.text[range[0]];
    if (first === '"' || first === "'") return undefined;
  } else {
    const document = source.documents[documentIndex];
    if (!document) return undefined;
    const doc = document.yaml;
    const found = nodeAtPointer(doc, pointer);
    // Through an alias or a `<<` merge the text is the anchor's, shared by every place that repeats it.
    alias = isAlias(found.node) || found.merged === true;
    const node = isAlias(found.node) ? found.node.resolve(doc) : found.node;
    if (!found.complete || !isScalar(node) || !node.range || (node.type !== undefined && node.type !== 'PLAIN')) return undefined;
    range = [node.range[0], node.range[1]];
  }
  const text = source.text.slice(range[0], range[1]);
  return alias ? { text, range, alias } : { text, range };
}

/** What kubectl sends for a value kubelore reads otherwise, and the plain scalar it comes from. */
export interface KubectlReading extends PlainScalar {
  /** The value in the JSON kubectl sends: a boolean or a number. */
  value: boolean | number | string | null;
}

// Whether a file may hold a leading-zero integer at all, looked at once per file: most never do, and
// their integers then need no look-up.
const octalMentions = new WeakMap<SourceFile, boolean>();

function mayHoldLeadingZero(source: SourceFile): boolean {
  let mentions = octalMentions.get(source);
  if (mentions === undefined) octalMentions.set(source, (mentions = holdsLeadingZero(source.text)));
  return mentions;
}

const OCTAL_DIGITS = /0[0-7]+(?=[\s,\]}#]|$)/gm;
const BEFORE_NUMBER = /[\s:,[{-]/;

/**
 * `/(?:^|[\s:,[{-])[-+]?0[0-7]+(?=[\s,\]}#]|$)/m.test(text)`, searched from the digits: that expression
 * tries its first class at nearly every character (every space) and took most of schema/valid's time on
 * large files; the digits are rare. Only the first `0` of a run of octal digits can follow what the
 * expression asks for before it (a digit is not in that class).
 */
function holdsLeadingZero(text: string): boolean {
  OCTAL_DIGITS.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = OCTAL_DIGITS.exec(text)) !== null) {
    const at = match.index;
    const before = text[at - 1];
    if (at === 0 || BEFORE_NUMBER.test(before!)) return true;
    if ((before === '-' || before === '+') && (at === 1 || BEFORE_NUMBER.test(text[at - 2]!))) return true;
  }
  return false;
}

const LEADING_ZERO = /^[-+]?0[0-7]+$/;
const OCTAL_DIGITS_ONLY = /^-?[0-7]+$/;

/**
 * Whether kubectl may read a plain scalar of this value otherwise than kubelore: what kubectlReadingAt
 * asks of the value before it looks the scalar up (a string go-yaml reads as a boolean, null or a
 * number; an integer whose digits could be octal). When false, kubectlReadingAt gives undefined. A
 * caller walking every value (schema/valid) asks this first and makes the pointer only when it holds.
 */
export function kubectlMayReadOtherwise(value: unknown): boolean {
  if (typeof value === 'string') return typeof goYamlPlainValue(value) !== 'string';
  return typeof value === 'number' && Number.isInteger(value) && OCTAL_DIGITS_ONLY.test(String(value));
}

/**
 * kubectl's reading of the value at `pointer` in `resource`'s document, when it differs from kubelore's
 * (`value`): a plain `yes` kubelore reads as a string is the boolean true for kubectl, a plain `0644` it
 * reads as 644 is 420. Undefined where both read the same, or where the scalar is not found (a field
 * that a `<<` merge brought in).
 */
export function kubectlReadingAt(resource: Pick<Resource, 'source' | 'documentIndex'>, pointer: string | (() => string), value: unknown): KubectlReading | undefined {
  // A caller walking every value (schema/valid) passes the pointer as a function: most values need no look-up.
  if (typeof value === 'string') {
    const sent = goYamlPlainValue(value);
    if (typeof sent === 'string') return undefined;
    const scalar = plainScalarAt(resource.source, resource.documentIndex, typeof pointer === 'string' ? pointer : pointer());
    // A plain scalar over several lines folds into words with spaces, which no YAML reads otherwise.
    return scalar && scalar.text === value ? { value: sent, ...scalar } : undefined;
  }
  // kubelore reads `0644` as 644: only integers whose digits could be octal are looked up.
  if (typeof value === 'number' && Number.isInteger(value) && OCTAL_DIGITS_ONLY.test(String(value)) && mayHoldLeadingZero(resource.source)) {
    const scalar = plainScalarAt(resource.source, resource.documentIndex, typeof pointer === 'string' ? pointer : pointer());
    if (!scalar || !LEADING_ZERO.test(scalar.text)) return undefined;
    const sent = goYamlPlainValue(scalar.text);
    return sent !== value ? { value: sent, ...scalar } : undefined;
  }
  return undefined;
}
