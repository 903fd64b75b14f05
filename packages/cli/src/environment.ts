/**
 * yaml's CommonJS build (what Node loads) reads `process.env.LOG_TOKENS` once per lexical token, in
 * `Parser.next`. `process.env` is not a plain object: every read is a call into the runtime for the
 * variable, and a run reads it about 1.3 million times per copy of the benchmark corpus, 0.5 to 0.8 s
 * of CPU (paired cold runs, docs/performance.md). The command and its parse workers own their process,
 * so they read variables from a plain copy instead (`main`, `runParseWorker`): the same names and values, and child processes
 * still get them (child_process passes `process.env` as it finds it).
 *
 * Not on Windows, where the environment's names are case-insensitive (`Path` is `PATH`) and a plain
 * object's are not; not for the library (`Kubelore`), whose process is its caller's.
 */
export function useEnvironmentCopy(): void {
  if (process.platform === 'win32') return;
  process.env = { ...process.env };
}
