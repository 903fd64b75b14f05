import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { REDACTED } from '@kubelore/core';
import { childProcess } from '../builtins.js';

/** The path of an executable on `PATH`, or undefined. */
export function findExecutable(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here.
      }
    }
  }
  return undefined;
}

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not be started at all. */
  spawnError?: string;
}

// A proxy that refuses every connection: rendering must never reach the network (a remote base, a chart
// dependency), whatever the caller's environment says.
const NO_NETWORK = 'http://127.0.0.1:9';

/** Runs a tool to completion, collecting its output; never throws. */
export function runTool(command: string, args: string[], cwd: string): Promise<ToolRun> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      HTTP_PROXY: NO_NETWORK,
      HTTPS_PROXY: NO_NETWORK,
      ALL_PROXY: NO_NETWORK,
      http_proxy: NO_NETWORK,
      https_proxy: NO_NETWORK,
      all_proxy: NO_NETWORK,
      NO_PROXY: '',
      no_proxy: '',
      GIT_TERMINAL_PROMPT: '0',
    };
    let child;
    try {
      child = childProcess().spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: '', spawnError: error instanceof Error ? error.message : String(error) });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => resolve({ code: null, stdout: '', stderr: '', spawnError: error.message }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

const MAX_MESSAGE = 400;
const KLOG = /^[EFW]\d{4} [\d:.]+\s+\d+ [^\]]+\] (?:"command failed" )?(?:err=)?(.*)$/;

/**
 * The part of a tool's error output that is safe to show: its first meaningful line (klog's prefix
 * removed; for klog's multi-line `err=<` blocks, the block's first and last lines, which say what failed
 * and why, not the quoted input between them), anything that looks like data masked (a failing patch can
 * quote a Secret), and at most a few hundred characters.
 */
export function toolMessage(stderr: string, replacements: Array<[string, string]> = []): string {
  const lines = stderr.split(/\r?\n/);
  const first = lines.findIndex((candidate) => candidate.trim() !== '' && !/^[WI]\d{4}\s/.test(candidate.trim()));
  if (first === -1) return '';
  let line = lines[first]!.trim();
  const klog = KLOG.exec(line);
  if (klog) {
    line = klog[1]!.trim();
    if (line === '<') {
      const block: string[] = [];
      for (const next of lines.slice(first + 1)) {
        if (next.trim() === '>') break;
        if (next.trim() !== '') block.push(next.trim());
      }
      line = block.length > 1 ? `${block[0]} … ${block[block.length - 1]}` : block[0] ?? '';
    } else line = line.replace(/^"(.*)"$/, '$1').replace(/\\"/g, '"');
  }
  line = line.replace(/^(?:error|Error):\s*/, '');
  for (const [from, to] of replacements) if (from !== '') line = line.split(from).join(to);
  line = maskData(line);
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

/** Masks what looks like object data in a tool's message. */
export function maskData(text: string): string {
  return (
    text
      // Go's fmt of maps (data:map[password:...]) and quoted YAML or JSON in brackets ([{key: value}]).
      .replace(/\[[^\]]*:[^\]]*\]/g, `[${REDACTED}]`)
      // YAML or JSON flow mappings: data: {password: ...}
      .replace(/\{[^}]*:[^}]*\}/g, `{${REDACTED}}`)
      // What follows `data:` and its kin on the line.
      .replace(/\b(data|stringData|binaryData)(["']?\s*:\s*)(?!\[|\{)\S.*$/g, `$1$2${REDACTED}`)
      // Long base64 or hex-looking tokens (secret values, keys, tokens).
      .replace(/(?<![\w/.-])[A-Za-z0-9+/_-]{20,}={0,2}(?![\w/.-])/g, (token) => (/[0-9]/.test(token) && /[A-Za-z]/.test(token) ? REDACTED : token))
  );
}
