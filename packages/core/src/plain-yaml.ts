/**
 * yaml's block rendering of the plain data fixes and suggestions insert, for the shapes it prints
 * without a choice to make. yaml builds and prints a document for every call, about 0.2 ms each once
 * warm and far more in a cold run, and a rule that suggests on object after object (a spread constraint
 * with each workload's own labels) paid that per finding. What is rendered here is what
 * `stringify(value, { lineWidth: 0 })` prints (tested differentially); anything else is left to yaml.
 */

// A key or string yaml prints plain as it is: a letter, then letters, digits and `._/-` (no indicator,
// space, colon or `#`), and not a word the core schema reads as a boolean or null.
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const CORE_WORDS: ReadonlySet<string> = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
// Digits alone read as an integer: yaml double-quotes them (`"5"`, as JSON writes them).
const DIGITS = /^[0-9]+$/;
const MAX_DEPTH = 20;

/** A scalar as yaml prints it, where that is plain (or, digits, quoted); undefined otherwise. */
export function plainScalarText(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value === 'string') {
    if (DIGITS.test(value)) return `"${value}"`;
    return PLAIN_WORD.test(value) && !CORE_WORDS.has(value) ? value : undefined;
  }
  return undefined;
}

/** A mapping of plain data's kind: an object of Object's prototype or none, and no symbol keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0;
}

/**
 * The lines of a non-empty mapping or list in block style with two-space indents (a list under a key
 * indented too, as yaml's `indentSeq`), or undefined when some part is not rendered here: an empty
 * mapping or list (yaml prints it in flow style), a key or scalar that is not plain as it is, a hole.
 */
function blockLines(value: unknown, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const lines: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return undefined;
      const item = nodeLines(value[i], depth + 1);
      if (!item) return undefined;
      // An item's first line follows its dash; the rest sit under it.
      lines.push(`- ${item.lines[0]}`);
      for (let j = 1; j < item.lines.length; j++) lines.push(`  ${item.lines[j]}`);
    }
    return lines;
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0) return undefined;
  for (const key of keys) {
    if (plainScalarText(key) !== key) return undefined;
    const entry = nodeLines(value[key], depth + 1);
    if (!entry) return undefined;
    if (!entry.block) lines.push(`${key}: ${entry.lines[0]}`);
    else {
      lines.push(`${key}:`);
      for (const line of entry.lines) lines.push(`  ${line}`);
    }
  }
  return lines;
}

/** A value's lines: one scalar, or a collection's block lines. */
function nodeLines(value: unknown, depth: number): { block: boolean; lines: string[] } | undefined {
  const scalar = plainScalarText(value);
  if (scalar !== undefined) return { block: false, lines: [scalar] };
  const lines = blockLines(value, depth);
  return lines ? { block: true, lines } : undefined;
}

/**
 * `key: value` as `stringify({ [key]: value }, { lineWidth: 0 })` prints it, without its final newline,
 * or undefined when the value (or the key) is not of the shapes rendered here.
 */
export function plainBlockEntry(key: string, value: unknown): string | undefined {
  const lines = blockLines({ [key]: value }, 0);
  return lines?.join('\n');
}
