import { RECENT_POSTINGS } from './types.js';

/**
 * The look-up index of the SQLite store, in memory: band keys → articles (every article, for near-duplicates of any
 * age), posting terms → the most recent articles, document frequencies, and article ids by seq. It is derived data:
 * each article row keeps its own band keys, posting terms and salient terms, so the index is rebuilt from the
 * articles table when a process first needs it and caught up from the rows another process appended since.
 *
 * Why not in tables: kept as B-trees on (key, seq), an article's 32 band keys, 16 postings and 100 frequency updates
 * landed on as many random pages, and a commit of 256 articles wrote some 12,000 pages; the commit cost grew with
 * the store (53 ms per batch at 15,000 articles, 107 ms at 30,000) and was the largest single cost of an ingest.
 */
export class LookUpIndex {
  // Band keys: each key's latest entry (by the key's dense id), entries chained to the previous one with the key.
  private readonly keyIds: IntIds;
  private heads: Int32Array;
  private entrySeq: Int32Array;
  private entryNext: Int32Array;
  private entries = 0;
  private readonly termIds: IntIds;
  /** By term id: document frequency, and the seqs posted under it (the term's posting list, when it has one). */
  private df: Int32Array = new Int32Array(1 << 12);
  private readonly postings: number[][] = [];
  private readonly ids: string[] = [];
  private articles = 0;
  /** Scratch of `termSeqs`: votes per seq, valid where the stamp is the current query's. */
  private votes = new Int32Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  /**
   * Highest seq indexed. The engine numbers articles in arrival order (max + 1), so what another connection appended
   * since is what lies above it.
   */
  upTo = 0;

  /** `capacity`: the starting size of the tables, which grow as they fill. */
  constructor(capacity = 1 << 16) {
    this.keyIds = new IntIds(capacity);
    this.termIds = new IntIds(capacity);
    this.heads = new Int32Array(capacity);
    this.entrySeq = new Int32Array(capacity);
    this.entryNext = new Int32Array(capacity);
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.articles;
  }

  add(seq: number, id: string, bandKeys: Uint32Array, posting: Uint32Array, terms: Uint32Array): void {
    if (seq > this.upTo) this.upTo = seq;
    if (this.ids[seq] === undefined) this.articles++;
    this.ids[seq] = id;
    // An article's equal keys (two bands alike) are one entry.
    for (let i = 0; i < bandKeys.length; i++) if (!repeats(bandKeys, i)) this.addKey(bandKeys[i], seq);
    for (let i = 0; i < posting.length; i++) {
      const t = posting[i];
      if (repeats(posting, i)) continue;
      const id = this.termIds.add(t);
      let list = this.postings[id];
      if (!list) list = this.postings[id] = [];
      list.push(seq);
      // Trimmed in steps, not per push: the list holds the RECENT_POSTINGS most recent seqs and at most as many old.
      if (list.length >= 2 * RECENT_POSTINGS) list.splice(0, list.length - RECENT_POSTINGS);
    }
    // Salient terms come sorted and distinct (terms.ts weigh); any other order is counted once per term all the same.
    let sorted = true;
    for (let i = 1; i < terms.length && sorted; i++) sorted = terms[i - 1] < terms[i];
    for (let i = 0; i < terms.length; i++) {
      if (!sorted && repeats(terms, i)) continue;
      const id = this.termIds.add(terms[i]);
      if (id >= this.df.length) this.df = grown(this.df, this.df.length * 2);
      this.df[id]++;
    }
  }

  private addKey(key: number, seq: number): void {
    if (this.entries === this.entrySeq.length) {
      this.entrySeq = grown(this.entrySeq, this.entries * 2);
      this.entryNext = grown(this.entryNext, this.entries * 2);
    }
    const k = this.keyIds.add(key);
    if (k >= this.heads.length) this.heads = grown(this.heads, this.heads.length * 2);
    const e = this.entries++;
    this.entrySeq[e] = seq;
    // Heads and links are entry + 1, so that 0 means none.
    this.entryNext[e] = this.heads[k];
    this.heads[k] = e + 1;
  }

