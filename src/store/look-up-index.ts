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
  /** Scratch of `termSeqs`: a table of seqs and their votes, valid where the stamp is the current query's. */
  private slotSeq = new Int32Array(0);
  private slotVotes = new Int32Array(0);
  private slotStamp = new Int32Array(0);
  private touched = new Int32Array(0);
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
    // Votes in a small open-addressing table keyed by seq, stamped per query: nothing is cleared or allocated per
    // candidate, and the table (twice the postings a query can touch) stays in cache however large the store grows.
    // A seq-indexed array did the same but grew with the store, and its random reads grew slower with it.
    const need = 2 * Math.max(1, terms.length) * RECENT_POSTINGS;
    if (this.slotSeq.length < need) {
      let size = 2;
      while (size < need) size *= 2;
      this.slotSeq = new Int32Array(size);
      this.slotVotes = new Int32Array(size);
      this.slotStamp = new Int32Array(size);
      this.touched = new Int32Array(size);
      this.stamp = 0;
    }
    if (this.stamp === 0x7fffffff) {
      this.slotStamp.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const { slotSeq, slotVotes, slotStamp, touched } = this;
    const mask = slotSeq.length - 1;
    const shift = 32 - Math.log2(slotSeq.length);
    let count = 0;
    let most = 0;
    for (const t of terms) {
      const id = this.termIds.get(t);
      const list = id < 0 ? undefined : this.postings[id];
      if (!list) continue;
      for (let i = Math.max(0, list.length - RECENT_POSTINGS); i < list.length; i++) {
        const seq = list[i];
        let s = Math.imul(seq, 0x9e3779b1) >>> shift;
        while (slotStamp[s] === stamp && slotSeq[s] !== seq) s = (s + 1) & mask;
        if (slotStamp[s] !== stamp) {
          slotStamp[s] = stamp;
          slotSeq[s] = seq;
          slotVotes[s] = 0;
          touched[count++] = s;
        }
        if (++slotVotes[s] > most) most = slotVotes[s];
      }
    }
    // The best `limit` by votes, the later article first among equals. A histogram of the votes gives the lowest count
    // that still makes the limit (`floor`); those above it are fewer than `limit`, and of those at it only the latest
    // are needed: a numeric sort of a typed array, not a comparator sort over thousands of one-vote articles.
    const perVotes = new Int32Array(most + 1);
    for (let k = 0; k < count; k++) perVotes[slotVotes[touched[k]]]++;
    let floor = 1;
    let above = 0;
    for (let v = most; v > 0; v--) {
      if (above + perVotes[v] >= limit) {
        floor = v;
        break;
      }
      above += perVotes[v];
    }
    const high: number[] = [];
    const atFloor = new Int32Array(perVotes[floor] ?? 0);
    let nFloor = 0;
    for (let k = 0; k < count; k++) {
      const s = touched[k];
      const v = slotVotes[s];
      if (v > floor) high.push(s);
      else if (v === floor) atFloor[nFloor++] = slotSeq[s];
    }
    high.sort((x, y) => slotVotes[y] - slotVotes[x] || slotSeq[y] - slotSeq[x]);
    const out = high.map((s) => slotSeq[s]);
    atFloor.sort();
    for (let k = nFloor - 1; k >= 0 && out.length < limit; k--) out.push(atFloor[k]);
    return out;
  }

  documentFrequency(term: number): number {
    const id = this.termIds.get(term);
    return id < 0 || id >= this.df.length ? 0 : this.df[id];
  }

  idOf(seq: number): string | undefined {
    return this.ids[seq];
  }

  /**
   * The index as the bytes of a snapshot file (`fromSnapshot` reads it back): a JSON header line with `stamp` (what
   * the caller needs to tell whether the snapshot still fits its store) and the array lengths, then the typed arrays
   * as they are in memory, each at a multiple of 8 bytes. Loading them is a read of the file where rebuilding from
   * the article rows inserts every band key and term count again.
   */
  toSnapshot(stamp: Record<string, unknown>): Buffer[] {
    const lengths: number[] = [];
    for (const list of this.postings) lengths.push(list ? list.length : -1);
    const flat = new Int32Array(lengths.reduce((n, l) => n + Math.max(l, 0), 0));
    let at = 0;
    for (const list of this.postings) if (list) for (const seq of list) flat[at++] = seq;
    const ids = Buffer.from(Array.from({ length: this.upTo + 1 }, (_, i) => this.ids[i] ?? '').join('\n'));
    const arrays: Array<Int32Array | Uint8Array> = [
      this.keyIds.keys,
      this.keyIds.ids,
      this.heads.subarray(0, this.keyIds.size),
      this.entrySeq.subarray(0, this.entries),
      this.entryNext.subarray(0, this.entries),
      this.termIds.keys,
      this.termIds.ids,
      this.df.subarray(0, this.termIds.size),
      Int32Array.from(lengths),
      flat,
      ids,
    ];
    const header = {
      format: SNAPSHOT_FORMAT,
      stamp,
      upTo: this.upTo,
      articles: this.articles,
      keys: this.keyIds.size,
      terms: this.termIds.size,
      bytes: arrays.map((a) => a.byteLength),
    };
    const out: Buffer[] = [Buffer.from(JSON.stringify(header) + '\n')];
    let offset = out[0].length;
    for (const a of arrays) {
      const pad = (8 - (offset % 8)) % 8;
      if (pad > 0) out.push(Buffer.alloc(pad));
      out.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      offset += pad + a.byteLength;
    }
    return out;
  }

  /** The header stamp of a snapshot, or undefined when the bytes are not one this version writes. */
  static snapshotStamp(bytes: Buffer): Record<string, unknown> | undefined {
    return snapshotHeader(bytes)?.stamp;
  }

  /** The index a snapshot holds, or undefined when the bytes are not a whole snapshot of this format. */
  static fromSnapshot(bytes: Buffer): LookUpIndex | undefined {
    const header = snapshotHeader(bytes);
    if (!header) return undefined;
    let offset = bytes.indexOf(10) + 1;
    const views: Buffer[] = [];
    for (const n of header.bytes) {
      offset += (8 - (offset % 8)) % 8;
      if (offset + n > bytes.length) return undefined;
      views.push(bytes.subarray(offset, offset + n));
      offset += n;
    }
    if (offset !== bytes.length || views.length !== 11) return undefined;
    // Copied into arrays of their own (with room to grow where given), so the file's bytes can go; read in place
    // where they are aligned, as they are in a buffer of their own (the offsets are multiples of 8).
    const i32 = (b: Buffer, size = b.length / 4) => {
      const out = new Int32Array(Math.max(size, 1));
      const src = b.byteOffset % 4 === 0 ? b : new Uint8Array(b);
      out.set(new Int32Array(src.buffer, src.byteOffset, b.length / 4));
      return out;
    };
    const ix = new LookUpIndex(2);
    const cap = (n: number) => Math.max(2 * n, 1 << 12);
    ix.keyIds.restore(i32(views[0]), i32(views[1]), header.keys);
    ix.heads = i32(views[2], cap(header.keys));
    const entries = views[3].length / 4;
    ix.entrySeq = i32(views[3], cap(entries));
    ix.entryNext = i32(views[4], cap(entries));
    ix.entries = entries;
    ix.termIds.restore(i32(views[5]), i32(views[6]), header.terms);
    ix.df = i32(views[7], cap(header.terms));
    const lengths = i32(views[8]);
    const flat = i32(views[9]);
    let at = 0;
    for (let t = 0; t < views[8].length / 4; t++) {
      const l = lengths[t];
      if (l < 0) continue;
      ix.postings[t] = Array.from(flat.subarray(at, at + l));
      at += l;
    }
    const ids = views[10].toString('utf8').split('\n');
    for (let seq = 0; seq < ids.length; seq++) if (ids[seq] !== '') ix.ids[seq] = ids[seq];
    ix.upTo = header.upTo;
    ix.articles = header.articles;
    return ix;
  }
}

