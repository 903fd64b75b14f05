import { isPlainObject } from './resource.js';

// Manifests are not always the shape their types say (a chainsaw assert writes `volumes` as a mapping, a
// typo makes a list a string): rules read lists through these, so a wrong shape is skipped, not thrown on.

/** The value when it is a list, else an empty one. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Each mapping of a list, with its index in the list; other items and non-lists are skipped. */
export function eachMapping<T>(value: unknown, visit: (item: T, index: number) => void): void {
  listOf(value).forEach((item, index) => {
    if (isPlainObject(item)) visit(item as T, index);
  });
}

/** The mappings of a list (indexes not kept). */
export function mappingsOf<T>(value: unknown): T[] {
  return listOf(value).filter(isPlainObject) as T[];
}
