// The vendored schema data as the rules see it: definitions parsed one by one through
// data/definitions-index.json answer what parsing all of definitions.json answered.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definitionsFor, nearestFullVersion, type Schema } from '../src/data.js';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));
const definitionsFile = JSON.parse(readFileSync(join(DATA, 'definitions.json'), 'utf8')) as {
  versions: string[];
  definitions: Record<string, Array<{ v: string[]; s: Schema }>>;
};

/** A release's definitions as they were built before the index: every one parsed, in order. */
function eagerDefinitions(release: string) {
  const byName = new Map<string, Schema>();
  const byKind = new Map<string, string>();
  for (const [name, variants] of Object.entries(definitionsFile.definitions)) {
    const schema = variants.find((variant) => variant.v.includes(release))?.s;
    if (!schema) continue;
    byName.set(name, schema);
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) byKind.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
  }
  return { byName, byKind };
}

test('data/definitions-index.json is what scripts/definitions-index.mjs builds from definitions.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelore-definitions-index-'));
  try {
    const out = join(dir, 'index.json');
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/definitions-index.mjs', import.meta.url)), '--out', out], { encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(join(DATA, 'definitions-index.json'))), 'run node packages/plugin-schema/scripts/definitions-index.mjs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the data files are ASCII (data.ts reads them as latin1)', () => {
  for (const file of ['definitions.json', 'definitions-index.json', 'kinds.json']) assert.is(readFileSync(join(DATA, file)).findIndex((byte) => byte > 0x7f), -1, file);
});

test('every release: each definition and each kind as parsing the whole file gave them', () => {
  for (const release of definitionsFile.versions) {
    const lazy = definitionsFor(release);
    assert.is(lazy.version, release);
    const eager = eagerDefinitions(release);
    for (const name of Object.keys(definitionsFile.definitions)) assert.equal(lazy.byName.get(name), eager.byName.get(name), `${release} ${name}`);
    for (const [key, name] of eager.byKind) assert.ok(lazy.byKind.get(key) === lazy.byName.get(name), `${release} ${key} is ${name}`);
    assert.ok(eager.byKind.size > 100);
  }
});

test('a variant shared by releases is one object; a definition is parsed once', () => {
  const [first, second] = definitionsFile.versions.slice(-2).map((release) => definitionsFor(release));
  const shared = Object.entries(definitionsFile.definitions).find(([, variants]) => variants.length === 1 && variants[0]!.v.length === definitionsFile.versions.length)![0];
  assert.ok(first!.byName.get(shared) === second!.byName.get(shared));
  assert.ok(first!.byName.get(shared) === first!.byName.get(shared));
  assert.ok(definitionsFor(definitionsFile.versions[0]!) === definitionsFor(definitionsFile.versions[0]!));
});

test('names and kinds that are not there, inherited names included', () => {
  const api = definitionsFor(definitionsFile.versions.at(-1)!);
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'io.k8s.api.apps.v1.Nothing', '']) {
    assert.is(api.byName.get(key), undefined, key);
    assert.is(api.byKind.get(key), undefined, key);
  }
  assert.is(api.byKind.get('apps/v1/Nothing'), undefined);
  assert.is(api.byKind.get('apps/v1beta1/Deployment'), undefined, 'a kind the definitions no longer hold');
  assert.ok(api.byKind.get('apps/v1/Deployment')?.properties?.spec);
});

test('a version outside the vendored range uses the nearest release with definitions', () => {
  assert.is(nearestFullVersion('1.14'), definitionsFile.versions[0]);
  assert.is(nearestFullVersion('1.99'), definitionsFile.versions.at(-1));
  assert.is(definitionsFor('1.14').version, definitionsFile.versions[0]);
});

test.run();
