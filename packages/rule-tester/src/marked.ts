/** Where a marker stood in a manifest: 1-based, as findings count. */
export interface MarkedPosition {
  line: number;
  column: number;
}

export interface Marked {
  /** The manifest without its markers. */
  code: string;
  /** The position of a marker, by name; throws for a name the text does not mark. */
  at(name: string): MarkedPosition;
}

// ⟨name⟩: characters no manifest, template language or YAML indicator uses.
const MARKER = /⟨([\w-]+)⟩/g;

/**
 * Test manifests with positions marked in the text instead of computed by arithmetic:
 *
 *     const { code, at } = marked(`spec:\n  containers:\n    - ⟨web⟩name: web\n`);
 *     errors: [{ messageId: 'missing', ...at('web') }]
 *
 * Each `⟨name⟩` is removed and its line and column kept; a name may be used once.
 */
export function marked(text: string): Marked {
  const positions = new Map<string, MarkedPosition>();
  let code = '';
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (const match of text.matchAll(MARKER)) {
    const before = text.slice(cursor, match.index);
    for (let newline = before.indexOf('\n'); newline !== -1; newline = before.indexOf('\n', newline + 1)) {
      line++;
      lineStart = code.length + newline + 1;
    }
    code += before;
    const name = match[1]!;
    if (positions.has(name)) throw new Error(`marked(): the marker ⟨${name}⟩ is used twice`);
    positions.set(name, { line, column: code.length - lineStart + 1 });
    cursor = match.index + match[0].length;
  }
  code += text.slice(cursor);
  return {
    code,
    at(name) {
      const position = positions.get(name);
      if (!position) throw new Error(`marked(): no marker ⟨${name}⟩ in the text (markers: ${[...positions.keys()].join(', ') || 'none'})`);
      return { ...position };
    },
  };
}
