import Database from 'better-sqlite3';
import type { Fact, Relation, Span } from '../../model/index.js';
import { knownLanguage } from '../../model/index.js';
import { NAMING_DEFAULTS } from '../../model/naming.js';
import { NAMING_CACHE_SIZE, RecentCache, SKETCH_CACHE_SIZE } from '../cache.js';
import { WalCheckpointer } from '../checkpointer.js';
import { cuesJson, parseCues } from '../cues.js';
import { LookUpIndex } from '../look-up-index.js';
import { nameOfRows, type NamingRow } from '../naming.js';
import { seenDates, storySummary, type StoryRow } from '../search.js';
import {
  pageIds,
  type AlignableArticle,
  type ArticleSketch,
  type Store,
  type StoredArticle,
  type StoredError,
  type StoryFilter,
  type StoryPage,
  type Membership,
  type StoryChange,
  type StoryRecord,
  type StoryOutline,
  type StorySummary,
  LEDE_CHARS,
  TIMELINE_DAYS,
} from '../types.js';
import type { RawDoc } from '../../model/index.js';
import { openSchema } from './migrations.js';
import { inFile, rowToArticle, type ArticleRow, type StoryStats } from './rows.js';
import { blob, f32, namingRowOf, orNull, orUndef, rowToSketch, sketchOf, u32, type SketchRow } from '../columns.js';
import { lookUpSnapshotFile, readSnapshot, SNAPSHOT_MIN_ARTICLES, writeSnapshot } from './snapshot.js';
import { findStoriesSql } from './search.js';
import { prepareStatements, type Statements } from './statements.js';

/** Rows read per step when the look-up index is built or caught up. */
const LOOK_UP_CHUNK = 10_000;

/**
 * The embedded default store: one SQLite file (WAL mode), zero set-up. better-sqlite3 is synchronous; the async
 * methods resolve at once. Writes of a batch run in one transaction (BEGIN IMMEDIATE), so an interrupted run
 * leaves the store as it was before the batch.
 */
export class SqliteStore implements Store {
  /**
   * Band keys, recent postings, document frequencies and ids by seq (look-up-index.ts), built from the articles table
   * when first needed and caught up from it when another connection has appended; dropped on rollback.
   */
  private lookUp?: LookUpIndex;
  /** Another connection has committed since the look-up index was last caught up. */
  private lookUpBehind = false;
  private dataVersion = -1;
  /**
   * Sketches of recently read or written articles (least recently used first), and the merges since they were
   * cached: a new article's candidates are mostly recent articles and members of the same few stories, read again
   * and again. Emptied like the other caches on rollback and when another connection writes.
   */
  private readonly sketchCache = new RecentCache<string, ArticleSketch>(SKETCH_CACHE_SIZE);
  /**
   * What a story's name is made from (model/naming.ts), per article seq: a story is named again whenever it gains,
   * loses or merges members, from up to 128 of them, and reading those columns from each row (past the sketch, on
   * its overflow pages) cost more than the naming.
   */
  private readonly namingCache = new RecentCache<number, NamingRow>(NAMING_CACHE_SIZE);
  private readonly mergedInto = new Map<string, string>();
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  /** WAL checkpoints on a thread of their own once the log grows (checkpointer.ts). */
  private readonly checkpointer?: WalCheckpointer;
  private readonly stmts: Statements;
  private depth = 0;

  /** Highest seq the snapshot file holds (read or written by this process); 0 for none. */
  private snapshotUpTo = 0;
  /** Where the look-up index of the last build came from, for tests and benchmarks. */
  lookUpSource?: 'snapshot' | 'rows';

  constructor(
    readonly path: string,
    private readonly options: { snapshotMinArticles?: number } = {},
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    if (inFile(path)) this.checkpointer = new WalCheckpointer(path, this.db);
    openSchema(this.db, path);
    this.stmts = prepareStatements(this.db);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // better-sqlite3's own transaction() cannot span awaits; the engine's work inside is synchronous in effect
    // (no other writer interleaves in this process), so explicit BEGIN/COMMIT is safe here.
    if (this.depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      this.checkDataVersion();
      const out = await fn();
      this.db.exec('COMMIT');
      this.commits++;
      this.checkpointer?.committed();
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.lookUp = undefined;
      this.clearCaches();
      throw e;
    } finally {
      this.depth--;
    }
  }

