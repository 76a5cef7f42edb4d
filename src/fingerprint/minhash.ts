import { fmix32 } from './hash.js';

/**
 * MinHash signatures by one-permutation hashing with optimal densification: one hash per shingle picks a bin (its top
 * bits) and a value (a second hash); each bin keeps its minimum; empty bins borrow from a non-empty bin chosen by a
 * probe sequence that depends only on the bin, so equal sets get equal signatures and P[equal value] stays the
 * Jaccard similarity. Li, Owen & Zhang, "One Permutation Hashing" (NIPS 2012); Shrivastava, "Optimal Densification
 * for Fast and Accurate Minwise Hashing" (ICML 2017). Cost: one pass over the shingles instead of one per permutation.
 */

/** Signature length. 128 values keeps the Jaccard estimate's standard error at about 0.044. */
export const SIGNATURE_SIZE = 128;
const BIN_SHIFT = 32 - Math.log2(SIGNATURE_SIZE);
const EMPTY = 0xffffffff;
const SEED_VALUE = 0x9747b28c;

export function minhash(shingles: Uint32Array, out = new Uint32Array(SIGNATURE_SIZE)): Uint32Array {
  out.fill(EMPTY);
  for (let i = 0; i < shingles.length; i++) {
    const x = shingles[i];
    const bin = fmix32(x) >>> BIN_SHIFT;
    const v = fmix32(x ^ SEED_VALUE);
    if (v < out[bin]) out[bin] = v;
  }
  if (shingles.length === 0) return out;
  densify(out);
  return out;
}

/** A full bin is never EMPTY after hashing unless the value hashed to 0xffffffff exactly; that case is harmless. */
function densify(sig: Uint32Array): void {
  const empty: number[] = [];
  for (let i = 0; i < sig.length; i++) if (sig[i] === EMPTY) empty.push(i);
  if (empty.length === 0) return;
  const src = sig.slice();
  for (const i of empty) {
    for (let attempt = 1; ; attempt++) {
      const j = fmix32(Math.imul(i + 1, 0x9e3779b1) ^ attempt) & (sig.length - 1);
      if (src[j] !== EMPTY) {
        sig[i] = src[j];
        break;
      }
    }
  }
}

/** Estimated Jaccard similarity from two signatures. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}
