import { NAMING_CACHE_SIZE, RecentCache, SKETCH_CACHE_SIZE } from '../cache.js';
import { sketchOf, u32 } from '../columns.js';
import { LookUpIndex } from '../look-up-index.js';
import type { NamingRow } from '../naming.js';
import type { ArticleSketch, StoredArticle } from '../types.js';
import type { Query } from './reads.js';
import { RelationBuffer } from './relations.js';

/** Articles read per round trip when the look-up index is built or caught up. */
const LOOK_UP_CHUNK = 10_000;

/**
 * What one transaction of the store keeps: whether the look-up index has been caught up in it, the stories whose
 * summary its writes keep current (`putArticle` updates it, merges and moves recount it: `refreshStory`, which the
 * engine calls after each article, has nothing to do for them), and its relations waiting to be written. One per
 * transaction, so that two at once in one process (a worker preparing on threads while it commits) never share it.
 */
export class TxState {
  caughtUp = false;
  readonly summarised = new Set<string>();
  readonly relations: RelationBuffer;

  constructor(q: Query) {
    this.relations = new RelationBuffer(q);
  }
}

/**
 * What the PostgreSQL store keeps in memory for the commits it makes, so that a story decision reads the database as
 * little as the SQLite store's does.
 *
 * The candidate look-up (band keys, recent postings, document frequencies) is the SQLite store's in-memory index
 * (look-up-index.ts), built from the articles table by the process that first needs it and caught up from the rows
 * appended since: inside a transaction once, at its first look-up — in a worker's commit, after the commit lock is
 * taken, so nothing can be appended under it — and outside one at every look-up. Kept as tables, each article cost
 * 150 index rows written (its band keys, postings and a frequency upsert per salient term) and each decision four
 * round trips to read them back: most of a serial commit's time (BENCHMARKS.md). Each committing process holds one
 * copy (about 0.5 KB per article).
 *
 * Beside it: the ids it holds, sketches and naming rows of recent articles, and story sizes. Another process's
 * articles (and with them its merges and moves, which happen only as articles arrive) empty what they may have made
 * stale; a rollback empties everything, since it may hold the rolled-back articles.
 */
export class CommitMemory {
  /** The look-up index; undefined until first needed, and after a rollback. */
  private lookUp?: LookUpIndex;
  /** The ids of the articles in the look-up index (about 60 bytes each). */
  private indexed = new Set<string>();
  private catchingUp?: Promise<unknown>;
  /** Naming columns of recently stored or read articles, by seq (model/naming.ts); a seq is fixed once committed. */
  readonly naming = new RecentCache<number, NamingRow>(NAMING_CACHE_SIZE);
  /**
   * Sketches of recently read or written articles, used inside a transaction once the index is caught up, and the
   * merges since they were cached (applied on read, as the SQLite store does).
   */
  readonly sketches = new RecentCache<string, ArticleSketch>(SKETCH_CACHE_SIZE);
  private readonly mergedInto = new Map<string, string>();
  /**
   * Story sizes read or kept current inside transactions (the engine asks for the size of every story an article
   * comes close to); a story merged or moved from or to is read again.
   */
  readonly sizes = new Map<string, number>();
  /** After a rollback: everything goes. */
  forget(): void {
    this.lookUp = undefined;
    this.naming.clear();
    this.othersWrote();
  }

  /** Another process appended articles: what its merges and moves may have changed goes. */
  private othersWrote(): void {
    this.sketches.clear();
    this.mergedInto.clear();
    this.sizes.clear();
  }

  /** The look-up index, caught up with the articles table where it may be behind (see the class comment). */
  async index(q: Query, tx?: TxState): Promise<LookUpIndex> {
    if (this.lookUp && tx?.caughtUp) return this.lookUp;
    // One catch-up at a time: look-ups that overlap (a Promise.all of reads) wait for the one under way.
    const prev = this.catchingUp;
    const next = (async () => {
      await prev;
      return this.catchUp(q, tx);
    })();
    this.catchingUp = next.catch(() => undefined);
    return next;
  }

  private async catchUp(q: Query, tx?: TxState): Promise<LookUpIndex> {
    if (!this.lookUp) this.indexed = new Set();
    const ix = (this.lookUp ??= new LookUpIndex());
    for (;;) {
      const rows = await q<{ seq: string; id: string; band_keys: Buffer; posting: Buffer; terms: Buffer }>(
        'SELECT seq, id, band_keys, posting, terms FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2',
        [ix.upTo, LOOK_UP_CHUNK],
      );
      if (rows.length > 0) this.othersWrote();
      for (const r of rows)
        if (Number(r.seq) > ix.upTo) {
          ix.add(Number(r.seq), r.id, u32(r.band_keys), u32(r.posting), u32(r.terms));
          this.indexed.add(r.id);
        }
      if (rows.length < LOOK_UP_CHUNK) break;
    }
    if (tx) tx.caughtUp = true;
    return ix;
  }

  /** Is an article of this id indexed? (Ask once `index` has caught up.) */
  has(id: string): boolean {
    return this.indexed.has(id);
  }

  /** An article this process stored (after `index`), in a story now `size` articles large, with its naming row. */
  stored(
    ix: LookUpIndex,
    a: StoredArticle,
    bandKeys: Uint32Array,
    posting: Uint32Array,
    size: number,
    naming: NamingRow,
  ): void {
    ix.add(a.seq, a.id, bandKeys, posting, a.terms);
    this.indexed.add(a.id);
    this.sizes.set(a.storyId, size);
    // A story id in use is nobody's merged-away id (ids are the founding article's; a reuse would be a collision).
    this.mergedInto.delete(a.storyId);
    this.sketches.set(a.id, sketchOf(a));
    this.naming.set(a.seq, naming);
  }

  /** A sketch as it stands now: its story id after the merges since it was cached. */
  current(sk: ArticleSketch): ArticleSketch {
    let s = sk.storyId;
    for (let next = this.mergedInto.get(s); next !== undefined; next = this.mergedInto.get(s)) s = next;
    if (s !== sk.storyId) this.mergedInto.set(sk.storyId, s);
    return { ...sk, storyId: s };
  }

  merged(from: string, into: string): void {
    this.mergedInto.set(from, into);
    this.sizes.delete(from);
    this.sizes.delete(into);
  }

  moved(id: string, from: string, into: string): void {
    const sk = this.sketches.get(id);
    if (sk) this.sketches.set(id, { ...sk, storyId: into });
    this.sizes.delete(from);
    this.sizes.delete(into);
  }
}