  /** Commits made through this connection (data_version counts only other connections'). */
  private commits = 0;

  changeMark(): string {
    return `${this.db.pragma('data_version', { simple: true }) as number}:${this.commits}`;
  }

  /** Empties the caches when another connection has committed since this one last looked. */
  private checkDataVersion(): void {
    const v = this.db.pragma('data_version', { simple: true }) as number;
    if (v !== this.dataVersion) {
      this.clearCaches();
      this.lookUpBehind = true;
    }
    this.dataVersion = v;
  }

  /** Forgets the sketches and merges read from the file (stories may have changed under them). */
  private clearCaches(): void {
    this.sketchCache.clear();
    this.namingCache.clear();
    this.mergedInto.clear();
  }

  /** The look-up index, built or caught up with the articles table first where it needs to be. */
  private index(): LookUpIndex {
    if (this.depth === 0) this.checkDataVersion();
    let ix = this.lookUp;
    if (!ix || this.lookUpBehind) {
      if (!ix) {
        ix = this.readSnapshot();
        this.lookUpSource = ix ? 'snapshot' : 'rows';
        ix ??= new LookUpIndex();
        this.lookUp = ix;
      }
      for (;;) {
        const rows = this.stmts.lookUpRows.all(ix.upTo, LOOK_UP_CHUNK) as Array<
          [number, string, Buffer, Buffer, Buffer]
        >;
        for (const [seq, id, keys, posting, terms] of rows) ix.add(seq, id, u32(keys), u32(posting), u32(terms));
        if (rows.length < LOOK_UP_CHUNK) break;
      }
      this.lookUpBehind = false;
    }
    return ix;
  }

  async hasArticle(id: string): Promise<boolean> {
    return this.stmts.has.get(id) !== undefined;
  }

  async nextSeq(): Promise<number> {
    return (this.stmts.maxSeq.get() as number) + 1;
  }

  async putArticle(a: StoredArticle, bandKeys: Uint32Array, postingTerms: Uint32Array): Promise<void> {
    const ix = this.index();
    this.stmts.insert.run({
      seq: a.seq,
      id: a.id,
      source: a.source,
      outlet: orNull(a.outlet),
      url: orNull(a.url),
      title: orNull(a.title),
      published_at: orNull(a.publishedAt),
      byline: orNull(a.byline),
      dateline: orNull(a.dateline),
      raw: JSON.stringify(a.raw),
      text: a.text,
      body: a.body,
      kept: JSON.stringify(a.kept),
      removed: JSON.stringify(a.removed),
      sentences: JSON.stringify(a.sentences),
      facts: JSON.stringify(a.facts),
      shingles: blob(a.shingles),
      signature: blob(a.signature),
      terms: blob(a.terms),
      weights: blob(a.weights),
      cues: cuesJson(a.cues),
      story_id: a.storyId,
      band_keys: blob(bandKeys),
      posting: blob(postingTerms),
      membership: a.membership ? JSON.stringify(a.membership) : null,
    });
    ix.add(a.seq, a.id, bandKeys, postingTerms, a.terms);
    this.stmts.fts.run(a.seq, a.title ?? '', a.body);
    const newOutlet = this.stmts.addOutlet.run(a.storyId, a.outlet ?? a.source).changes;
    if (knownLanguage(a.cues.language)) this.stmts.addLanguage.run(a.storyId, a.cues.language);
    this.stmts.addToStory.run({
      id: a.storyId,
      pub: orNull(a.publishedAt),
      seq: a.seq,
      title: orNull(a.title),
      new_outlet: newOutlet,
    });
    this.namingCache.set(a.seq, namingRowOf(a));
    this.nameStory(a.storyId);
    // A story id in use is nobody's merged-away id (ids are the founding article's; a reuse would be a collision).
    this.mergedInto.delete(a.storyId);
    this.sketchCache.set(a.id, sketchOf(a));
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    const r = this.stmts.get.get(id) as ArticleRow | undefined;
    return r && rowToArticle(r);
  }

  async getArticles(ids: string[]): Promise<StoredArticle[]> {
    const out: StoredArticle[] = [];
    for (const id of ids) {
      const a = await this.getArticle(id);
      if (a) out.push(a);
    }
    return out;
  }

