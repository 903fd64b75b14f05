import { decodeManifest, fastParseOf, mayBeManifest, mayHoldObjects, toTransfer, transferables, type ParseLimits, type TransferredParse } from '@kubelore/core/internal';
import { workerThreads } from './builtins.js';
import { useEnvironmentCopy } from './environment.js';
import { readManifest } from './file-io.js';

/** One file for a worker: read as the main thread would read it (file-io.ts' checks, the digest for --fix). */
export interface ParseTask {
  path: string;
  /** A file with no Kubernetes object is skipped: not parsed. */
  skipUnlessManifest: boolean;
  /** Read as context only: skipped, as the linter skips it, unless it can give an object (`mayHoldObjects`). */
  contextOnly: boolean;
  forFix: boolean;
  /** The file's parse limits (its config's settings), for the checks made before parsing. */
  limits: ParseLimits;
}

/**
 * A worker's answer for one file: its decoded text and fast parse (null: the fast path declines it, the
 * main thread parses it the ordinary way; absent: skipped unparsed). No text: the file could not be read
 * or decoded, and the main thread reads it again to report why, as without workers.
 */
export interface ParseAnswer {
  text?: string;
  digest?: string;
  parse?: TransferredParse | null;
}

function answer(task: ParseTask): ParseAnswer {
  const read = readManifest(task.path, task.limits.maxFileSize, task.forFix);
  if (read.problem) return {};
  const decoded = decodeManifest(read.bytes);
  if ('problem' in decoded) return {};
  const { text } = decoded;
  const { digest } = read;
  if (task.skipUnlessManifest && (task.contextOnly ? !mayHoldObjects(task.path, text) : !mayBeManifest(task.path, text))) return { text, digest };
  // A file refused before parsing (binary, too large, too many nodes) is not parsed here either.
  const fast = fastParseOf(text, task.limits);
  return { text, digest, parse: fast ? toTransfer(fast) : null };
}

/** The worker's loop: batches of tasks in, their answers out (position tables handed over, not copied). */
export function runParseWorker(): void {
  // The worker parses with yaml as the command does (environment.ts).
  useEnvironmentCopy();
  const { parentPort } = workerThreads();
  parentPort!.on('message', (tasks: ParseTask[]) => {
    const answers = tasks.map(answer);
    parentPort!.postMessage(answers, answers.flatMap((entry) => (entry.parse ? transferables(entry.parse) : [])));
  });
}
