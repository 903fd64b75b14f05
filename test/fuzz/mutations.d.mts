// Types for mutations.mjs (plain JavaScript so the fuzz child process starts without a TypeScript loader).
export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
}
export function random(seed: number): Rng;
export const MUTATIONS: Record<string, (text: string, rng: Rng, seeds: Array<{ text: string }>) => string>;
export function mutate(seedText: string, rng: Rng, seeds: Array<{ text: string }>): { text: string; applied: string[] };
