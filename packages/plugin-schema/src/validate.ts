import { editDistance, isPlainObject, joinPointer, kubectlMayReadOtherwise, parsePointer, type KubectlReading } from '@kubelore/core';
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

/**
 * kubectl's reading of the scalar at a pointer where it differs from kubelore's (core's kubectlReadingAt).
 * The pointer may be given as a function: the validator builds one only for a scalar that needs it. The
 * validator asks only of values for which core's kubectlMayReadOtherwise holds (the others read alike).
 */
export type ReadAs = (pointer: string | (() => string), value: unknown) => KubectlReading | undefined;

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
  check(value, viewOf(schema), pointer, undefined, owner, { resolve, problems, readAs });
}

/**
 * Where a value is: the pointer of the object, or a field or item under another place. The walk visits
 * every value of every object and nearly all are fine, so a pointer string is built only when a problem
 * or kubectl's reading of a scalar needs it, and then kept on the place.
 */
type Place = string | { parent: Place; segment: string | number; pointer?: string };

function pointerOf(place: Place): string {
  if (typeof place === 'string') return place;
  if (place.pointer !== undefined) return place.pointer;
  const segments: Array<string | number> = [];
  let at: Place = place;
  while (typeof at !== 'string' && at.pointer === undefined) {
    segments.push(at.segment);
    at = at.parent;
  }
  return (place.pointer = joinPointer(typeof at === 'string' ? at : at.pointer!, ...segments.reverse()));
}

// `#/definitions/io.k8s.api.core.v1.Container` → the definition's name and the owner it gives its fields, once per reference.
const references = new Map<string, { name: string; owner: string }>();

function referenceOf(ref: string): { name: string; owner: string } {
  let found = references.get(ref);
  if (!found) {
    const name = ref.replace('#/definitions/', '');
    references.set(ref, (found = { name, owner: shortName(name) }));
  }
  return found;
}

/**
 * What the walk reads of a schema, read once per schema: the vendored schemas come in hundreds of
 * shapes, so reading their fields for every value is slow; this view has one shape. The views of its
 * fields, items and reference target are kept on it as the walk first needs them: the walk then goes
 * from view to view without looking each schema up again.
 */
interface View {
  ref: { name: string; owner: string } | undefined;
  /** An int-or-string or a quantity: a scalar of either type, nothing more to check. */
  scalar: 'int-or-string' | 'quantity' | undefined;
  allOf: Schema[] | undefined;
  type: string | undefined;
  enum: unknown[] | undefined;
  items: Schema | undefined;
  /** Whether a mapping's fields are checked (not preserve-unknown-fields, and something is declared). */
  fields: boolean;
  properties: Record<string, Schema> | undefined;
  additional: Schema | boolean | undefined;
  required: string[] | undefined;
  /** Views of declared fields, by name (null: not declared), filled as fields are met. */
  fieldViews: Map<string, View | null> | undefined;
  itemsView: View | undefined;
  additionalView: View | undefined;
  /** The reference's target as `resolvedBy` resolved it (a target's view, or null for none). */
  resolvedBy: Resolve | undefined;
  target: View | null;
}

const views = new WeakMap<Schema, View>();

function viewOf(schema: Schema): View {
  let view = views.get(schema);
  if (!view) {
    const properties = schema.properties;
    const additional = schema.additionalProperties;
    view = {
      ref: schema.$ref ? referenceOf(schema.$ref) : undefined,
      scalar: schema['x-kubernetes-int-or-string'] || isIntOrString(schema) ? 'int-or-string' : isQuantity(schema) ? 'quantity' : undefined,
      allOf: schema.allOf,
      type: schema.type,
      enum: schema.enum,
      items: schema.items,
      // An object schema that declares nothing (RawExtension, free-form fields) accepts anything.
      fields: !schema['x-kubernetes-preserve-unknown-fields'] && Boolean(properties || additional !== undefined),
      properties,
      additional,
      required: schema.required,
      fieldViews: undefined,
      itemsView: undefined,
      additionalView: undefined,
      resolvedBy: undefined,
      target: null,
    };
    views.set(schema, view);
  }
  return view;
}

function fieldView(view: View, key: string): View | undefined {
  const known = (view.fieldViews ??= new Map()).get(key);
  if (known !== undefined) return known ?? undefined;
  // Own properties only: a field named `constructor` or `toString` is not declared by Object.prototype.
  const declared = view.properties && Object.hasOwn(view.properties, key) ? view.properties[key] : undefined;
  const found = declared ? viewOf(declared) : null;
  view.fieldViews.set(key, found);
  return found ?? undefined;
}

function targetOf(view: View, resolve: Resolve): View | undefined {
  if (view.resolvedBy !== resolve) {
    const target = resolve(view.ref!.name);
    view.resolvedBy = resolve;
    view.target = target ? viewOf(target) : null;
  }
  return view.target ?? undefined;
}

/** A wrong type; where kubelore's reading, a string, would have been right, quoting the scalar fixes it. */
function mismatch(problems: SchemaProblem[], place: Place, owner: string, reading: KubectlReading | undefined, value: unknown, sent: unknown, expected: string, takesString: boolean): void {
  const pointer = pointerOf(place);
  const field = fieldOf(pointer);
  if (reading && typeof value === 'string' && takesString) {
    problems.push({ kind: 'unquoted', pointer, at: 'value', quote: { range: reading.range, alias: reading.alias === true }, data: { field, owner, text: reading.text, sent: describeSent(sent), actual: typeName(sent), expected } });
  } else {
    problems.push({ kind: 'type', pointer, at: 'node', data: { field, owner, expected, actual: typeName(sent) } });
  }
}

