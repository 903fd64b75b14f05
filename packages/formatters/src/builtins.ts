// Node's built-in modules only some formats use, loaded on first use rather than imported: each costs
// milliseconds to load at start-up (crypto about 5), and a one-file run is mostly start-up. In the
// bundle, the same `require` loads them (import.meta.url is the bundle's).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const crypto = (): typeof import('node:crypto') => load('node:crypto');
export const zlib = (): typeof import('node:zlib') => load('node:zlib');
