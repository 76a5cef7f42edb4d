import type { Overlap } from '../model/index.js';

/** Exact overlap of two sorted, distinct shingle-hash sets by one merge pass. */
export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  let i = 0;
  let j = 0;
  let shared = 0;
  const na = a.length;
  const nb = b.length;
  // Branch-free steps (the comparisons of hashes are unpredictable).
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    shared += +(x === y);
    i += +(x <= y);
    j += +(y <= x);
  }
  return overlapOfCounts(shared, na, nb);
}

/** The overlap record of two sets of sizes `a` and `b` that share `shared` elements. */
export function overlapOfCounts(shared: number, a: number, b: number): Overlap {
  const union = a + b - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containmentA: a === 0 ? 0 : shared / a,
    containmentB: b === 0 ? 0 : shared / b,
    shared,
  };
}

/**
 * The exact Jaccard similarity of two sorted, distinct sets when it is at least `threshold`, else -1. Equal to
 * `overlap(a, b).jaccard` whenever that reaches the threshold, but the merge stops as soon as so many elements of
 * either side went unmatched that the threshold is out of reach.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  const na = a.length;
  const nb = b.length;
  if (!(threshold > 0)) {
    const j = overlap(a, b).jaccard;
    return j >= threshold ? j : -1;
  }
  // The fewest shared elements that reach the threshold: J = s / (na + nb − s) grows with s.
  const most = Math.min(na, nb);
  let need = Math.max(0, Math.min(most + 1, Math.ceil((threshold * (na + nb)) / (1 + threshold))));
  while (need > 0 && reaches(need - 1, na + nb, threshold)) need--;
  while (need <= most && !reaches(need, na + nb, threshold)) need++;
  if (need > most) return -1;
  const missA = na - need;
  const missB = nb - need;
  let i = 0;
  let j = 0;
  let shared = 0;
  // Branch-free steps (the comparisons of hashes are unpredictable); the bound checks are predictable.
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    shared += +(x === y);
    i += +(x <= y);
    j += +(y <= x);
    if (i - shared > missA || j - shared > missB) return -1;
  }
  const union = na + nb - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  return jaccard >= threshold ? jaccard : -1;
}

/** Does a pair of set sizes summing to `sizes` with `shared` common elements reach Jaccard `threshold`? */
function reaches(shared: number, sizes: number, threshold: number): boolean {
  return shared / (sizes - shared) >= threshold;
}
