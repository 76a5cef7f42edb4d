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
