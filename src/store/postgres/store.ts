import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { RawDoc, Relation } from '../../model/index.js';
import { migrate, pendingMigrations } from './migrations.js';
import * as reads from './reads.js';
import type { Query } from './reads.js';
import { searchLexemes } from './search.js';
import { cuesJson } from '../cues.js';
import { blob, namingRowOf, orNull, rowToSketch, type SketchRow } from '../columns.js';
import { NAMING_DEFAULTS } from '../../model/naming.js';
import { nameOfRows } from '../naming.js';
import type { LookUpIndex } from '../look-up-index.js';
import { CommitMemory, TxState } from './memory.js';
import { parsePostgresUrl, type PostgresOptions } from './options.js';
import { RelationBuffer } from './relations.js';
import { nameStory, PUT_ARTICLE, rebuildStory } from './stories.js';
import {
  type AlignableArticle,
  type ArticleSketch,
  type Store,
  type StoredArticle,
  type StoredError,
  type Membership,
  type StoryChange,
  type StoryPage,
  type StoryRecord,
  type StoryOutline,
  type StorySummary,
  type StoryFilter,
} from '../types.js';

/**
 * The scale-out store: the same `Store` contract on PostgreSQL (node-postgres). A transaction holds one pooled
 * client for its whole span (tracked per async context, so concurrent callers never share one); outside a
 * transaction each call takes any pooled client.
 * What a commit reads most (candidates, sketches, story sizes) is kept in memory (memory.ts).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();

  /** The migrations this open applied (`migrate: true`), by name: none when the schema was up to date. */
  migrationsApplied: string[] = [];

  /** The look-up index and the caches of the commits this process makes (memory.ts). */
  private readonly mem = new CommitMemory();

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const { connectionString, schema: fromUrl } = parsePostgresUrl(url);
    const schema = opts.schema ?? fromUrl ?? 'newstrace';
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`invalid schema name ${schema}: use letters, digits, _`);
    // The schema is set as a connection parameter, so every pooled client has it before its first query.
    const pool = new pg.Pool({ connectionString, max: 4, options: `-c search_path="${schema}"` });
    const store = new PostgresStore(pool, schema);
    try {
      if (opts.migrate) store.migrationsApplied = await migrate(pool, schema);
      const pending = await pendingMigrations(pool, schema);
      if (pending.length > 0) {
        throw new Error(
          `the database lacks ${pending.length} migration(s) (${pending.map((m) => m.name).join(', ')}): run 'newstrace migrate --db <url>'`,
        );
      }
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  /** A query on the current transaction's client (or the pool): for the worker queue, which shares the transaction. */
  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.rows<R>(sql, params);
  }

  private async rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = this.tx.getStore();
    if (!client) return (await this.pool.query(sql, params)).rows as R[];
    // One client runs one query at a time: callers that overlap inside a transaction (a Promise.all of reads) queue
    // here, in call order, rather than in node-postgres's own queue, which is deprecated and goes in pg 9.
    const prev = this.inFlight.get(client) ?? Promise.resolve();
    const next = prev.then(() => client.query(sql, params));
    this.inFlight.set(
      client,
      next.then(
        () => undefined,
        () => undefined,
      ),
    );
    return (await next).rows as R[];
  }

  /** Each transaction client's last queued query (see `rows`). */
  private readonly inFlight = new WeakMap<pg.PoolClient, Promise<unknown>>();

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn();
    const client = await this.pool.connect();
    try {
      await client.query(`SET search_path TO "${this.schema}"`);
      await client.query('BEGIN');
      this.txState.set(client, new TxState(this.q));
      const out = await this.tx.run(client, async () => {
        const r = await fn();
        await this.flushRelations();
        return r;
      });
      await client.query('COMMIT');
      this.commits++;
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.mem.forget();
      throw e;
    } finally {
      this.txState.delete(client);
      client.release();
    }
  }

  /** Each open transaction's own state (memory.ts TxState), by its client. */
  private readonly txState = new WeakMap<pg.PoolClient, TxState>();

  /** The current transaction's state; undefined outside a transaction. */
  private state(): TxState | undefined {
    const client = this.tx.getStore();
    return client && this.txState.get(client);
  }

  /** The look-up index, caught up with the articles table where it may be behind (memory.ts). */
  private index(): Promise<LookUpIndex> {
    return this.mem.index(this.q, this.state());
  }

  /**
   * Inside a transaction, the caught-up index: then the commit memory answers for every article and story (memory.ts);
   * outside one, undefined, and the database answers (another process may have written since).
   */
  private async txIndex(): Promise<LookUpIndex | undefined> {
    return this.tx.getStore() ? this.index() : undefined;
  }

  /** Transactions committed through this store. */
  private commits = 0;

  /**
   * Differs after any commit that can change a story, by this store or another process (`newstrace add`, a worker):
   * every such commit stores an article (a new seq; a merge or move happens only as an article arrives) and a move
   * or merge also logs a story change. Two look-ups of a primary key's last entry, one round trip (well under a
   * millisecond on a local server), instead of LISTEN/NOTIFY, whose notice may arrive after the next request.
   */
  async changeMark(): Promise<string> {
    const [r] = await this.rows<{ seq: string | null; ch: string | null }>(
      'SELECT (SELECT max(seq) FROM articles) AS seq, (SELECT max(id) FROM story_changes) AS ch',
    );
    return `${r.seq ?? 0}:${r.ch ?? 0}:${this.commits}`;
  }

  async hasArticle(id: string): Promise<boolean> {
    if (await this.txIndex()) return this.mem.has(id);
    return (await this.rows('SELECT 1 FROM articles WHERE id = $1', [id])).length > 0;
  }

  async nextSeq(): Promise<number> {
    const ix = await this.txIndex();
    if (ix) return ix.upTo + 1;
    const [r] = await this.rows<{ m: string }>('SELECT coalesce(max(seq), 0) AS m FROM articles');
    return Number(r.m) + 1;
  }

  async putArticle(a: StoredArticle, bandKeys: Uint32Array, postingTerms: Uint32Array): Promise<void> {
    const ix = await this.index();
    const row = namingRowOf(a);
    const bodyOf = (seq: number) => (seq === a.seq ? a.body : undefined);
    // A new story is named by this article alone: its name goes in with it.
    const alone = nameOfRows([row], bodyOf)?.name ?? row.title;
    // One statement, one round trip (stories.ts): the commit of stories is the serial part of the scale-out path.
    const sampled = await this.rows<{ seq: string; kept: string | null; n: number; first: boolean }>(PUT_ARTICLE, [
      a.seq,
      a.id,
      a.source,
      orNull(a.outlet),
      orNull(a.url),
      orNull(a.title),
      orNull(a.publishedAt),
      orNull(a.byline),
      orNull(a.dateline),
      JSON.stringify(a.raw),
      a.text,
      a.body,
      JSON.stringify(a.kept),
      JSON.stringify(a.removed),
      JSON.stringify(a.sentences),
      JSON.stringify(a.facts),
      blob(a.shingles),
      blob(a.signature),
      blob(a.terms),
      blob(a.weights),
      a.storyId,
      blob(bandKeys),
      blob(postingTerms),
      cuesJson(a.cues),
      a.membership ? JSON.stringify(a.membership) : null,
      searchLexemes(a.title, a.body),
      NAMING_DEFAULTS.sampleEach,
      alone,
    ]);
    // Its story's size: as the statement counted it, or 1 for a new story (no earlier member came back).
    this.mem.stored(ix, a, bandKeys, postingTerms, sampled[0]?.n ?? 1, row);
    this.state()?.summarised.add(a.storyId);
    // The earliest members, and this one among them while they are fewer than the sample; then this one and the
    // latest before it: the rows the story's name is made from after the insert, in the order they are read then.
    const first = sampled.filter((r) => r.first).map((r) => Number(r.seq));
    const latest = sampled.filter((r) => !r.first).map((r) => Number(r.seq));
    const seqs = [...first, ...(first.length < NAMING_DEFAULTS.sampleEach ? [a.seq] : []), a.seq, ...latest];
    await nameStory(this.q, this.mem, a.storyId, seqs, sampled[0]?.kept ?? alone, bodyOf);
  }

  async bandCandidates(keys: Uint32Array): Promise<string[]> {
    const ix = await this.index();
    return ix.bandSeqs(keys).map((seq) => ix.idOf(seq)!);
  }

  async termCandidates(terms: Uint32Array, limit: number): Promise<string[]> {
    const ix = await this.index();
    return ix.termSeqs(terms, limit).map((seq) => ix.idOf(seq)!);
  }

  async documentFrequencies(terms: Uint32Array): Promise<Uint32Array> {
    const ix = await this.index();
    return Uint32Array.from(terms, (t) => ix.documentFrequency(t));
  }

  async getSketches(ids: string[]): Promise<ArticleSketch[]> {
    if (ids.length === 0) return [];
    // Outside a transaction another process may have moved any article since: read them all.
    const cached = (await this.txIndex()) !== undefined;
    const missing = cached ? ids.filter((id) => this.mem.sketches.get(id) === undefined) : ids;
    const read = new Map<string, ArticleSketch>();
    if (missing.length > 0) {
      const rows = await this.rows<SketchRow>(
        'SELECT id, seq, story_id, origin_story, published_at, shingles, terms, weights, cues FROM articles WHERE id = ANY($1::text[])',
        [missing],
      );
      for (const r of rows) {
        const sk = rowToSketch(r);
        read.set(sk.id, sk);
        if (cached) this.mem.sketches.set(sk.id, sk);
      }
    }
    const out: ArticleSketch[] = [];
    for (const id of ids) {
      const sk = read.get(id) ?? (cached ? this.mem.sketches.get(id) : undefined);
      if (sk) out.push(this.mem.current(sk));
    }
    return out;
  }

  async storySize(id: string): Promise<number> {
    const inTx = (await this.txIndex()) !== undefined;
    const known = inTx ? this.mem.sizes.get(id) : undefined;
    if (known !== undefined) return known;
    const rows = await this.rows<{ n: number }>('SELECT n_articles AS n FROM stories WHERE id = $1', [id]);
    const n = rows[0]?.n ?? 0;
    if (inTx) this.mem.sizes.set(id, n);
    return n;
  }

  async mergeStories(from: string, into: string): Promise<void> {
    if (from === into) return;
    await this.flushRelations();
    this.mem.merged(from, into);
    await this.rows('UPDATE articles SET story_id = $1 WHERE story_id = $2', [into, from]);
    await this.rows('UPDATE relations SET story_id = $1 WHERE story_id = $2', [into, from]);
    await this.rows('DELETE FROM stories WHERE id = $1', [from]);
    this.state()?.summarised.delete(from);
    await rebuildStory(this.q, this.mem, into, this.state()?.summarised);
  }

  /** Relations are written together inside a transaction (relations.ts), at once outside one. */
  async putRelation(storyId: string, r: Relation): Promise<void> {
    const st = this.state();
    if (st) st.relations.put(storyId, r);
    else await new RelationBuffer(this.q).put(storyId, r).flush();
  }

  private async flushRelations(): Promise<void> {
    await this.state()?.relations.flush();
  }

  async moveArticle(id: string, into: string, membership: Membership): Promise<void> {
    await this.flushRelations();
    const [r] = await this.rows<{ story_id: string }>('SELECT story_id FROM articles WHERE id = $1', [id]);
    if (!r || r.story_id === into) return;
    await this.rows('UPDATE articles SET story_id = $1, membership = $2 WHERE id = $3', [
      into,
      JSON.stringify(membership),
      id,
    ]);
    await this.rows('DELETE FROM relations WHERE (from_id = $1 OR to_id = $1) AND story_id = $2', [id, r.story_id]);
    this.mem.moved(id, r.story_id, into);
    await rebuildStory(this.q, this.mem, r.story_id, this.state()?.summarised);
    await rebuildStory(this.q, this.mem, into, this.state()?.summarised);
  }

  async storyArticleIds(id: string, limit: number): Promise<string[]> {
    const rows = await this.rows<{ id: string }>('SELECT id FROM articles WHERE story_id = $1 ORDER BY seq LIMIT $2', [
      id,
      limit,
    ]);
    return rows.map((r) => r.id);
  }

  async putStoryChange(c: StoryChange): Promise<void> {
    await this.rows('INSERT INTO story_changes (from_story, to_story, data) VALUES ($1, $2, $3)', [
      c.from,
      c.to,
      JSON.stringify(c),
    ]);
  }

  async refreshStory(id: string): Promise<void> {
    const st = this.state();
    if (st?.summarised.has(id)) return;
    await rebuildStory(this.q, this.mem, id, st?.summarised);
  }

  /** The store's connection as the reads take it (reads.ts). */
  private readonly q: Query = (sql, params) => this.rows(sql, params);

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return reads.getArticle(this.q, id);
  }

  getAlignable(ids: string[]): Promise<AlignableArticle[]> {
    return reads.getAlignable(this.q, ids);
  }

  getArticles(ids: string[]): Promise<StoredArticle[]> {
    return reads.getArticles(this.q, ids);
  }

  articleIds(): Promise<string[]> {
    return reads.articleIds(this.q);
  }

  countArticles(): Promise<number> {
    return reads.countArticles(this.q);
  }

  async getStory(id: string, page?: StoryPage): Promise<StoryRecord | undefined> {
    await this.flushRelations();
    return reads.getStory(this.q, id, page);
  }

  listStories(query: { limit?: number; offset?: number } = {}): Promise<StorySummary[]> {
    return reads.listStories(this.q, query);
  }

  findStories(f: StoryFilter): Promise<StorySummary[]> {
    return reads.findStories(this.q, f);
  }

  storyEarliest(id: string): Promise<string | undefined> {
    return reads.storyEarliest(this.q, id);
  }

  storyOutlines(ids: string[], outlets: number): Promise<StoryOutline[]> {
    return reads.storyOutlines(this.q, ids, outlets);
  }

  listErrors(): Promise<StoredError[]> {
    return reads.listErrors(this.q);
  }

  rawDocs(afterSeq: number, limit: number): Promise<Array<{ seq: number; raw: RawDoc }>> {
    return reads.rawDocs(this.q, afterSeq, limit);
  }

  async putError(e: StoredError): Promise<void> {
    await this.rows('INSERT INTO errors (source, reason, at) VALUES ($1,$2,$3)', [e.source, e.reason, e.at]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Drops the whole schema (tests, `newstrace` never calls it on a user's store). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
  }
}
