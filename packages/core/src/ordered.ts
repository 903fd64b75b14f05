/**
 * Lists kept in input order while objects come and go: an editor's run replaces one file's objects in
 * an index of thousands, and rules read "the first" and "the later" of two objects from these lists.
 */

/** Inserts `item` where its order puts it (after items of the same order). */
export function insertInOrder<T>(list: T[], item: T, orderOf: (item: T) => number): void {
  const order = orderOf(item);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (orderOf(list[middle]!) <= order) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
}

/** Removes one occurrence of `item`; true when it was there. */
export function removeItem<T>(list: T[], item: T): boolean {
  const at = list.indexOf(item);
  if (at === -1) return false;
  list.splice(at, 1);
  return true;
}

/** Appends to the list under `key` in a map of lists. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes from the list under `key`, dropping the key when its list empties. */
export function removeFrom<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  removeItem(list, value);
  if (list.length === 0) map.delete(key);
}

/** Inserts in order into the list under `key`. */
export function insertInto<K, V>(map: Map<K, V[]>, key: K, value: V, orderOf: (item: V) => number): void {
  const list = map.get(key);
  if (list) insertInOrder(list, value, orderOf);
  else map.set(key, [value]);
}
