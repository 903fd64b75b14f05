import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { chmod, chown, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crypto } from './builtins.js';

// Reading and writing manifests so that no single file stops a run: anything that goes wrong with one
// file is a finding on that file, and a fixed file is replaced whole or not at all.

/** Node's readFile refuses more than this at once (2 GiB - 1). */
export const MAX_READ_BYTES = 2 ** 31 - 1;

export interface ReadProblem {
  message: string;
  ruleId: null | 'kubelore/input-limit';
}

/**
 * The bytes read and, when asked for (--fix compares it before writing), their SHA-256. The bytes are a
 * view of this thread's read buffer, valid until the next readManifest: decode them at once.
 */
export type ReadOutcome = { bytes: Uint8Array; digest?: string; problem?: undefined } | { problem: ReadProblem; bytes?: undefined; digest?: undefined };

/** A file system error in words, without the path (the finding is already on it). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it does not exist (a broken symbolic link?)';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'an input/output error';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'it is larger than 2 GiB';
    default:
      return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `error ${code}` : 'an unknown error';
  }
}

function kindOf(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export function digestOf(bytes: Uint8Array): string {
  return crypto().createHash('sha256').update(bytes).digest('hex');
}

/**
 * One buffer per thread for every file read, grown to the largest. readFileSync gives each file a new
 * buffer, freed only when a collection finds it; a run over thousands of files left the allocator
 * holding about 50 MB more at four copies of the benchmark corpus (peak RSS, docs/performance.md).
 */
let readBuffer = new Uint8Array(1 << 20);
/** A file larger than this gets a buffer of its own, so that one huge file does not stay in memory for the run. */
const KEPT_BUFFER_BYTES = 16 << 20;

/** The file's bytes in readBuffer, read as readFileSync reads them: its size when opened, or to its end when it has none. */
function readIntoBuffer(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_READ_BYTES) throw Object.assign(new Error('File too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    let buffer = size > KEPT_BUFFER_BYTES ? new Uint8Array(size) : readBuffer;
    if (buffer.length < size) buffer = readBuffer = new Uint8Array(size);
    let length = 0;
    for (;;) {
      // A file without a size (a /proc file) is read to its end, the buffer doubling as needed.
      if (length === buffer.length) {
        const grown = new Uint8Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
        if (grown.length <= KEPT_BUFFER_BYTES) readBuffer = grown;
      }
      const wanted = size > 0 ? size - length : buffer.length - length;
      if (wanted === 0) break;
      const read = readSync(fd, buffer, length, wanted, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_READ_BYTES) throw Object.assign(new Error('File too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one manifest. Pipes and devices are refused before they are opened (opening a FIFO waits for
 * a writer; `/dev/zero` never ends). A file too large for its size limit is refused from its size:
 * UTF-8 takes at most 4 bytes a character, so more than `4 × maxFileSize` bytes is over the limit of
 * characters for certain; in between, the characters are counted after reading.
 */
export function readManifest(path: string, maxFileSize: number, withDigest = false): ReadOutcome {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    return { problem: { ruleId: null, message: `File could not be read: ${describeFsError(error)}.` } };
  }
  const kind = kindOf(info);
  if (kind) return { problem: { ruleId: null, message: `Not a regular file (${kind}): not read. Name manifest files or folders.` } };
  if (info.size > 4 * maxFileSize) {
    return { problem: { ruleId: 'kubelore/input-limit', message: `File is ${info.size} bytes, over the limit of ${maxFileSize} characters (setting maxFileSize); not read.` } };
  }
  if (info.size > MAX_READ_BYTES) {
    return { problem: { ruleId: 'kubelore/input-limit', message: `File is ${info.size} bytes, more than can be read at once (2 GiB); not read.` } };
  }
  try {
    const bytes = readIntoBuffer(path);
    return withDigest ? { bytes, digest: digestOf(bytes) } : { bytes };
  } catch (error) {
    return { problem: { ruleId: null, message: `File could not be read: ${describeFsError(error)}.` } };
  }
}

export type WriteOutcome = { written: true } | { written: false; severity: 1 | 2; reason: string };

/**
 * Replaces a file with its fixed text, atomically: written to a temporary file beside it (same folder,
 * so the same file system), given the original's mode, then renamed over it. Nothing is written when
 * the file is read-only, or when its content is no longer what was linted (an editor saved it meanwhile).
 */
export async function writeFixed(named: string, text: string, readDigest: string | undefined): Promise<WriteOutcome> {
  let info: Stats;
  let current: Uint8Array;
  let path: string;
  try {
    // A symbolic link keeps pointing at its file: the file it names is the one replaced.
    path = await realpath(named);
    info = await stat(path);
    current = await readFile(path);
  } catch (error) {
    return { written: false, severity: 2, reason: `the file could not be read again before writing: ${describeFsError(error)}` };
  }
  if (readDigest !== undefined && digestOf(current) !== readDigest) {
    return { written: false, severity: 1, reason: 'the file changed since kubelore read it; lint it again to fix it' };
  }
  // Read-only by its mode, even for a user (root) whom the system would let write.
  if ((info.mode & 0o222) === 0) return { written: false, severity: 2, reason: 'the file is read-only' };
  const temporary = join(dirname(path), `.${basename(path)}.kubelore-${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: info.mode & 0o777 });
    await chmod(temporary, info.mode & 0o7777);
    if (process.getuid?.() === 0) await chown(temporary, info.uid, info.gid).catch(() => undefined);
    await rename(temporary, path);
    return { written: true };
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    return { written: false, severity: 2, reason: describeFsError(error) };
  }
}
