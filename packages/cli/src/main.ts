import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli.js';
import { useEnvironmentCopy } from './environment.js';

/**
 * A lint run keeps what it parses (texts, values, position tables) until its rules have run, so its live
 * heap only grows, while parsing makes garbage fast. V8's default is to let the heap grow to about twice
 * what survived the last full collection, which here is mostly dead parser tokens: at four copies of the
 * benchmark corpus, peak RSS near 600 MB for about 200 MB alive. Growing by a quarter instead measured
 * about 410 MB with the same CPU time within the noise (docs/performance.md). A flag the user set wins.
 * The bundle's dist/bin.mjs sets the same flag before it loads the bundle (scripts/bundle.mjs: a code
 * cache is only taken under the flags it was made with): change both together.
 */
function boundHeapGrowth(): void {
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!/heap[-_]growing[-_]percent/.test(given)) setFlagsFromString('--heap-growing-percent=25');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The `kubelore` command on this process: its arguments, streams and environment. Returns the exit code. */
export function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  boundHeapGrowth();
  useEnvironmentCopy();
  return runCli(argv, {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  });
}