  async getAlignable(ids: string[]): Promise<AlignableArticle[]> {
    const out: AlignableArticle[] = [];
    for (const id of ids) {
      const r = this.stmts.alignable.get(id) as
        | {
            seq: number;
            id: string;
            published_at: string | null;
            shingles: Buffer;
            cues: string | null;
            outlet: string | null;
            sentences: string;
            facts: string;
            body: string;
          }
        | undefined;
      if (!r) continue;
      out.push({
        id: r.id,
        seq: r.seq,
        outlet: orUndef(r.outlet),
        cues: parseCues(r.cues),
        publishedAt: orUndef(r.published_at),
        body: r.body,
        sentences: JSON.parse(r.sentences) as Span[],
        facts: JSON.parse(r.facts) as Fact[],
        shingles: u32(r.shingles),
      });
    }
    return out;
  }

  async articleIds(): Promise<string[]> {
    return this.stmts.ids.all() as string[];
  }

  async countArticles(): Promise<number> {
    return this.stmts.count.get() as number;
  }

  async bandCandidates(keys: Uint32Array): Promise<string[]> {
    const ix = this.index();
    return ix.bandSeqs(keys).map((seq) => ix.idOf(seq)!);
  }

  async termCandidates(terms: Uint32Array, limit: number): Promise<string[]> {
    const ix = this.index();
    return ix.termSeqs(terms, limit).map((seq) => ix.idOf(seq)!);
  }

  async documentFrequencies(terms: Uint32Array): Promise<Uint32Array> {
    const ix = this.index();
    return Uint32Array.from(terms, (t) => ix.documentFrequency(t));
  }

  async getSketches(ids: string[]): Promise<ArticleSketch[]> {
    if (this.depth === 0) this.checkDataVersion();
    const out: ArticleSketch[] = [];
    for (const id of ids) {
      let sk = this.sketchCache.get(id);
      if (!sk) {
        const r = this.stmts.sketch.get(id) as SketchRow | undefined;
        if (!r) continue;
        sk = rowToSketch(r);
        this.sketchCache.set(id, sk);
      }
      // A literal of the sketch's own fields: a spread of it cost more than the look-up.
      out.push({
        id: sk.id,
        seq: sk.seq,
        storyId: this.currentStory(sk.storyId),
        originStoryId: sk.originStoryId,
        publishedAt: sk.publishedAt,
        shingles: sk.shingles,
        terms: sk.terms,
        weights: sk.weights,
        cues: sk.cues,
      });
    }
    return out;
  }

  /** The story a cached sketch's story was merged into, if it was (merges are recorded, not applied to the cache). */
  private currentStory(id: string): string {
    let s = id;
    for (let next = this.mergedInto.get(s); next !== undefined; next = this.mergedInto.get(s)) s = next;
    if (s !== id) this.mergedInto.set(id, s);
    return s;
  }

  async storySize(id: string): Promise<number> {
    return (this.stmts.storyRow.get(id) as StoryStats | undefined)?.n_articles ?? 0;
  }

  async mergeStories(from: string, into: string): Promise<void> {
    if (from === into) return;
    this.mergedInto.set(from, into);
    const f = this.stmts.storyRow.get(from) as StoryStats | undefined;
    const t = this.stmts.storyRow.get(into) as StoryStats | undefined;
    this.stmts.moveArticles.run(into, from);
    this.stmts.moveRelations.run(into, from);
    const added = this.stmts.moveOutlets.run(into, from).changes;
    this.stmts.dropOutlets.run(from);
    this.stmts.moveLanguages.run(into, from);
    this.stmts.dropLanguages.run(from);
    this.stmts.delStory.run(from);
    if (!f || !t) {
      this.rebuildStory(into);
      return;
    }
    // The earlier titled article of the two, in story order: dated before undated, then by date, then by seq.
    const fNames =
      f.title_seq !== null &&
      (t.title_seq === null ||
        (f.title_at !== null && (t.title_at === null || f.title_at < t.title_at)) ||
        (f.title_at === t.title_at && f.title_seq < t.title_seq));
    const named = fNames ? f : t;
    const dates = [f.first_seen, t.first_seen].filter((d): d is string => d !== null).sort();
    const lasts = [f.last_seen, t.last_seen].filter((d): d is string => d !== null).sort();
    this.stmts.putStoryRow.run({
      id: into,
      first_seen: dates[0] ?? null,
      last_seen: lasts[lasts.length - 1] ?? null,
      n_articles: f.n_articles + t.n_articles,
      n_outlets: t.n_outlets + added,
      title: named.title,
      title_seq: named.title_seq,
      title_at: named.title_at,
    });
    this.nameStory(into);
  }

