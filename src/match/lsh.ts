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

/**
 * The smallest rows-per-band whose layout still finds pairs at `threshold` with at least `recall` probability, for
 * a signature of `size` values — derived, not guessed (datasketch derives its layout the same way).
 */
export function layoutFor(threshold: number, recall: number, size: number): { rows: number; bands: number } {
  let best = { rows: 1, bands: size };
  for (let rows = 1; rows <= size; rows++) {
    const bands = Math.floor(size / rows);
    if (candidateProbability(threshold, rows, bands) >= recall) best = { rows, bands };
    else break;
  }
  return best;
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

/**
 * An in-memory LSH index over band keys, all in typed arrays: documents are numbered in the order they are added,
 * their keys appended to one array; `forEachCandidate` groups equal keys (open addressing, then postings laid out by
 * key in document order) and visits every pair of documents that share any key once. Equal keys of different bands
 * share a bucket, as in a single map from key to documents.
 */
export class BandIndex {
  private keys: Uint32Array;
  private docs = 0;

  constructor(
    /** Keys per document. */
    readonly bands: number,
    capacity = 1024,
  ) {
    this.keys = new Uint32Array(Math.max(1, capacity) * bands);
  }

  /** Number of documents added. */
  get size(): number {
    return this.docs;
  }

  /** Adds a document's band keys (the first `bands` values of `keys`); returns its number. */
  add(keys: Uint32Array): number {
    const at = this.docs * this.bands;
    if (at + this.bands > this.keys.length) {
      const grown = new Uint32Array(Math.max(at + this.bands, this.keys.length * 2));
      grown.set(this.keys);
      this.keys = grown;
    }
    for (let b = 0; b < this.bands; b++) this.keys[at + b] = keys[b];
    return this.docs++;
  }

  /**
   * Calls `visit(a, b)` once for every pair of documents a < b that share a band key, by a ascending, then by the
   * order of a's bands and of the postings. Returns the number of pairs visited.
   */
  forEachCandidate(visit: (a: number, b: number) => void): number {
    const docs = this.docs;
    const bands = this.bands;
    const entries = docs * bands;
    const keys = this.keys;
    // Bucket of each entry, by open addressing on the key (band keys are already mixed: the low bits index); a slot
    // holds the key and its bucket + 1 side by side, so that a probe reads one cache line.
    let slots = 1;
    while (slots < entries + (entries >> 1)) slots *= 2;
    const mask = slots - 1;
    const table = new Int32Array(2 * slots);
    const bucketOf = new Int32Array(entries);
    const start = new Int32Array(entries + 1);
    let buckets = 0;
    for (let e = 0; e < entries; e++) {
      const k = keys[e] | 0;
      let s = k & mask;
      let id: number;
      for (;;) {
        const t = table[2 * s + 1];
        if (t === 0) {
          table[2 * s] = k;
          table[2 * s + 1] = ++buckets;
          id = buckets - 1;
          break;
        }
        if (table[2 * s] === k) {
          id = t - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      bucketOf[e] = id;
      start[id + 1]++;
    }
    for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
    // Postings by bucket, each in document order; where each entry sits in its bucket's postings.
    const fill = start.slice(0, buckets);
    const postings = new Int32Array(entries);
    const position = new Int32Array(entries);
    for (let e = 0; e < entries; e++) {
      const p = fill[bucketOf[e]]++;
      postings[p] = (e / bands) | 0;
      position[e] = p;
    }
    // Each document pairs with the later documents of its buckets, each partner once.
    const seenBy = new Int32Array(docs).fill(-1);
    let pairs = 0;
    for (let a = 0; a < docs; a++) {
      seenBy[a] = a;
      for (let e = a * bands; e < (a + 1) * bands; e++) {
        const end = start[bucketOf[e] + 1];
        for (let p = position[e] + 1; p < end; p++) {
          const b = postings[p];
          if (seenBy[b] === a) continue;
          seenBy[b] = a;
          pairs++;
          visit(a, b);
        }
      }
    }
    return pairs;
  }
}
