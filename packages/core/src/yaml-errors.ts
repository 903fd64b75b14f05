import type { LineCounter } from 'yaml';

// The parser's own messages quote the source (`Block scalar header includes extra characters: >s3cr3t`),
// so a password written after `>` would reach every report. Findings describe a YAML error in our words,
// chosen by its code; the parser's message is only matched against the parser's fixed phrasings to pick
// the more specific of our descriptions, and never copied.

interface Variant {
  /** A phrase of the parser's message (matched, never shown). */
  when: RegExp;
  say: string;
}

const BY_CODE: Record<string, { say: string; variants?: Variant[] }> = {
  ALIAS_PROPS: { say: 'an alias (`*name`) carries an anchor or a tag, which YAML does not allow' },
  BAD_ALIAS: { say: 'an anchor or alias name is empty or ends in `:`' },
  BAD_COLLECTION_TYPE: { say: 'a tag names a different collection type than the value it is on' },
  BAD_DIRECTIVE: { say: 'a `%` directive line is not a directive YAML knows' },
  BAD_DQ_ESCAPE: { say: 'a double-quoted string holds a backslash escape that YAML does not define' },
  BAD_INDENT: {
    say: 'the indentation does not match the structure around it',
    variants: [
      { when: /sequence items must start at the same column/i, say: 'the items of a list do not start at the same column' },
      { when: /Flow sequence in block collection/i, say: 'a flow list (`[ … ]`) in a block is not indented past its key or not closed with `]`' },
      { when: /Flow (map|mapping) in block collection/i, say: 'a flow mapping (`{ … }`) in a block is not indented past its key or not closed with `}`' },
      { when: /indent/i, say: 'a line is indented less or more than its place in the structure needs' },
    ],
  },
  BAD_PROP_ORDER: { say: 'an anchor or tag stands before a `-`, `?` or `:` indicator instead of after it' },
  BAD_SCALAR_START: { say: 'an unquoted value starts with a character YAML reserves; quote the value' },
  BLOCK_AS_IMPLICIT_KEY: { say: 'a block list or nested mapping stands where only a one-line key may' },
  BLOCK_IN_FLOW: { say: 'block syntax (a `-` item or an indented entry) inside a flow collection (`[ ]` or `{ }`)' },
  DUPLICATE_KEY: { say: 'a mapping repeats a key' },
  IMPOSSIBLE: { say: 'the parser reached a state it cannot continue from' },
  KEY_OVER_1024_CHARS: { say: 'a key without `?` is longer than 1024 characters' },
  MISSING_CHAR: {
    say: 'a character YAML requires here is missing',
    variants: [
      { when: /closing "quote/, say: 'a double-quoted string is not closed (no ending `"`)' },
      { when: /closing 'quote/, say: "a single-quoted string is not closed (no ending `'`)" },
      { when: /Missing , or :/, say: 'a flow collection lacks a `,` or `:` between two items' },
      { when: /Missing , between/, say: 'a flow collection lacks a `,` between two items' },
      { when: /space after :/, say: 'a `:` in a flow collection is not followed by a space' },
      { when: /followed by map values/, say: 'a key is not followed by `:` and a value' },
      { when: /without - indicator/, say: 'a line inside a list does not start with `-`' },
      { when: /Comments must be separated/, say: 'a `#` comment is not separated from the text before it by a space' },
      { when: /Tags and anchors must be separated/, say: 'an anchor or tag is not followed by a space' },
      { when: /directives-end/, say: 'a `---` line is missing after the directives or before the collection' },
      { when: /Flow sequence must end/, say: 'a flow list (`[ … ]`) is not closed with `]`' },
      { when: /Flow (map|mapping) must end/, say: 'a flow mapping (`{ … }`) is not closed with `}`' },
    ],
  },
  MULTILINE_IMPLICIT_KEY: { say: 'a key spans more than one line (often a missing `:` or a value not indented under its key)' },
  MULTIPLE_ANCHORS: { say: 'a value has more than one anchor' },
  MULTIPLE_DOCS: { say: 'more than one document where one is expected' },
  MULTIPLE_TAGS: { say: 'a value has more than one tag' },
  NON_STRING_KEY: { say: 'a mapping or list is used as a key' },
  RESOURCE_EXHAUSTION: { say: 'the document needs more resources to read than allowed' },
  TAB_AS_INDENT: { say: 'a tab is used for indentation; YAML allows only spaces' },
  TAG_RESOLVE_FAILED: { say: 'a tag (`!name`) is unknown or does not accept the value it is on' },
  UNEXPECTED_TOKEN: {
    say: 'text stands where the structure around it does not allow any',
    variants: [
      { when: /Block scalar header includes extra characters/, say: 'a block scalar indicator (`|` or `>`) has text after it on its line; the value belongs on the next lines, indented' },
      { when: /Unexpected , in/, say: 'a stray `,`' },
      { when: /empty item/, say: 'an empty item in a flow collection' },
      { when: /flow scalar value/, say: 'a value is expected here' },
      { when: /at node end/, say: 'text follows a value that has already ended' },
    ],
  },
};

interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

/** A finding's message for a YAML error: the code, the position and our description; no text of the file. */
export function describeYamlError(error: YamlErrorLike, lineCounter: LineCounter): string {
  const entry = BY_CODE[error.code];
  const say = entry?.variants?.find((variant) => variant.when.test(error.message))?.say ?? entry?.say ?? 'the parser could not read the YAML here';
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const code = /^[A-Z0-9_]{1,40}$/.test(error.code) ? error.code : 'UNKNOWN';
  return `YAML syntax error (${code}) at line ${line}, column ${col}: ${say}.`;
}
