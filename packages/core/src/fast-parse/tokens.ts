// Token-level helpers that mirror yaml's composer (compose/resolve-props, resolve-end,
// util-empty-scalar-position, util-contains-newline) for the subset the fast path accepts. Every
// situation in which the composer would report an error or warning throws Unsupported instead; some
// situations it accepts are refused too (tabs in indentation, anchors, tags), which only costs speed.
import type { CST } from 'yaml';
import { unsupported } from './unsupported.js';

/** What the fast path needs from the tokens in front of a node (resolveProps' result, reduced). */
export interface Props {
  /** The indicator (`-`, `:`, `---`) when present. */
  found: CST.SourceToken | null;
  /** Whether a flow-collection comma was among the tokens. */
  comma: boolean;
  /** Whether a line break was among the tokens. */
  hasNewline: boolean;
  /** Whether a comment was among the tokens: an empty node then ends at `end` (composeEmptyNode). */
  comment: boolean;
  /** Offset just after the last token, or the given offset when there were none. */
  end: number;
}

/**
 * Reads the space, comments, line breaks, indicator and (in flow collections) comma in front of a node,
 * as the composer's resolveProps does, and refuses what it would complain about: a second indicator or
 * comma, a comment not preceded by white space, anchors, tags, any other token. Tabs outside flow
 * collections are refused outright: the composer's tab-as-indentation rules depend on context.
 */
export function scanProps(
  tokens: readonly CST.SourceToken[],
  indicator: 'doc-start' | 'explicit-key-ind' | 'map-value-ind' | 'seq-item-ind',
  flow: boolean,
  offset: number,
  startOnNewline: boolean,
): Props {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let comment = false;
  let comma = false;
  let found: CST.SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (!flow && token.source.includes('\t')) unsupported('tab in indentation or separation');
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) unsupported('comment without white space before it');
        comment = true;
        break;
      case 'newline':
        hasNewline = true;
        hasSpace = true;
        break;
      case 'comma':
        if (!flow || comma) unsupported('unexpected comma');
        comma = true;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || found) unsupported(`unexpected ${token.type} token`);
        found = token;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, comma, hasNewline, comment, end: last ? last.offset + last.source.length : offset };
}

/**
 * The offset after the space, comments and line breaks that end a node or document (resolveEnd).
 * `reqSpace`: a comment must follow white space, as the composer demands where it is strict.
 */
export function scanEnd(tokens: readonly CST.SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  if (!tokens) return offset;
  let hasSpace = false;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'newline':
        hasSpace = true;
        break;
      case 'comment':
        if (reqSpace && !hasSpace) unsupported('comment without white space before it');
        break;
      default:
        unsupported(`unexpected ${token.type} at node end`);
    }
    offset += token.source.length;
  }
  return offset;
}

/**
 * Where the composer places an empty value (emptyScalarPosition): back over the trailing space,
 * comments and line breaks of `before`, then forward over the spaces right after its last real token.
 */
export function emptyScalarOffset(offset: number, before: readonly CST.SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; i--) {
    const type = before[i]!.type;
    if (type === 'space' || type === 'comment' || type === 'newline') {
      offset -= before[i]!.source.length;
      continue;
    }
    for (let j = i + 1; j < before.length && before[j]!.type === 'space'; j++) offset += before[j]!.source.length;
    break;
  }
  return offset;
}

/** Whether a flow scalar used as an implicit key spans lines (containsNewline, for scalars only). */
export function scalarSpansLines(token: CST.FlowScalar): boolean {
  if (token.source.includes('\n')) return true;
  return token.end?.some((end) => end.type === 'newline') ?? false;
}
