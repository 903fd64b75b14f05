import { runCli } from './cli.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The `kubelore` command on this process: its arguments, streams and environment. Returns the exit code. */
export function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return runCli(argv, {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  });
}