  async moveArticle(id: string, into: string, membership: Membership): Promise<void> {
    const from = this.stmts.storyOf.get(id) as string | undefined;
    if (from === undefined || from === into) return;
    this.stmts.moveOne.run(into, JSON.stringify(membership), id);
    this.stmts.dropCrossRelations.run({ id, from });
    const sk = this.sketchCache.get(id);
    if (sk) this.sketchCache.set(id, { ...sk, storyId: into });
    this.rebuildStory(from);
    this.rebuildStory(into);
  }

  async storyArticleIds(id: string, limit: number): Promise<string[]> {
    return this.stmts.storyIds.all(this.currentStory(id), limit) as string[];
  }

  async putStoryChange(c: StoryChange): Promise<void> {
    this.stmts.putChange.run(c.from, c.to, JSON.stringify(c));
  }

  async putRelation(storyId: string, relation: Relation): Promise<void> {
    this.stmts.putRelation.run(storyId, relation.from, relation.to, relation.kind, JSON.stringify(relation));
  }

  /**
   * The summary is kept current by `putArticle` and `mergeStories`; this only builds it where it is missing (a story
   * written by other means), so the engine's call after each article costs one look-up.
   */
  async refreshStory(id: string): Promise<void> {
    if (!this.stmts.storyRow.get(id)) this.rebuildStory(id);
  }

  /** Recounts a story's summary from its articles (and drops it when it has none). */
  private rebuildStory(id: string): void {
    const stats = this.stmts.storyStats.get(id) as {
      n: number;
      outlets: number;
      first: string | null;
      last: string | null;
    };
    this.stmts.dropOutlets.run(id);
    this.stmts.dropLanguages.run(id);
    if (stats.n === 0) {
      this.stmts.delStory.run(id);
      return;
    }
    this.stmts.rebuildOutlets.run(id);
    this.stmts.rebuildLanguages.run(id);
    const named = this.stmts.titledFirst.get(id) as
      { seq: number; title: string; published_at: string | null } | undefined;
    this.stmts.putStoryRow.run({
      id,
      first_seen: stats.first,
      last_seen: stats.last,
      n_articles: stats.n,
      n_outlets: stats.outlets,
      title: named?.title ?? null,
      title_seq: named?.seq ?? null,
      title_at: named?.published_at ?? null,
    });
    this.nameStory(id);
  }

  /** Names the story from its members (model/naming.ts), as it stands now. */
  private nameStory(id: string): void {
    const seqs = this.stmts.namingFirst.all(id, NAMING_DEFAULTS.sampleEach) as number[];
    // Fewer than the sample: those are all its members, and the latest are among them.
    if (seqs.length === NAMING_DEFAULTS.sampleEach)
      seqs.push(...(this.stmts.namingLast.all(id, NAMING_DEFAULTS.sampleEach) as number[]));
    const rows = seqs.map((seq) => {
      let r = this.namingCache.get(seq);
      if (!r) {
        const row = this.stmts.namingRow.get(seq) as NamingRow & { terms: Buffer; weights: Buffer };
        r = { ...row, terms: u32(row.terms), weights: f32(row.weights) };
        this.namingCache.set(seq, r);
      }
      return r;
    });
    const n = nameOfRows(rows, (seq) => this.stmts.bodyOf.get(seq) as string | undefined);
    if (n) this.stmts.setStoryName.run(n.name, n.seq, n.publishedAt ?? null, id);
  }

  async getStory(id: string, page?: StoryPage): Promise<StoryRecord | undefined> {
    const r = this.stmts.hasStory.get(id) as StoryRow | undefined;
    if (!r) return undefined;
    const articles = this.stmts.storyArticles.all(id) as string[];
    let data: string[];
    if (page) {
      // The relations from the page's articles (primary key), kept where they also end on the page.
      const ids = pageIds(articles, page);
      const on = new Set(ids);
      data = (this.stmts.pageRelations.all(JSON.stringify(ids), id) as Array<{ data: string; to_id: string }>)
        .filter((x) => on.has(x.to_id))
        .map((x) => x.data);
    } else data = this.stmts.storyRelations.all(id) as string[];
    return {
      id,
      articles,
      relations: data.map((d) => JSON.parse(d) as Relation),
      firstSeen: seenDates(r.first_seen, r.last_seen, r.ts_first, r.ts_last).firstSeen,
      changes: (this.stmts.changes.all(id, id) as string[]).map((d) => JSON.parse(d) as StoryChange),
    };
  }

