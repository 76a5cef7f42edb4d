import { candidateProbability } from '../../src/match/lsh.js';
import { overlap } from '../../src/match/verify.js';

/**
 * The near-duplicate benchmark's own LSH machinery (`neardup-run.ts`): an in-memory band index over a whole corpus,
 * the layout derived from a threshold and a recall, and an early-exit Jaccard check. The product's index is the
 * stores' look-up index at the fixed layout `STORE_ROWS` (src/match/lsh.ts); these serve the benchmark's all-pairs
 * run against the peers.
 */

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
