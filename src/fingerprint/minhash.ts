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
const BIN_SHIFT = (32 - Math.log2(SIGNATURE_SIZE)) | 0;
const EMPTY = 0xffffffff;
const SEED_VALUE = 0x9747b28c;

export function minhash(shingles: Uint32Array, out = new Uint32Array(SIGNATURE_SIZE)): Uint32Array {
  out.fill(EMPTY);
  const n = shingles.length;
  for (let i = 0; i < n; i++) {
    const x = shingles[i];
    // fmix32(x) picks the bin, fmix32(x ^ SEED_VALUE) is the value: written out, as the call was not inlined.
    let a = x ^ (x >>> 16);
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    let v = x ^ SEED_VALUE;
    v ^= v >>> 16;
    v = Math.imul(v, 0x85ebca6b);
    v ^= v >>> 13;
    v = Math.imul(v, 0xc2b2ae35);
    v ^= v >>> 16;
    const bin = a >>> BIN_SHIFT;
    const value = v >>> 0;
    if (value < out[bin]) out[bin] = value;
  }
  if (n === 0) return out;
  densify(out);
  return out;
}

/** The first probes of each bin's sequence, precomputed: bin i tries PROBE[i * PROBES + attempt - 1] first. */
const PROBES = 32;
const PROBE = new Uint8Array(SIGNATURE_SIZE * PROBES);
for (let i = 0; i < SIGNATURE_SIZE; i++)
  for (let attempt = 1; attempt <= PROBES; attempt++)
    PROBE[i * PROBES + attempt - 1] = probe(i, attempt, SIGNATURE_SIZE);

function probe(i: number, attempt: number, size: number): number {
  return fmix32(Math.imul(i + 1, 0x9e3779b1) ^ attempt) & (size - 1);
}

/** The signature before densification, reused from call to call. */
let before = new Uint32Array(SIGNATURE_SIZE);

/** A full bin is never EMPTY after hashing unless the value hashed to 0xffffffff exactly; that case is harmless. */
function densify(sig: Uint32Array): void {
  const size = sig.length;
  let i = 0;
  while (i < size && sig[i] !== EMPTY) i++;
  if (i === size) return;
  if (before.length !== size) before = new Uint32Array(size);
  const src = before;
  src.set(sig);
  const table = size === SIGNATURE_SIZE;
  for (; i < size; i++) {
    if (src[i] !== EMPTY) continue;
    let attempt = 1;
    if (table) {
      for (; attempt <= PROBES; attempt++) {
        const v = src[PROBE[i * PROBES + attempt - 1]];
        if (v !== EMPTY) {
          sig[i] = v;
          break;
        }
      }
      if (attempt <= PROBES) continue;
    }
    for (; ; attempt++) {
      const v = src[probe(i, attempt, size)];
      if (v !== EMPTY) {
        sig[i] = v;
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
