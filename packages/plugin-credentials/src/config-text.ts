/**
 * Key/value pairs of configuration files as ConfigMaps and Secrets hold them in their data: YAML, INI,
 * TOML, Java properties, env files and JSON, one pair per line (JSON written on one line too). Only what a
 * credential check needs: each value with its offsets in the text, comments skipped.
 */

export interface ConfigPair {
  key: string;
  /** How a finding names the key, when it is not the key itself (`Authorization: Bearer`). */
  label?: string;
  value: string;
  /** `[start, end)` of the value in the text, quotes excluded. */
  start: number;
  end: number;
}

const COMMENT_LINE = /^\s*(#|;|\/\/|<!--|\/?\*)/;
// `key: value`, `key = value`, `"key": "value"`, `export KEY=value`, `key => value` (Logstash, Ruby); a
// YAML list item's `- key: value` too.
const PAIR = /(?:^|[\s{,;(])(["']?)([A-Za-z_][\w.\-]*)\1[ \t]*(?:=>|=|:(?=[ \t"']|$))[ \t]*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;'"#}]+(?:[ \t]+[^\s,;'"#}]+)*)?/g;

/** Whether a data entry holds a configuration file rather than a single value: several lines, JSON, or a file name. */
export function isConfigText(text: string, key = ''): boolean {
  return text.trim().includes('\n') || /^\s*[{[]/.test(text) || /\.(ya?ml|json|ini|toml|conf|cfg|properties|env|txt|xml)$/i.test(key);
}

// A comment character cuts the line only after a space.
const COMMENT_AFTER_SPACE = /\s[#;]/;

function cutTrailingComment(line: string): string {
  // Most lines have no comment character after a space (a dashboard's colours are `"#7EB26D"`): no need to walk them.
  if ((!line.includes('#') && !line.includes(';')) || !COMMENT_AFTER_SPACE.test(line)) return line;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if ((char === '#' || char === ';') && i > 0 && /\s/.test(line[i - 1]!)) return line.slice(0, i);
  }
  return line;
}

export function configPairs(text: string): ConfigPair[] {
  const pairs: ConfigPair[] = [];
  let lineStart = 0;
  for (const rawLine of text.split('\n')) {
    const offset = lineStart;
    lineStart += rawLine.length + 1;
    if (rawLine.trim() === '' || COMMENT_LINE.test(rawLine)) continue;
    const line = cutTrailingComment(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine);
    // exec in a loop rather than matchAll, which copies the expression for every line (three times slower here).
    PAIR.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = PAIR.exec(line)) !== null) {
      const raw = match[3];
      if (raw === undefined) continue;
      // trimEnd drops what `\s+$` matches, without the expression's retries at every inner space.
      let value = raw.trimEnd();
      let start = offset + match.index! + match[0].length - raw.length;
      if (/^["']/.test(value) && value.length >= 2 && value.endsWith(value[0]!)) {
        value = value.slice(1, -1);
        start += 1;
      }
      const key = match[2]!;
      // `Authorization: Bearer abc…`: the token is the credential.
      const scheme = /^(Bearer|Basic|Token)\s+(\S+)$/i.exec(value);
      if (scheme) {
        start += value.length - scheme[2]!.length;
        pairs.push({ key: `${key}_${scheme[1]!.toLowerCase()}_token`, label: `${key}: ${scheme[1]}`, value: scheme[2]!, start, end: start + scheme[2]!.length });
        continue;
      }
      pairs.push({ key, value, start, end: start + value.length });
    }
  }
  return pairs;
}
