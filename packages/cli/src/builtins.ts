// Node's built-in modules that a plain lint never uses, loaded on first use rather than imported: each
// costs milliseconds to load at start-up (crypto and child_process about 5 each), and a one-file run
// is mostly start-up. In the bundle, the same `require` loads them (import.meta.url is the bundle's).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const crypto = (): typeof import('node:crypto') => load('node:crypto');
export const childProcess = (): typeof import('node:child_process') => load('node:child_process');
export const workerThreads = (): typeof import('node:worker_threads') => load('node:worker_threads');
