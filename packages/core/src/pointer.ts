/** JSON pointers (RFC 6901): how rules name a place inside an object. */

export type PointerSegment = string | number;

function escapeSegment(segment: PointerSegment): string {
  const text = String(segment);
  // Most segments (field names, indexes) need no escaping: skip the two replaces.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  // As escapeSegment: most segments have nothing to unescape.
  if (!segment.includes('~')) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `joinPointer('/spec', 'containers', 0)` → `/spec/containers/0`. */
export function joinPointer(base: string, ...segments: PointerSegment[]): string {
  let out = base === '/' ? '' : base;
  for (const segment of segments) out += '/' + escapeSegment(segment);
  return out;
}

/** Splits a pointer into its unescaped segments; `''` is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${pointer}`);
  const segments = pointer.slice(1).split('/');
  // Most pointers have nothing escaped: no second array to build for them.
  if (pointer.includes('~')) for (let i = 0; i < segments.length; i++) segments[i] = unescapeSegment(segments[i]!);
  return segments;
}

/** Reads the value at a pointer in a plain object, or undefined when any step is missing. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
