#!/usr/bin/env node
// The floor a linter is measured against (issue 23): walk the same folders, read every .yaml/.yml/.json
// file and parse it with yaml's parseAllDocuments and a LineCounter, keeping the documents. Nothing
// else: no config, no rules, no output. Run cold, as the CLI is: `node bench/floor.mjs DIR...`.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The same copy of yaml the linter uses.
const yamlPath = createRequire(fileURLToPath(new URL('../packages/core/package.json', import.meta.url))).resolve('yaml');
const { LineCounter, parseAllDocuments } = await import(pathToFileURL(yamlPath).href);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const files = process.argv.slice(2).flatMap((dir) => walk(dir, []));
const kept = [];
let documents = 0;
for (const file of files) {
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() });
  documents += Array.isArray(parsed) ? parsed.length : 1;
  kept.push(parsed);
}
process.stdout.write(`${files.length} files, ${documents} documents\n`);
