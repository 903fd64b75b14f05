#!/usr/bin/env node
// Writes data/definitions-index.json from data/definitions.json (scripts/vendor.mjs runs it after
// vendoring; a test checks the two agree). The index lets a run parse only the definitions it uses:
// definitions.json is half a megabyte of JSON, and parsing all of it was a sixth of a one-file run.
//
//   definitions   name -> [releases, start, end, ...]: per variant, the releases it holds (a bit set
//                 over `versions`) and where its schema is in definitions.json's text
//   kinds         `apps/v1/Deployment` -> the definition of that kind: its name when it is the same in
//                 every release, else [releases, name, ...]
//
//   node packages/plugin-schema/scripts/definitions-index.mjs [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** Moves along `text` over what JSON.stringify wrote, and fails where the text is something else. */
function reader(text) {
  let position = 0;
  return {
    get position() {
      return position;
    },
    expect(part) {
      if (!text.startsWith(part, position)) throw new Error(`definitions.json at ${position}: expected ${part.slice(0, 60)}`);
      position += part.length;
    },
  };
}

/** The index of definitions.json's `text`, which must be exactly what JSON.stringify wrote (vendor.mjs). */
export function definitionsIndex(text) {
  // Offsets are taken as character positions and read back as bytes (data.ts reads latin1).
  if (/[^\x00-\x7f]/.test(text)) throw new Error('definitions.json is not ASCII');
  const data = JSON.parse(text);
  const releaseBit = (release) => 1 << data.versions.indexOf(release);
  const at = reader(text);
  at.expect(`{"versions":${JSON.stringify(data.versions)},"definitions":{`);
  const definitions = {};
  Object.entries(data.definitions).forEach(([name, variants], entry) => {
    at.expect(`${entry ? ',' : ''}${JSON.stringify(name)}:[`);
    definitions[name] = variants.flatMap((variant, index) => {
      at.expect(`${index ? ',' : ''}{"v":${JSON.stringify(variant.v)},"s":`);
      const start = at.position;
      at.expect(JSON.stringify(variant.s));
      at.expect('}');
      return [variant.v.reduce((bits, release) => bits | releaseBit(release), 0), start, at.position - 1];
    });
    at.expect(']');
  });
  at.expect('}}\n');
  if (at.position !== text.length) throw new Error(`definitions.json has more after ${at.position}`);

  // Per release, as the definitions are read in order: a later definition of the same kind wins.
  const kindsByRelease = data.versions.map((release) => {
    const kinds = new Map();
    for (const [name, variants] of Object.entries(data.definitions)) {
      const schema = variants.find((variant) => variant.v.includes(release))?.s;
      for (const gvk of schema?.['x-kubernetes-group-version-kind'] ?? []) kinds.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
    }
    return kinds;
  });
  const kinds = {};
  for (const key of [...new Set(kindsByRelease.flatMap((byKind) => [...byKind.keys()]))].sort()) {
    const names = kindsByRelease.map((byKind) => byKind.get(key));
    if (names.every((name) => name === names[0])) {
      kinds[key] = names[0];
      continue;
    }
    const entries = [];
    for (const name of new Set(names.filter((name) => name !== undefined))) {
      entries.push(data.versions.reduce((bits, release, index) => (names[index] === name ? bits | releaseBit(release) : bits), 0), name);
    }
    kinds[key] = entries;
  }
  return { versions: data.versions, definitions, kinds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : `${DATA}definitions-index.json`;
  writeFileSync(out, `${JSON.stringify(definitionsIndex(readFileSync(`${DATA}definitions.json`, 'utf8')))}\n`);
}
