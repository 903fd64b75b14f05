import { editDistance, isPlainObject, joinPointer, parsePointer, type KubectlReading } from '@kubelore/core';
import type { Schema } from './data.js';

/** One problem, in Kubernetes terms, at the field it is about. */
export interface SchemaProblem {
  kind:
    | 'unknown'
    | 'type'
    | 'unquoted'
    | 'octal'
    | 'required'
    | 'enum'
    | 'minimum'
    | 'percent'
    | 'fileMode'
    | 'exclusive'
    | 'onlyWith'
    | 'selectorMismatch'
    | 'emptySelector';
  pointer: string;
  /** Point at the key (unknown fields), the value, or the value even when it is a mapping or a list (`node`: wrong types). */
  at: 'key' | 'value' | 'node';
  data: Record<string, string>;
  /**
   * The fix quotes the scalar kubectl misreads (an unquoted word it reads as a boolean or a number), at
   * these offsets; `alias` when the pointer reaches it through an alias (the anchor's text is quoted).
   */
  quote?: { range: [number, number]; alias: boolean };
}

/** kubectl's reading of the scalar at a pointer where it differs from kubelore's (core's kubectlReadingAt). */
export type ReadAs = (pointer: string, value: unknown) => KubectlReading | undefined;

/** Resolves `$ref: #/definitions/<name>` against the release's definitions. */
export type Resolve = (name: string) => Schema | undefined;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
};

/** The definition's short name for messages: `io.k8s.api.core.v1.Container` → `Container`. */
export function shortName(ref: string): string {
  return ref.slice(ref.lastIndexOf('.') + 1);
}

