import { minhash } from './minhash.js';
import { shingleSet } from './shingles.js';

export { SHINGLE_WORDS } from './shingles.js';
export { SIGNATURE_SIZE, estimateJaccard } from './minhash.js';

export interface Fingerprint {
  /** Sorted distinct 32-bit word 5-shingle hashes: the exact set that verification compares. */
  shingles: Uint32Array;
  /** MinHash signature of the set, for LSH candidate lookup. */
  signature: Uint32Array;
}

/** The fingerprint stage: shingle set and MinHash signature of a clean body. */
export function fingerprint(body: string): Fingerprint {
  const shingles = shingleSet(body);
  return { shingles, signature: minhash(shingles) };
}
