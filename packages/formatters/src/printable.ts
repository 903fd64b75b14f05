// Text from manifests reaches terminals and CI logs through messages (a key a schema message names, a
// file name). An escape sequence there could recolour, hide or forge lines of a log (`\x1b[2K`, a bare
// carriage return that overwrites the line, a bidirectional override that reorders it). Human-readable
// formats show such characters as visible escapes instead.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control, line-separator and bidirectional-override characters as `\xNN` / `\uNNNN`; tabs and newlines kept. */
export function printable(text: string): string {
  return text.replace(CONTROL, escape);
}

/** The same, for text that must stay on one line: newlines are escaped too. */
export function printableLine(text: string): string {
  return text.replace(CONTROL_OR_NEWLINE, escape);
}
