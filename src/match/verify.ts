import type { Overlap } from '../model/index.js';

/** Exact overlap of two sorted, distinct shingle-hash sets by one merge pass. */
export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containmentA: a.length === 0 ? 0 : shared / a.length,
    containmentB: b.length === 0 ? 0 : shared / b.length,
    shared,
  };
}
