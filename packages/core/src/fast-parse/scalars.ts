// Scalar values exactly as yaml's composer gives them (compose-scalar), through the package's public
// API only: CST.resolveAsScalar for the source text of a token, and the tags of the schema a Document
// made with the linter's options uses, tried in the same order the composer tries them.
import { CST, Document, isScalar, type ScalarTag } from 'yaml';
import { unsupported } from './unsupported.js';

/** The options source.ts parses with; the Document made from them carries the schema and its options. */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

const reference = new Document(undefined, PARSE_OPTIONS);
const options = reference.options;
if (reference.schema.name !== 'core' || reference.schema.compat) {
  // The fast path resolves plain scalars like the YAML 1.2 core schema; anything else must not use it.
  throw new Error(`fast-parse: unexpected default schema ${reference.schema.name}`);
}
/** Tags a plain scalar is matched against (findScalarTagByTest): default ones with a test, in order. */
const PLAIN_TAGS = reference.schema.tags.filter((tag): tag is ScalarTag => tag.default === true && !tag.collection && tag.test !== undefined);
/** The fallback for plain scalars and the tag of every quoted or block scalar (schema[SCALAR]). */
const STRING_TAG = reference.schema.tags.find((tag): tag is ScalarTag => tag.tag === 'tag:yaml.org,2002:str' && !tag.collection);
if (!STRING_TAG) throw new Error('fast-parse: the core schema has no string tag');

const refuse = (): never => unsupported('scalar error or warning');

export type ScalarType = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface ResolvedScalar {
  value: unknown;
  type: ScalarType;
  /** As a composed Scalar's range: start, value end, node end (after trailing comments). */
  range: [number, number, number];
}

/** The plain value of a scalar's resolved source, as its tag resolves it. */
function resolveWithTag(tag: ScalarTag, source: string): unknown {
  let resolved: unknown;
  try {
    resolved = tag.resolve(source, refuse, options);
  } catch (error) {
    // The composer reports a throwing tag as TAG_RESOLVE_FAILED.
    if (error instanceof Error && error.name === 'Unsupported') throw error;
    unsupported('tag resolution failed');
  }
  return isScalar(resolved) ? resolved.value : resolved;
}

/** The value of a plain scalar's (folded) source: the first default tag whose test matches, or a string. */
export function plainValue(source: string): unknown {
  for (const tag of PLAIN_TAGS) if (tag.test!.test(source)) return resolveWithTag(tag, source);
  return resolveWithTag(STRING_TAG!, source);
}

/**
 * Resolves a flow or block scalar token. Strict, as the composer is with default options; any error it
 * reports refuses the input. (For block scalars resolveAsScalar knows no context and is stricter at the
 * document root than the composer: that only refuses more.)
 */
export function resolveScalar(token: CST.FlowScalar | CST.BlockScalar): ResolvedScalar {
  const resolved = CST.resolveAsScalar(token, true, refuse);
  if (!resolved.type) unsupported('scalar without a type');
  const type = resolved.type as ScalarType;
  const value = type === 'PLAIN' ? plainValue(resolved.value) : resolveWithTag(STRING_TAG!, resolved.value);
  // A multi-line scalar (a CRD's description, a folded block) is resolved by concatenating its lines:
  // in V8 a rope of pieces that stays for the whole run, several times the size of the flat text (about
  // 8 MB per copy of the corpus). Reading a character flattens it; the pieces are then garbage.
  if (typeof value === 'string' && value.length > 64) value.charCodeAt(0);
  return { value, type, range: resolved.range as [number, number, number] };
}
