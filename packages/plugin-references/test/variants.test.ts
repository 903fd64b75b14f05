import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isVariantFolder, type ObjectsOfFile } from '../src/variants.js';

/** A folder's files, each with the identities of its objects. */
function folder(files: Record<string, string[]>): ObjectsOfFile {
  const byFile = new Map<string, Map<string, number>>();
  for (const [file, keys] of Object.entries(files)) {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    byFile.set(file, counts);
  }
  return { byFile, byFolder: new Map([['', new Set(Object.keys(files))]]) };
}

const decide = (files: Record<string, string[]>) => {
  const objects = folder(files);
  return isVariantFolder(objects.byFolder.get('')!, objects);
};

/** The definition, pair by pair: what the rule decided before it looked only at candidate pairs. */
function byEveryPair(files: Record<string, string[]>): boolean {
  const sets = Object.values(files).map((keys) => new Set(keys));
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      const shared = [...a].filter((key) => b.has(key)).length;
      if (shared === 0) continue;
      if ((shared >= 2 && shared * 2 >= Math.min(a.size, b.size)) || (shared === a.size && shared === b.size)) return true;
    }
  }
  return false;
}

test('files that share only the Namespace each brings are parts of one install', () => {
  const files: Record<string, string[]> = {};
  for (let i = 0; i < 50; i++) files[`app-${i}.yaml`] = ['Namespace/shop', `Deployment/app-${i}`, `Service/app-${i}`];
  assert.is(decide(files), false);
  // Two of them that also share their Deployment are two variants of one application.
  files['app-7.yaml'] = ['Namespace/shop', 'Deployment/app-3', 'Service/app-7'];
  assert.is(decide(files), true);
});

test('two files of the same single object are variants; a file of one object shared with a larger one is not', () => {
  assert.is(decide({ 'pool.yaml': ['IPAddressPool/a'], 'pool-test.yaml': ['IPAddressPool/a'] }), true);
  assert.is(decide({ 'pool.yaml': ['IPAddressPool/a'], 'install.yaml': ['IPAddressPool/a', 'Deployment/b'] }), false);
});

test('the same verdict as counting every pair, on 2,000 seeded random folders', () => {
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  let variants = 0;
  for (let round = 0; round < 2000; round++) {
    const files: Record<string, string[]> = {};
    const identities = 2 + random(12);
    const fileCount = 2 + random(8);
    for (let f = 0; f < fileCount; f++) {
      const keys = Array.from({ length: 1 + random(6) }, () => `k${random(identities)}`);
      files[`f${f}.yaml`] = keys;
    }
    const expected = byEveryPair(files);
    if (expected) variants++;
    assert.is(decide(files), expected, JSON.stringify(files));
  }
  // Both verdicts are common in the sample.
  assert.ok(variants > 400 && variants < 1600, String(variants));
});

test.run();
