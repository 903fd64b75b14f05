import { editDistance } from '@kubelore/core';

/**
 * The candidate closest to `wanted`, when it is close enough to be a typo: at most a third of the
 * wanted text's length (and at least one edit) away. Ties go to the first candidate.
 */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const match = closest(wanted, candidates);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
