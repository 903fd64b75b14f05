// Loads test files the way uvu's own CLI does: each file's suites are queued, then run in order.
import { pathToFileURL } from 'node:url';
import { relative } from 'node:path';

globalThis.UVU_DEFER = 1;
const uvu = await import('uvu');
const files = process.argv.slice(2);
let index = 0;
for (const file of files) {
  globalThis.UVU_INDEX = index++;
  globalThis.UVU_QUEUE.push([relative(process.cwd(), file)]);
  await import(pathToFileURL(file).href);
}
await uvu.exec(false);