  async listStories(query: { limit?: number; offset?: number } = {}): Promise<StorySummary[]> {
    const rows = this.stmts.list.all(query.limit ?? -1, query.offset ?? 0) as StoryRow[];
    return rows.map(storySummary);
  }

  async storyEarliest(id: string): Promise<string | undefined> {
    const row = this.stmts.storyRow.get(id) as { first_seen: string | null } | undefined;
    if (!row) return undefined;
    // Undated throughout: the first to arrive. Else the first with the story's first date, unless the summary's date
    // is behind its members (then the members sorted).
    if (row.first_seen === null) return this.stmts.storyFirstArrived.get(id) as string | undefined;
    return (this.stmts.storyFirstDated.get(id, row.first_seen) ?? this.stmts.storyEarliest.get(id)) as
      string | undefined;
  }

  async storyOutlines(ids: string[], outlets: number): Promise<StoryOutline[]> {
    const out: StoryOutline[] = [];
    for (const id of ids) {
      const story = this.stmts.storyRow.get(id) as { title: string | null } | undefined;
      if (!story) continue;
      const names = (this.stmts.outletNames.all(id, outlets) as Array<{ outlet: string }>).map((r) => r.outlet);
      const lede = ((story.title ? this.stmts.titledLede.get(LEDE_CHARS, id, story.title) : undefined) ??
        this.stmts.firstLede.get(LEDE_CHARS, id)) as { lede: string } | undefined;
      const languages = (this.stmts.languages.all(id) as Array<{ language: string }>).map((r) => r.language);
      const days = this.stmts.days.all(id, TIMELINE_DAYS) as Array<{ day: string; articles: number }>;
      out.push({ id, outletNames: names, lede: lede?.lede ?? null, languages, days });
    }
    return out;
  }

  async findStories(f: StoryFilter): Promise<StorySummary[]> {
    const { sql, args } = findStoriesSql(f);
    return (this.db.prepare(sql).all(...args) as StoryRow[]).map(storySummary);
  }

  async putError(e: StoredError): Promise<void> {
    this.stmts.putError.run(e.source, e.reason, e.at);
  }

  async listErrors(): Promise<StoredError[]> {
    return this.stmts.errors.all() as StoredError[];
  }

  async rawDocs(afterSeq: number, limit: number): Promise<Array<{ seq: number; raw: RawDoc }>> {
    const rows = this.stmts.raw.all(afterSeq, limit) as Array<{ seq: number; raw: string }>;
    return rows.map((r) => ({ seq: r.seq, raw: JSON.parse(r.raw) as RawDoc }));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpointer?.close();
    if (this.depth === 0) this.writeSnapshot();
    this.db.close();
  }

  /** The snapshot file of the look-up index; none for a store in memory. */
  private get snapshotPath(): string | undefined {
    return inFile(this.path) ? lookUpSnapshotFile(this.path) : undefined;
  }

  /** The look-up index of the snapshot file, or undefined when there is none or it does not fit this store. */
  private readSnapshot(): LookUpIndex | undefined {
    const path = this.snapshotPath;
    const ix = path ? readSnapshot(this.db, path) : undefined;
    if (ix) this.snapshotUpTo = ix.upTo;
    return ix;
  }

  /**
   * Writes the look-up index to the snapshot file when it holds articles the file does not and the store is large
   * enough to be worth it (SNAPSHOT_MIN_ARTICLES): to a temporary file first, renamed over the old one, so a reader
   * sees a whole snapshot or the one before. A snapshot that cannot be written is left out; the store is whole
   * without it.
   */
  private writeSnapshot(): void {
    const path = this.snapshotPath;
    const ix = this.lookUp;
    if (!path || !ix || ix.upTo <= this.snapshotUpTo) return;
    if (ix.size < (this.options.snapshotMinArticles ?? SNAPSHOT_MIN_ARTICLES)) return;
    if (writeSnapshot(this.db, path, ix)) this.snapshotUpTo = ix.upTo;
  }
}
