// Folders of variants: files that are alternatives of one install rather than its parts (references/duplicate).

/** Identities of each file's objects, with how many objects of the file have each; and the files of each folder. */
export interface ObjectsOfFile {
  byFile: Map<string, Map<string, number>>;
  byFolder: Map<string, Set<string>>;
}

/**
 * Whether a plain folder (no Kustomization) holds variants rather than parts of one install. Two files
 * are variants of each other when they define at least two of the same objects and those are at least
 * half of the smaller file's objects (MetalLB's six rendered installs, an OKD flavour of an install, two
 * recipes that each bring their own Elasticsearch), or when both files are nothing but the same objects
 * (a `pool.yaml` and a `pool-test.yaml`). Nobody applies such a folder whole: each variant is applied
 * alone, so copies across its files are not duplicates.
 */
export function isVariantFolder(folderFiles: Iterable<string>, objectsOfFile: ObjectsOfFile): boolean {
  const files = [...folderFiles];
  const filesOfObject = new Map<string, string[]>();
  for (const file of files) {
    for (const key of objectsOfFile.byFile.get(file)!.keys()) {
      const list = filesOfObject.get(key);
      if (list) list.push(file);
      else filesOfObject.set(key, [file]);
    }
  }
  const sizeOf = (file: string) => objectsOfFile.byFile.get(file)!.size;
  // Two files of one object each, the same one: nothing but the same objects.
  for (const holders of filesOfObject.values()) if (holders.filter((file) => sizeOf(file) === 1).length >= 2) return true;
  // Otherwise a pair needs `needed` shared objects, decided by the smaller file (two files of n objects
  // that share all n share at least two when n >= 2). Counting every pair is quadratic where many files
  // share one object (each file of a folder bringing its Namespace): a file shares `needed` of its n
  // objects with another only if that one holds one of any n - needed + 1 of them, so only the holders
  // of the file's rarest n - needed + 1 objects are candidates (prefix filtering).
  for (const file of files) {
    const keys = [...objectsOfFile.byFile.get(file)!.keys()];
    const needed = Math.max(2, Math.ceil(keys.length / 2));
    if (needed > keys.length) continue;
    keys.sort((a, b) => filesOfObject.get(a)!.length - filesOfObject.get(b)!.length);
    const seen = new Set<string>([file]);
    for (const key of keys.slice(0, keys.length - needed + 1)) {
      for (const other of filesOfObject.get(key)!) {
        if (seen.has(other)) continue;
        seen.add(other);
        if (areVariants(file, other, objectsOfFile)) return true;
      }
    }
  }
  return false;
}

/** The test of `isVariantFolder` for one pair of files of two or more objects. */
function areVariants(a: string, b: string, objectsOfFile: ObjectsOfFile): boolean {
  const keysA = objectsOfFile.byFile.get(a)!;
  const keysB = objectsOfFile.byFile.get(b)!;
  const [smaller, larger] = keysA.size <= keysB.size ? [keysA, keysB] : [keysB, keysA];
  let shared = 0;
  for (const key of smaller.keys()) if (larger.has(key)) shared++;
  return shared >= 2 && shared * 2 >= smaller.size;
}