/** The closest declared field to a misspelt one: same letters in another case, or up to two edits away. */
export function didYouMean(field: string, candidates: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** `the boolean true`, `the integer 420`: how a message names what kubectl sends. */
function describeSent(value: unknown): string {
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'the integer' : 'the number'} ${value}`;
  return value === null ? 'null' : `the ${typeof value} ${String(value)}`;
}

// Fields whose integers are file modes, written in octal on purpose (`defaultMode: 0644`).
const MODE_FIELD = /mode$|perm|umask/i;

/**
 * Validates a value against a schema the way the API server decodes it: unknown fields are errors (except
 * under `x-kubernetes-preserve-unknown-fields` and in maps), `null` means unset, int-or-string and
 * quantities accept both. One problem per field: a wrong type is not also reported for its children.
 * Scalars are judged as kubectl sends them (`readAs`): an unquoted `yes` is a boolean, `0644` is 420.
 */
export function validate(value: unknown, schema: Schema, pointer: string, owner: string, resolve: Resolve, problems: SchemaProblem[], readAs?: ReadAs): void {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const target = resolve(name);
    // Messages name the object a field belongs to; wrappers such as Quantity or IntOrString are not one.
    if (target) validate(value, target, pointer, target.properties ? shortName(name) : owner, resolve, problems, readAs);
    return;
  }
  // A YAML key with no value is null, which the API server treats as the field being unset.
  if (value === null || value === undefined) return;
  const reading = readAs && (typeof value === 'string' || typeof value === 'number') ? readAs(pointer, value) : undefined;
  const sent = reading ? reading.value : value;
  // A wrong type; where kubelore's reading, a string, would have been right, quoting the scalar fixes it.
  const mismatch = (expected: string, takesString: boolean) => {
    const field = fieldOf(pointer);
    if (reading && typeof value === 'string' && takesString) {
      problems.push({ kind: 'unquoted', pointer, at: 'value', quote: { range: reading.range, alias: reading.alias === true }, data: { field, owner, text: reading.text, sent: describeSent(sent), actual: typeName(sent), expected } });
    } else {
      problems.push({ kind: 'type', pointer, at: 'node', data: { field, owner, expected, actual: typeName(sent) } });
    }
  };
  // A leading-zero integer is octal for kubectl: the API server gets another number than the one written.
  const noteOctal = () => {
    const field = fieldOf(pointer);
    if (!reading || typeof value !== 'number' || typeof sent !== 'number' || MODE_FIELD.test(field)) return;
    problems.push({ kind: 'octal', pointer, at: 'value', data: { field, owner, text: reading.text, sent: String(sent), written: String(value) } });
  };
  if (schema['x-kubernetes-int-or-string'] || isIntOrString(schema)) {
    if (typeof sent !== 'string' && !(typeof sent === 'number' && Number.isInteger(sent))) mismatch('an integer or a string', true);
    else noteOctal();
    return;
  }
  if (isQuantity(schema)) {
    if (typeof sent !== 'string' && typeof sent !== 'number') mismatch('a quantity (a number or a string such as 500m or 1Gi)', true);
    else noteOctal();
    return;
  }
  for (const part of schema.allOf ?? []) validate(value, part, pointer, owner, resolve, problems, readAs);
  const type = schema.type;
  if (type && !hasType(sent, type)) {
    mismatch(EXPECTED[type] ?? type, type === 'string');
    return;
  }
  if (schema.enum && !schema.enum.includes(sent)) {
    problems.push({ kind: 'enum', pointer, at: 'value', data: { field: fieldOf(pointer), owner, allowed: schema.enum.map((v) => JSON.stringify(v)).join(', ') } });
    return;
  }
  noteOctal();
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => validate(item, schema.items!, joinPointer(pointer, i), owner, resolve, problems, readAs));
    return;
  }
  if (isPlainObject(value)) validateObject(value, schema, pointer, owner, resolve, problems, readAs);
}

function validateObject(value: Record<string, unknown>, schema: Schema, pointer: string, owner: string, resolve: Resolve, problems: SchemaProblem[], readAs?: ReadAs): void {
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  const properties = schema.properties;
  const additional = schema.additionalProperties;
  // An object schema that declares nothing (RawExtension, free-form fields) accepts anything.
  if (!properties && additional === undefined) return;
  for (const [key, child] of Object.entries(value)) {
    const childPointer = joinPointer(pointer, key);
    const declared = properties?.[key];
    if (declared) validate(child, declared, childPointer, owner, resolve, problems, readAs);
    else if (isPlainObject(additional)) validate(child, additional as Schema, childPointer, owner, resolve, problems, readAs);
    else if (additional !== true) {
      const suggestion = didYouMean(key, Object.keys(properties ?? {}));
      problems.push({ kind: 'unknown', pointer: childPointer, at: 'key', data: { field: key, owner, suggestion: suggestion ? `; did you mean \`${suggestion}\`?` : '.' } });
    }
  }
  for (const field of schema.required ?? []) {
    if (value[field] === undefined) problems.push({ kind: 'required', pointer, at: 'key', data: { field, owner } });
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

// The alternatives' types of a schema, `integer,string` for an int-or-string: once per schema, not per value.
const alternativesBySchema = new WeakMap<Schema, string | undefined>();

function alternativeTypes(schema: Schema): string | undefined {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (!alternatives) return undefined;
  if (alternativesBySchema.has(schema)) return alternativesBySchema.get(schema);
  const types = alternatives.map((s) => s.type).sort().join(',');
  alternativesBySchema.set(schema, types);
  return types;
}

function isIntOrString(schema: Schema): boolean {
  return alternativeTypes(schema) === 'integer,string';
}

function isQuantity(schema: Schema): boolean {
  return alternativeTypes(schema) === 'number,string';
}

/** `/spec/ports/0` → `ports[0]`: the field a message names, with its list index. */
function fieldOf(pointer: string): string {
  const segments = parsePointer(pointer);
  let end = segments.length;
  while (end > 0 && /^\d+$/.test(segments[end - 1]!)) end--;
  const name = end > 0 ? segments[end - 1]! : '';
  return name + segments.slice(end).map((index) => `[${index}]`).join('');
}
