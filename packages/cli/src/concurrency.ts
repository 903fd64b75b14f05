import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareParse } from '@kubelore/core/internal';
import type { Concurrency } from './concurrency-option.js';
import type { ParseAnswer, ParseTask } from './parse-worker.js';

// --concurrency, as ESLint 9.34 has it: `off` (the default) lints on the main thread alone; a number N
// starts up to N worker threads; `auto` starts half as many as there are cores, and one per 35 files at
// most, and none unless that comes to two or more. Workers read, decode and parse files (most of a
// file's cost); the main thread builds each file's SourceFile from the parse it gets back, with the same
// code as from its own, then models, indexes and runs every rule where all objects meet, so the output
// is the same as without workers, byte for byte (test/concurrency.test.ts).

const AUTO_FILES_PER_WORKER = 35;

/** How many workers to start for `files` files (0: none, lint on the main thread). */
export function workerCount(concurrency: Concurrency, files: number, cores = availableParallelism()): number {
  if (concurrency === 'off') return 0;
  if (concurrency === 'auto') {
    const count = Math.min(cores >> 1, Math.ceil(files / AUTO_FILES_PER_WORKER));
    return count > 1 ? count : 0;
  }
  return Math.min(concurrency, files);
}

/** An input the workers can prepare: a file on disk whose text the linter would read from `bytes`. */
export interface PreparableInput {
  readonly readTask: ParseTask;
  /** The worker read and decoded the file with no problem. */
  prepared(text: string, digest: string | undefined): void;
}

// Small enough that the workers stay busy to the end, large enough that messages are few.
const BATCH = 16;

/** Where a worker starts: this package's entry (the bundle rewrites it to its own, dist/parse-worker.mjs). */
const WORKER_ENTRY = new URL('./parse-worker-entry.js', import.meta.url);

/** Has `count` workers read and parse the inputs, and gives each input its text and prepared parse. */
export async function prepareInWorkers(inputs: PreparableInput[], count: number): Promise<void> {
  let next = 0;
  const work = async (): Promise<void> => {
    const worker = new Worker(WORKER_ENTRY);
    try {
      await new Promise<void>((resolve, reject) => {
        let batch: PreparableInput[] = [];
        const send = () => {
          batch = inputs.slice(next, next + BATCH);
          next += batch.length;
          if (batch.length === 0) return resolve();
          worker.postMessage(batch.map((input) => input.readTask));
        };
        worker.on('message', (answers: ParseAnswer[]) => {
          answers.forEach((answer, position) => {
            const input = batch[position]!;
            // No text: the file has a problem (or is not there any more); the main thread reads it again and reports it.
            if (answer.text === undefined) return;
            input.prepared(answer.text, answer.digest);
            if (answer.parse !== undefined) prepareParse(input, answer.parse);
          });
          send();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a --concurrency worker stopped (exit code ${code})`)));
        send();
      });
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: count }, work));
}
