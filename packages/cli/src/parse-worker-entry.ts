// The module a --concurrency worker thread starts with (the bundle has its own: dist/parse-worker.mjs).
import { runParseWorker } from './parse-worker.js';

runParseWorker();