/** Version of the snapshot layout; a snapshot of another is not read. */
const SNAPSHOT_FORMAT = 1;

interface SnapshotHeader {
  format: number;
  stamp: Record<string, unknown>;
  upTo: number;
  articles: number;
  keys: number;
  terms: number;
  bytes: number[];
}

function snapshotHeader(bytes: Buffer): SnapshotHeader | undefined {
  const end = bytes.indexOf(10);
  if (end < 0 || end > 1 << 16) return undefined;
  try {
    const h = JSON.parse(bytes.subarray(0, end).toString('utf8')) as SnapshotHeader;
    return h.format === SNAPSHOT_FORMAT && Array.isArray(h.bytes) ? h : undefined;
  } catch {
    return undefined;
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
  keys: Int32Array;
  /** Id + 1 per slot; 0 is an empty slot. */
  ids: Int32Array;
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

  /** Takes the slots of a snapshot (`keys` and `ids` as `toSnapshot` wrote them, of a power-of-two length). */
  restore(keys: Int32Array, ids: Int32Array, size: number): void {
    let bits = 1;
    while (1 << bits < keys.length) bits++;
    if (keys.length !== 1 << bits || ids.length !== keys.length) throw new Error('snapshot: bad slot table');
    this.keys = keys;
    this.ids = ids;
    this.size = size;
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
