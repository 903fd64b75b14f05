import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { CachedFinding, FindingsCache } from '@kubelore/core';
import { UsageError } from './args.js';
import { crypto } from './builtins.js';
import { VERSION } from './version.js';

export const DEFAULT_CACHE_FILE = '.kubelorecache';
export type CacheStrategy = 'metadata' | 'content';

/**
 * What the cache file holds, per linted file: its size, mtime and a SHA-256 of its text (hashes only,
 * never the text), a SHA-256 of the config fingerprint, and the findings of the rules the core let it
 * keep (see FindingsCache in @kubelore/core: rules that did not read other objects, none that reports
 * secret values, and nothing at all for a file in which such a rule found something). A finding is its
 * rule id, severity, message, object (document index and pointer), located range and fix or suggestion
 * edits. The whole file is dropped when the kubelore version or the config file's text changes.
 */
interface CacheFile {
  kubelore: string;
  key: string;
  files: Record<string, { size: number; mtimeMs: number; hash: string; fingerprint: string; findings: Record<string, CachedFinding[]> }>;
}

const sha256 = (text: string) => crypto().createHash('sha256').update(text).digest('hex');

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to hold `.kubelorecache`. */
export function cacheLocation(cwd: string, given: string | undefined): string {
  if (given === undefined) return join(cwd, DEFAULT_CACHE_FILE);
  const path = resolve(cwd, given);
  const isFolder = /[\\/]$/.test(given) || (existsSync(path) && statSync(path).isDirectory());
  return isFolder ? join(path, DEFAULT_CACHE_FILE) : path;
}

export function cacheStrategy(given: string | undefined, env: Record<string, string | undefined>): CacheStrategy {
  if (given === undefined) return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' ? 'content' : 'metadata';
  if (given !== 'metadata' && given !== 'content') throw new UsageError(`--cache-strategy must be "metadata" or "content", not "${given}".`);
  return given;
}

/** The cache of one run: read at the start, written at the end; counts what it reused. */
export class FileCache implements FindingsCache {
  private readonly previous: CacheFile['files'];
  private readonly next: CacheFile['files'] = {};
  /** Files whose findings were reused, files linted from scratch, and rule runs skipped. */
  readonly stats = { hits: 0, misses: 0, reusedRuleRuns: 0 };
  /** Why the previous cache was not used, if it was not. */
  readonly discarded: string | undefined;

  constructor(
    readonly location: string,
    private readonly strategy: CacheStrategy,
    private readonly cwd: string,
    /** Everything outside the per-file fingerprint that invalidates the whole cache (the config file's text). */
    configText: string,
  ) {
    this.key = sha256(`${VERSION}\n${configText}`);
    let previous: CacheFile | undefined;
    let discarded: string | undefined;
    if (existsSync(location)) {
      try {
        previous = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
        if (previous.kubelore !== VERSION) discarded = `it was written by kubelore ${previous.kubelore}`;
        else if (previous.key !== this.key) discarded = 'the config file changed';
        else if (typeof previous.files !== 'object' || previous.files === null) discarded = 'it is malformed';
      } catch {
        discarded = 'it could not be read';
      }
    }
    this.discarded = discarded;
    this.previous = previous && !discarded ? previous.files : {};
  }

  private readonly key: string;
  /** Entries reused this run: the findings still belong to the text they were computed from. */
  private readonly reused = new Set<string>();

  private keyOf(filePath: string): string {
    return relative(dirname(this.location), resolve(this.cwd, filePath)).replace(/\\/g, '/');
  }

  get(filePath: string, text: string, fingerprint: string): Record<string, CachedFinding[]> | undefined {
    const entry = this.previous[this.keyOf(filePath)];
    let hit = entry !== undefined && entry.fingerprint === sha256(fingerprint);
    if (hit && this.strategy === 'metadata') {
      const stat = statSync(resolve(this.cwd, filePath), { throwIfNoEntry: false });
      hit = stat !== undefined && stat.size === entry!.size && stat.mtimeMs === entry!.mtimeMs;
    } else if (hit) hit = entry!.hash === sha256(text);
    if (!hit) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.reused.add(this.keyOf(filePath));
    this.stats.reusedRuleRuns += Object.keys(entry!.findings).length;
    return entry!.findings;
  }

  set(filePath: string, text: string, fingerprint: string, findings: Record<string, CachedFinding[]>): void {
    const key = this.keyOf(filePath);
    const previous = this.previous[key];
    if (this.reused.has(key) && previous) {
      // A metadata hit on a file edited within the same size and mtime keeps the hash of the text the
      // findings came from, so that a later content run still sees the edit.
      this.next[key] = { ...previous, findings };
      return;
    }
    const stat = statSync(resolve(this.cwd, filePath), { throwIfNoEntry: false });
    if (!stat) return;
    this.next[key] = { size: stat.size, mtimeMs: stat.mtimeMs, hash: sha256(text), fingerprint: sha256(fingerprint), findings };
  }

  /** Writes the entries of this run, and those of earlier runs for files that still exist (other shards). */
  async save(): Promise<void> {
    const files: CacheFile['files'] = {};
    const base = dirname(this.location);
    for (const [path, entry] of Object.entries(this.previous)) if (existsSync(resolve(base, path))) files[path] = entry;
    Object.assign(files, this.next);
    const sorted = Object.fromEntries(Object.keys(files).sort().map((path) => [path, files[path]!]));
    const data: CacheFile = { kubelore: VERSION, key: this.key, files: sorted };
    await mkdir(base, { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, this.location);
  }
}