  /** Seqs of the articles sharing any of the keys, ascending, each once. */
  bandSeqs(keys: Uint32Array): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    for (const key of keys) {
      const k = this.keyIds.get(key);
      if (k < 0) continue;
      for (let e = this.heads[k]; e !== 0; e = this.entryNext[e - 1]) {
        const seq = this.entrySeq[e - 1];
        if (seen.has(seq)) continue;
        seen.add(seq);
        out.push(seq);
      }
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * The `limit` articles sharing most of the terms among each term's RECENT_POSTINGS most recent articles (more shared
   * terms first, then the later article): only recent postings count, so the cost per look-up stays flat as the
   * store grows.
   */
  termSeqs(terms: Uint32Array, limit: number): number[] {
    // Votes in an array indexed by seq, stamped per query, so nothing is allocated per candidate; then the best by a
    // counting sort on the votes (at most one per term), the later article first among equals.
    if (this.votes.length <= this.upTo) {
      const n = Math.max(this.upTo + 1, this.votes.length * 2);
      this.votes = new Int32Array(n);
      this.stamps = new Int32Array(n);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const votes = this.votes;
    const stamps = this.stamps;
    const touched: number[] = [];
    let most = 0;
    for (const t of terms) {
      const id = this.termIds.get(t);
      const list = id < 0 ? undefined : this.postings[id];
      if (!list) continue;
      for (let i = Math.max(0, list.length - RECENT_POSTINGS); i < list.length; i++) {
        const seq = list[i];
        if (stamps[seq] !== stamp) {
          stamps[seq] = stamp;
          votes[seq] = 0;
          touched.push(seq);
        }
        if (++votes[seq] > most) most = votes[seq];
      }
    }
    const byVotes: number[][] = Array.from({ length: most + 1 }, () => []);
    for (const seq of touched) byVotes[votes[seq]].push(seq);
    const out: number[] = [];
    for (let v = most; v > 0 && out.length < limit; v--) {
      const group = byVotes[v].sort((a, b) => b - a);
      for (let i = 0; i < group.length && out.length < limit; i++) out.push(group[i]);
    }
    return out;
  }

  documentFrequency(term: number): number {
    const id = this.termIds.get(term);
    return id < 0 || id >= this.df.length ? 0 : this.df[id];
  }

  idOf(seq: number): string | undefined {
    return this.ids[seq];
  }
}

/** Whether `xs[i]` already occurs before position i (the arrays here hold 16 to 100 values). */
function repeats(xs: Uint32Array, i: number): boolean {
  const x = xs[i];
  for (let j = 0; j < i; j++) if (xs[j] === x) return true;
  return false;
}

/** A copy of `a` in an array of `n` values (n at least a's length). */
function grown(a: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  out.set(a);
  return out;
}

/**
 * Dense ids (0, 1, 2, … in order of first sight) for 32-bit values — band keys, terms — by open addressing in typed
 * arrays: document frequencies are read for some 150 terms per article and postings kept for 16, and a Map keyed by
 * numbers above 2^30 (half of all term hashes, which V8 then boxes) cost 2% of an ingest and most of the index's load.
 */
class IntIds {
  private keys: Int32Array;
  /** Id + 1 per slot; 0 is an empty slot. */
  private ids: Int32Array;
  size = 0;
  /** 32 − log2 of the table size: the slot is the top bits of the key times the golden ratio (Fibonacci hashing). */
  private shift: number;

  /** `capacity`: the starting number of slots, rounded up to a power of two (at least 2). */
  constructor(capacity: number) {
    let bits = 1;
    while (1 << bits < capacity) bits++;
    this.keys = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  private slot(k: number): number {
    const mask = this.keys.length - 1;
    let s = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (this.ids[s] !== 0 && this.keys[s] !== k) s = (s + 1) & mask;
    return s;
  }

  /** The value's id, or -1 when it has none. */
  get(term: number): number {
    return this.ids[this.slot(term | 0)] - 1;
  }

  /** The value's id, given it one if it had none. */
  add(term: number): number {
    const k = term | 0;
    let s = this.slot(k);
    if (this.ids[s] === 0) {
      if (2 * (this.size + 1) > this.keys.length) {
        this.grow();
        s = this.slot(k);
      }
      this.keys[s] = k;
      this.ids[s] = ++this.size;
    }
    return this.ids[s] - 1;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Int32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.shift--;
    for (let i = 0; i < keys.length; i++) {
      if (ids[i] === 0) continue;
      const s = this.slot(keys[i]);
      this.keys[s] = keys[i];
      this.ids[s] = ids[i];
    }
  }
}
