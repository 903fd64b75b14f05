import { UsageError } from './args.js';

/** One slice of a run split over several CI jobs: `index` counts from 1, as `--shard 2/4` does. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be "i/n" with 1 <= i <= n, e.g. --shard 2/4 (got "${text}").`);
  }
  return { index, count };
}

// FNV-1a: small, stable across platforms and Node versions, which is all a partition needs.
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/**
 * Whether a file belongs to a shard. Files are partitioned by their folder, not one by one: the manifests
 * of one application usually share a folder, and cross-object rules (a Service and its Deployment, a PDB
 * and its pods) only see objects linted in the same run.
 */
export function inShard(relativePath: string, shard: Shard): boolean {
  const slash = relativePath.lastIndexOf('/');
  const folder = slash === -1 ? '.' : relativePath.slice(0, slash);
  return hash(folder) % shard.count === shard.index - 1;
}
