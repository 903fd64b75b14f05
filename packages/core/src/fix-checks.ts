import { isAlias, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { TextEdit } from './rule.js';
import { duplicateKeyProblems } from './input-checks.js';
import type { SourceFile } from './source.js';

// Positions are not needed to count duplicates; one empty counter serves every check.
const COUNTER = new LineCounter();

// Checks that keep fixes from corrupting files, whoever wrote the rule: a fix's range must lie inside
// the text it edits, the fixed text must read as well as before (no new syntax errors, duplicate keys or
// documents that cannot be turned into data), a JSON file must stay JSON, and no edit may touch a node
// that an alias elsewhere uses (it would delete the anchor, or change the other object through it).

/** Why a text edit cannot be applied to a text of `length` characters, or undefined. */
export function editRangeProblem(edit: unknown, length: number): string | undefined {
  if (edit === null || typeof edit !== 'object') return 'the fix is not a text edit';
  const { range, text } = edit as Partial<TextEdit>;
  if (typeof text !== 'string') return 'the fix has no replacement text';
  if (!Array.isArray(range) || range.length !== 2) return 'the fix has no [start, end] range';
  const [start, end] = range;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'the fix range is not whole offsets';
  if (start < 0 || end > length || start > end) return `the fix range [${start}, ${end}] is outside the text (0 to ${length})`;
  return undefined;
}

/** How well a text reads: counted so that a fix can be refused for making it worse. */
export interface Health {
  syntaxErrors: number;
  duplicateKeys: number;
  unreadableDocuments: number;
  documents: number;
  json: boolean;
}

export function healthOf(text: string, maxAliasCount: number): Health {
  const health: Health = { syntaxErrors: 0, duplicateKeys: 0, unreadableDocuments: 0, documents: 0, json: isJson(text) };
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' }) as unknown as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [documents as Document.Parsed];
  } catch {
    return { ...health, syntaxErrors: Number.MAX_SAFE_INTEGER };
  }
  for (const document of documents) {
    health.documents++;
    health.syntaxErrors += document.errors.length;
    health.duplicateKeys += duplicateKeyProblems(document, text, COUNTER, 0).length;
    if (document.errors.length > 0) continue;
    try {
      document.toJS({ maxAliasCount });
    } catch {
      // An alias whose anchor is gone, or too many of them.
      health.unreadableDocuments++;
    }
  }
  return health;
}

function isJson(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** What a fixed text broke that the text before it did not, or undefined. */
export function healthProblem(before: Health, after: Health): string | undefined {
  if (after.syntaxErrors > before.syntaxErrors) return 'the fixed text would not parse';
  if (after.duplicateKeys > before.duplicateKeys) return 'the fixed text would repeat a key';
  if (after.unreadableDocuments > before.unreadableDocuments) return 'the fixed text would not read as data (an alias whose anchor is gone?)';
  if (after.documents !== before.documents && before.documents > 0) return 'the fixed text would have a different number of documents';
  if (before.json && !after.json) return 'the fixed text would no longer be JSON';
  return undefined;
}

/**
 * The regions of a file that aliases share: for each anchored node some alias uses, from its anchor
 * (`&name`) to the node's end. An edit there changes every object that uses the alias.
 */
export function sharedRegions(source: SourceFile): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const parsed of source.documents) {
    if (!parsed.lintable) continue;
    const doc = parsed.yaml;
    const used = new Set<string>();
    visit(doc, {
      Alias(_, alias) {
        used.add(alias.source);
      },
    });
    if (used.size === 0) continue;
    visit(doc, {
      Node(_, node) {
        const anchored = node as Node & { anchor?: string };
        if (isAlias(node) || !anchored.anchor || !used.has(anchored.anchor) || !node.range) return;
        const at = source.text.lastIndexOf(`&${anchored.anchor}`, node.range[0]);
        regions.push([at === -1 ? node.range[0] : at, node.range[1]]);
      },
    });
  }
  return regions;
}

/** Whether an edit touches a shared region (an insertion at its very end or start does not). */
export function touchesShared(edit: TextEdit, regions: ReadonlyArray<readonly [number, number]>): boolean {
  const [start, end] = edit.range;
  return regions.some(([from, to]) => (start === end ? start > from && start < to : start < to && end > from));
}
