import { fmix32 } from '../fingerprint/hash.js';

/**
 * Banded LSH over MinHash signatures: the signature is cut into bands of `rows` values; two articles are candidates
 * when any band is equal. The chance that a pair of Jaccard J becomes a candidate is 1 − (1 − J^rows)^bands
 * (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3.4). Every candidate is then verified exactly on
 * the shingle sets, so the layout trades candidate volume against recall, never precision.
 */

/**
 * Rows per band for the store's index. With 128 values, 4 rows give 32 bands: a pair at J 0.5 is found with
 * probability 0.87, at 0.6 with 0.98, at 0.7 with 0.9995; reuse below that is found through shared salient terms.
 */
export const STORE_ROWS = 4;

/** Probability that a pair of Jaccard `j` shares at least one band. */
export function candidateProbability(j: number, rows: number, bands: number): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}

/** One 32-bit key per band: the band's index mixed with its values. */
export function bandKeys(sig: Uint32Array, rows = STORE_ROWS, out?: Uint32Array): Uint32Array {
  const bands = Math.floor(sig.length / rows);
  const keys = out ?? new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    for (let r = 0; r < rows; r++) h = fmix32(h ^ sig[b * rows + r]);
    keys[b] = h;
  }
  return keys;
}
