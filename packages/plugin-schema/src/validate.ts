import { editDistance, isPlainObject, joinPointer, parsePointer } from '@kubelore/core';
import type { Schema } from './data.js';

/** One problem, in Kubernetes terms, at the field it is about. */
export interface SchemaProblem {
  kind: 'unknown' | 'type' | 'required' | 'enum' | 'minimum' | 'percent' | 'exclusive' | 'onlyWith' | 'selectorMismatch' | 'emptySelector';
  pointer: string;
  /** Point at the key (unknown fields), the value, or the value even when it is a mapping or a list (`node`: wrong types). */
  at: 'key' | 'value' | 'node';
  data: Record<string, string>;
}

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


/**
 * Validates a value against a schema the way the API server decodes it: unknown fields are errors (except
 * under `x-kubernetes-preserve-unknown-fields` and in maps), `null` means unset, int-or-string and
 * quantities accept both. One problem per field: a wrong type is not also reported for its children.
 */
const YAML_11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

export function validate(value: unknown, schema: Schema, pointer: string, owner: string, resolve: Resolve, problems: SchemaProblem[]): void {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const target = resolve(name);
    // Messages name the object a field belongs to; wrappers such as Quantity or IntOrString are not one.
    if (target) validate(value, target, pointer, target.properties ? shortName(name) : owner, resolve, problems);
    return;
  }
  // A YAML key with no value is null, which the API server treats as the field being unset.
  if (value === null || value === undefined) return;
  if (schema['x-kubernetes-int-or-string'] || isIntOrString(schema)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
      problems.push({ kind: 'type', pointer, at: 'node', data: { field: fieldOf(pointer), owner, expected: 'an integer or a string', actual: typeName(value) } });
    }
    return;
  }
  if (isQuantity(schema)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push({ kind: 'type', pointer, at: 'node', data: { field: fieldOf(pointer), owner, expected: 'a quantity (a number or a string such as 500m or 1Gi)', actual: typeName(value) } });
    }
    return;
  }
  for (const part of schema.allOf ?? []) validate(value, part, pointer, owner, resolve, problems);
  const type = schema.type;
  // kubectl reads YAML through sigs.k8s.io/yaml, whose YAML 1.1 rules make `on`, `yes`, `off`, `n`
  // booleans; the YAML 1.2 parser here reads them as strings. The API server gets a boolean.
  if (type === 'boolean' && typeof value === 'string' && YAML_11_BOOLEAN.test(value)) return;
  if (type && !hasType(value, type)) {
    problems.push({ kind: 'type', pointer, at: 'node', data: { field: fieldOf(pointer), owner, expected: EXPECTED[type] ?? type, actual: typeName(value) } });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push({ kind: 'enum', pointer, at: 'value', data: { field: fieldOf(pointer), owner, allowed: schema.enum.map((v) => JSON.stringify(v)).join(', ') } });
    return;
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => validate(item, schema.items!, joinPointer(pointer, i), owner, resolve, problems));
    return;
  }
  if (isPlainObject(value)) validateObject(value, schema, pointer, owner, resolve, problems);
}

function validateObject(value: Record<string, unknown>, schema: Schema, pointer: string, owner: string, resolve: Resolve, problems: SchemaProblem[]): void {
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  const properties = schema.properties;
  const additional = schema.additionalProperties;
  // An object schema that declares nothing (RawExtension, free-form fields) accepts anything.
  if (!properties && additional === undefined) return;
  for (const [key, child] of Object.entries(value)) {
    const childPointer = joinPointer(pointer, key);
    const declared = properties?.[key];
    if (declared) validate(child, declared, childPointer, owner, resolve, problems);
    else if (isPlainObject(additional)) validate(child, additional as Schema, childPointer, owner, resolve, problems);
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
