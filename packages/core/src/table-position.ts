import type { LineCounter } from 'yaml';
import { SCALAR, type PositionTable } from './fast-parse/index.js';
import { parsePointer } from './pointer.js';
import { offsetsWithinValue, rangeOfOffsets, type ReportTarget, type SourceRange } from './position.js';

/** The plain value a pointer reaches, walked as the table walks it (a sequence item by Number(segment)). */
function valueAlong(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(segment)] : (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * position.ts' rangeOfPointer over a fast-parse position table and the document's plain value instead
 * of a node tree: the same offsets for the same pointer, target and `within` (tested differentially).
 */
export function rangeOfPointerInTable(
  table: PositionTable,
  value: unknown,
  text: string,
  lineCounter: LineCounter,
  pointer: string,
  target: ReportTarget = 'value',
  within?: [number, number],
): SourceRange {
  const found = table.find(pointer);
  const scalar = table.kindOf(found.row) === SCALAR;
  if (within && found.complete && scalar) {
    const [start, end] = table.rangeOf(found.row);
    const inside = offsetsWithinValue(valueAlong(value, pointer), table.isBlock(found.row), start, end, text, within);
    if (inside) return rangeOfOffsets(lineCounter, inside[0], inside[1]);
  }
  const key = table.keyRangeOf(found.row);
  const [start, end] = key && (target === 'key' || !found.complete || (!scalar && target !== 'node')) ? key : table.rangeOf(found.row);
  return rangeOfOffsets(lineCounter, start, end);
}