/** A leading-zero integer is octal for kubectl: the API server gets another number than the one written. */
function noteOctal(problems: SchemaProblem[], place: Place, owner: string, reading: KubectlReading | undefined, value: unknown, sent: unknown): void {
  if (!reading || typeof value !== 'number' || typeof sent !== 'number') return;
  const pointer = pointerOf(place);
  const field = fieldOf(pointer);
  if (MODE_FIELD.test(field)) return;
  problems.push({ kind: 'octal', pointer, at: 'value', data: { field, owner, text: reading.text, sent: String(sent), written: String(value) } });
}

/** The place of a value: its parent's place and its key or index (none: the parent's place itself). */
function placeOf(parent: Place, segment: string | number | undefined): Place {
  return segment === undefined ? parent : { parent, segment };
}

/** kubectl's reading of a scalar; the closure that builds its pointer is made here, for scalars only. */
function readingOf(readAs: ReadAs, place: Place, value: string | number): KubectlReading | undefined {
  return readAs(() => pointerOf(place), value);
}

/** What one validation shares down the walk: how references resolve, where problems go, kubectl's reading. */
interface Walk {
  resolve: Resolve;
  problems: SchemaProblem[];
  readAs: ReadAs | undefined;
}

/**
 * Checks the value at `segment` of `parent` (or at `parent` itself). Most values are fine leaves: their
 * place (and pointer) is made only when a problem, kubectl's reading or a child needs it.
 */
function check(value: unknown, view: View, parent: Place, segment: string | number | undefined, owner: string, walk: Walk): void {
  // A field is most often a reference to a definition: followed here rather than by another call.
  while (view.ref) {
    const target = targetOf(view, walk.resolve);
    if (!target) return;
    // Messages name the object a field belongs to; wrappers such as Quantity or IntOrString are not one.
    if (target.properties) owner = view.ref.owner;
    view = target;
  }
  // A YAML key with no value is null, which the API server treats as the field being unset.
  if (value === null || value === undefined) return;
  const { problems, readAs } = walk;
  let place: Place | undefined;
  // Nearly every scalar reads alike for kubectl: a place and a pointer closure only for those that may not.
  const reading = readAs && kubectlMayReadOtherwise(value) ? readingOf(readAs, (place = placeOf(parent, segment)), value as string | number) : undefined;
  const sent = reading ? reading.value : value;
  if (view.scalar === 'int-or-string') {
    if (typeof sent !== 'string' && !(typeof sent === 'number' && Number.isInteger(sent))) mismatch(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent, 'an integer or a string', true);
    else if (reading) noteOctal(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent);
    return;
  }
  if (view.scalar === 'quantity') {
    if (typeof sent !== 'string' && typeof sent !== 'number') mismatch(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent, 'a quantity (a number or a string such as 500m or 1Gi)', true);
    else if (reading) noteOctal(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent);
    return;
  }
  if (view.allOf) {
    place ??= placeOf(parent, segment);
    for (const part of view.allOf) check(value, viewOf(part), place, undefined, owner, walk);
  }
  const type = view.type;
  if (type && !hasType(sent, type)) {
    mismatch(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent, (Object.hasOwn(EXPECTED, type) ? EXPECTED[type] : type), type === 'string');
    return;
  }
  if (view.enum && !view.enum.includes(sent)) {
    notInEnum(problems, (place ??= placeOf(parent, segment)), owner, view.enum);
    return;
  }
  if (reading) noteOctal(problems, (place ??= placeOf(parent, segment)), owner, reading, value, sent);
  if (Array.isArray(value) && view.items) {
    const items = (view.itemsView ??= viewOf(view.items));
    place ??= placeOf(parent, segment);
    for (let i = 0; i < value.length; i++) check(value[i], items, place, i, owner, walk);
    return;
  }
  if (view.fields && isPlainObject(value)) checkFields(value, view, (place ??= placeOf(parent, segment)), owner, walk);
}

function checkFields(value: Record<string, unknown>, view: View, place: Place, owner: string, walk: Walk): void {
  const additional = view.additional;
  // `for in` over a parsed mapping (own keys only, in Object.keys' order) reads each value by the
  // mapping's own layout instead of a look-up by name, and builds no array of keys.
  for (const key in value) {
    const declared = fieldView(view, key);
    if (declared) check(value[key], declared, place, key, owner, walk);
    else if (isPlainObject(additional)) check(value[key], (view.additionalView ??= viewOf(additional as Schema)), place, key, owner, walk);
    else if (additional !== true) unknownField(walk.problems, place, key, owner, view.properties);
  }
  if (view.required) {
    for (const field of view.required) {
      if (value[field] === undefined) walk.problems.push({ kind: 'required', pointer: pointerOf(place), at: 'key', data: { field, owner } });
    }
  }
}

function notInEnum(problems: SchemaProblem[], place: Place, owner: string, allowed: unknown[]): void {
  const pointer = pointerOf(place);
  problems.push({ kind: 'enum', pointer, at: 'value', data: { field: fieldOf(pointer), owner, allowed: allowed.map((v) => JSON.stringify(v)).join(', ') } });
}

function unknownField(problems: SchemaProblem[], place: Place, key: string, owner: string, properties: Record<string, Schema> | undefined): void {
  const suggestion = didYouMean(key, Object.keys(properties ?? {}));
  problems.push({ kind: 'unknown', pointer: pointerOf({ parent: place, segment: key }), at: 'key', data: { field: key, owner, suggestion: suggestion ? `; did you mean \`${suggestion}\`?` : '.' } });
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
