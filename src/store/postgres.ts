import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Fact, RawDoc, Relation, Removal, Span } from '../model/index.js';
import { MIGRATIONS } from './postgres-schema.js';
import { findStoriesSql, searchLexemes } from './postgres-search.js';
import { SEEN_COLUMNS, seenDates, storySummary, type StoryRow } from './search.js';
import { cuesJson, parseCues, parseMembership } from './cues.js';
import { blob, f32, namingRowOf, orNull, orUndef, rowToSketch, sketchOf, u32, type SketchRow } from './columns.js';
import { NAMING_DEFAULTS } from '../model/naming.js';
import { nameOfRows, type NamingRow } from './naming.js';
import { LookUpIndex } from './look-up-index.js';
import { NAMING_CACHE_SIZE, RecentCache, SKETCH_CACHE_SIZE } from './cache.js';
import {
  pageIds,
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
  LEDE_CHARS,
  TIMELINE_DAYS,
} from './types.js';

export interface PostgresOptions {
  /** Schema (namespace) holding the tables; default `newstrace`, or the URL's `?schema=` parameter. */
  schema?: string;
  /** Apply missing migrations on open (tests, first runs); otherwise an unmigrated database is refused. */
  migrate?: boolean;
}

/** Splits `?schema=` off a connection URL. */
export function parsePostgresUrl(url: string): { connectionString: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}

/** A relation as written: story id, from, to, kind and its JSON. */
type RelationRow = [string, string, string, string, string];

/** Articles read per round trip when the look-up index is built or caught up. */
const LOOK_UP_CHUNK = 10_000;

/**
 * The scale-out store: the same `Store` contract on PostgreSQL (node-postgres). A transaction holds one pooled
 * client for its whole span (tracked per async context, so concurrent callers never share one); outside a
 * transaction each call takes any pooled client.
 *
 * The candidate look-up (band keys, recent postings, document frequencies) is the SQLite store's in-memory index
 * (look-up-index.ts), built from the articles table by the process that first needs it and caught up from the rows
 * appended since: inside a transaction once, at its first look-up — in a worker's commit, after the commit lock is
 * taken, so nothing can be appended under it — and outside one at every look-up. Kept as tables, each article cost
 * 150 index rows written (its band keys, postings and a frequency upsert per salient term) and each decision four
 * round trips to read them back: most of a serial commit's time (BENCHMARKS.md). Each committing process holds one
 * copy (about 0.5 KB per article).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();

  /** The migrations this open applied (`migrate: true`), by name: none when the schema was up to date. */
  migrationsApplied: string[] = [];

  /** The look-up index (see the class comment); dropped on rollback, since it may hold the rolled-back articles. */
  private lookUp?: LookUpIndex;
  /** The ids of the articles in the look-up index (about 60 bytes each). */
  private indexed = new Set<string>();
  /** The index is caught up within the current transaction. */
  private caughtUp = false;
  /**
   * Naming columns of recently stored or read articles, by seq (model/naming.ts); dropped on rollback, since a seq of
   * a rolled-back article is given to the next one.
   */
  private readonly namingCache = new RecentCache<number, NamingRow>(NAMING_CACHE_SIZE);
  /**
   * Sketches of recently read or written articles, used inside a transaction once the index is caught up, and the
   * merges since they were cached (applied on read, as the SQLite store does). Emptied when another process has
   * appended articles (its merges and moves come with its articles) and on rollback.
   */
  private readonly sketchCache = new RecentCache<string, ArticleSketch>(SKETCH_CACHE_SIZE);
  private readonly mergedInto = new Map<string, string>();
  /**
   * Story sizes read or kept current inside transactions (the engine asks for the size of every story an article
   * comes close to); emptied with the sketches, and a story merged or moved from or to is read again.
   */
  private readonly sizes = new Map<string, number>();

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
      this.caughtUp = false;
      this.summarised.clear();
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
      this.lookUp = undefined;
      this.namingCache.clear();
      this.sketchCache.clear();
      this.mergedInto.clear();
      this.sizes.clear();
      this.pendingRelations.clear();
      throw e;
    } finally {
      this.caughtUp = false;
      this.summarised.clear();
      client.release();
    }
  }

  /** The look-up index, caught up with the articles table where it may be behind (see the class comment). */
  private async index(): Promise<LookUpIndex> {
    const inTx = this.tx.getStore() !== undefined;
    if (this.lookUp && inTx && this.caughtUp) return this.lookUp;
    // One catch-up at a time: look-ups that overlap (a Promise.all of reads) wait for the one under way.
    const prev = this.catchingUp;
    const next = (async () => {
      await prev;
      return this.catchUp(inTx);
    })();
    this.catchingUp = next.catch(() => undefined);
    return next;
  }

  private catchingUp?: Promise<unknown>;

  private async catchUp(inTx: boolean): Promise<LookUpIndex> {
    if (!this.lookUp) this.indexed = new Set();
    const ix = (this.lookUp ??= new LookUpIndex());
    for (;;) {
      const rows = await this.rows<{ seq: string; id: string; band_keys: Buffer; posting: Buffer; terms: Buffer }>(
        'SELECT seq, id, band_keys, posting, terms FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2',
        [ix.upTo, LOOK_UP_CHUNK],
      );
      if (rows.length > 0) {
        // Another process's articles, and with them perhaps its merges and moves: cached story ids may be stale.
        this.sketchCache.clear();
        this.mergedInto.clear();
        this.sizes.clear();
      }
      for (const r of rows)
        if (Number(r.seq) > ix.upTo) {
          ix.add(Number(r.seq), r.id, u32(r.band_keys), u32(r.posting), u32(r.terms));
          this.indexed.add(r.id);
        }
      if (rows.length < LOOK_UP_CHUNK) break;
    }
    if (inTx) this.caughtUp = true;
    return ix;
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
    // Inside a transaction the caught-up index knows every article.
    if (this.tx.getStore()) {
      await this.index();
      return this.indexed.has(id);
    }
    return (await this.rows('SELECT 1 FROM articles WHERE id = $1', [id])).length > 0;
  }

  async nextSeq(): Promise<number> {
    // Inside a transaction the caught-up index holds every article up to the last.
    if (this.tx.getStore()) return (await this.index()).upTo + 1;
    const [r] = await this.rows<{ m: string }>('SELECT coalesce(max(seq), 0) AS m FROM articles');
    return Number(r.m) + 1;
  }

  async putArticle(a: StoredArticle, bandKeys: Uint32Array, postingTerms: Uint32Array): Promise<void> {
    const ix = await this.index();
    const row = namingRowOf(a);
    const bodyOf = (seq: number) => (seq === a.seq ? a.body : undefined);
    // A new story is named by this article alone: its name goes in with it.
    const alone = nameOfRows([row], bodyOf)?.name ?? row.title;
    // One statement, one round trip: the commit of stories is the serial part of the scale-out path (BENCHMARKS.md).
    // The story's summary is kept current from the article alone (a new outlet is one no earlier member has; the
    // statement's reads do not see its own insert), and the members its name is made from come back with it: the
    // earliest and the latest before this one, which is the latest (model/naming.ts).
    const sampled = await this.rows<{ seq: string; kept: string | null; n: number; first: boolean }>(
      `WITH art AS (
         INSERT INTO articles (seq, id, source, outlet, url, title, published_at, byline, dateline, raw, text, body,
           kept, removed, sentences, facts, shingles, signature, terms, weights, story_id, origin_story, band_keys,
           posting, cues, membership, words)
         VALUES ($1::bigint,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21,$22,$23,$24,
           $25, array_to_tsvector($26::text[]))),
       st AS (
         INSERT INTO stories (id, first_seen, last_seen, n_articles, n_outlets, title) VALUES ($21, $7, $7, 1, 1, $28)
         ON CONFLICT (id) DO UPDATE SET n_articles = stories.n_articles + 1,
           first_seen = LEAST(stories.first_seen, EXCLUDED.first_seen),
           last_seen = GREATEST(stories.last_seen, EXCLUDED.last_seen),
           n_outlets = stories.n_outlets + CASE WHEN EXISTS (SELECT 1 FROM articles o WHERE o.story_id = $21
             AND coalesce(o.outlet, o.source) = coalesce($4, $3)) THEN 0 ELSE 1 END
         RETURNING title AS kept, n_articles AS n),
       first AS (SELECT seq FROM articles WHERE story_id = $21 ORDER BY seq LIMIT $27),
       latest AS (SELECT seq FROM articles WHERE story_id = $21 ORDER BY seq DESC LIMIT $27 - 1)
       SELECT seq, (SELECT kept FROM st) AS kept, (SELECT n FROM st) AS n, true AS first FROM first
       UNION ALL SELECT seq, (SELECT kept FROM st), (SELECT n FROM st), false FROM latest`,
      [
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
      ],
    );
    ix.add(a.seq, a.id, bandKeys, postingTerms, a.terms);
    this.indexed.add(a.id);
    this.summarised.add(a.storyId);
    // Its story's size: as the statement counted it, or 1 for a new story (no earlier member came back).
    this.sizes.set(a.storyId, sampled[0]?.n ?? 1);
    // A story id in use is nobody's merged-away id (ids are the founding article's; a reuse would be a collision).
    this.mergedInto.delete(a.storyId);
    this.sketchCache.set(a.id, sketchOf(a));
    this.namingCache.set(a.seq, row);
    // The earliest members, and this one among them while they are fewer than the sample; then this one and the
    // latest before it: the rows the story's name is made from after the insert, in the order they are read then.
    const first = sampled.filter((r) => r.first).map((r) => Number(r.seq));
    const latest = sampled.filter((r) => !r.first).map((r) => Number(r.seq));
    const seqs = [...first, ...(first.length < NAMING_DEFAULTS.sampleEach ? [a.seq] : []), a.seq, ...latest];
    await this.nameStory(a.storyId, seqs, sampled[0]?.kept ?? alone, bodyOf);
  }

  /** Names a story from these members (model/naming.ts) where the name differs from `kept`, the title it has. */
  private async nameStory(
    id: string,
    seqs: number[],
    kept: string | null,
    known: (seq: number) => string | undefined = () => undefined,
  ): Promise<void> {
    const rows = await this.namingRows(seqs);
    const bodies = new Map<number, string>();
    const lede = (seq: number) => bodies.get(seq) ?? known(seq);
    const n = nameOfRows(rows, lede);
    if (n?.from === 'lede' && lede(n.seq) === undefined) {
      // The lede is read only when no member has a title.
      const [b] = await this.rows<{ body: string }>('SELECT body FROM articles WHERE seq = $1', [n.seq]);
      if (b) bodies.set(n.seq, b.body);
    }
    const named = n?.from === 'lede' ? nameOfRows(rows, lede) : n;
    if (named && named.name !== kept) await this.rows('UPDATE stories SET title = $1 WHERE id = $2', [named.name, id]);
  }

  private toArticle(r: Record<string, unknown>): StoredArticle {
    const s = (k: string) => r[k] as string;
    const n = (k: string) => orUndef(r[k] as string | null);
    return {
      id: s('id'),
      seq: Number(r.seq),
      source: s('source'),
      outlet: n('outlet'),
      url: n('url'),
      title: n('title'),
      publishedAt: n('published_at'),
      byline: n('byline'),
      dateline: n('dateline'),
      raw: JSON.parse(s('raw')) as RawDoc,
      text: s('text'),
      body: s('body'),
      kept: JSON.parse(s('kept')) as Span[],
      removed: JSON.parse(s('removed')) as Removal[],
      sentences: JSON.parse(s('sentences')) as Span[],
      facts: JSON.parse(s('facts')) as Fact[],
      shingles: u32(r.shingles as Buffer),
      signature: u32(r.signature as Buffer),
      terms: u32(r.terms as Buffer),
      weights: f32(r.weights as Buffer),
      cues: parseCues(r.cues as string | null),
      storyId: s('story_id'),
      membership: parseMembership(r.membership as string | null),
    };
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    const [r] = await this.rows<Record<string, unknown>>('SELECT * FROM articles WHERE id = $1', [id]);
    return r && this.toArticle(r);
  }

  async getAlignable(ids: string[]): Promise<AlignableArticle[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<Record<string, unknown>>(
      'SELECT seq, id, published_at, outlet, cues, shingles, sentences, facts, body FROM articles WHERE id = ANY($1::text[])',
      [ids],
    );
    const byId = new Map<string, AlignableArticle>(
      rows.map((r) => [
        r.id as string,
        {
          id: r.id as string,
          seq: Number(r.seq),
          publishedAt: orUndef(r.published_at as string | null),
          outlet: orUndef(r.outlet as string | null),
          cues: parseCues(r.cues as string | null),
          body: r.body as string,
          sentences: JSON.parse(r.sentences as string) as Span[],
          facts: JSON.parse(r.facts as string) as Fact[],
          shingles: u32(r.shingles as Buffer),
        },
      ]),
    );
    return ids.map((id) => byId.get(id)).filter((a): a is AlignableArticle => !!a);
  }

  async getArticles(ids: string[]): Promise<StoredArticle[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<Record<string, unknown>>('SELECT * FROM articles WHERE id = ANY($1::text[])', [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, this.toArticle(r)]));
    return ids.map((id) => byId.get(id)).filter((a): a is StoredArticle => !!a);
  }

  async articleIds(): Promise<string[]> {
    return (await this.rows<{ id: string }>('SELECT id FROM articles ORDER BY seq')).map((r) => r.id);
  }

  async countArticles(): Promise<number> {
    const [r] = await this.rows<{ n: string }>('SELECT count(*) AS n FROM articles');
    return Number(r.n);
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
    const cached = this.tx.getStore() !== undefined;
    if (cached) await this.index();
    const missing = cached ? ids.filter((id) => this.sketchCache.get(id) === undefined) : ids;
    const read = new Map<string, ArticleSketch>();
    if (missing.length > 0) {
      const rows = await this.rows<SketchRow>(
        'SELECT id, seq, story_id, origin_story, published_at, shingles, terms, weights, cues FROM articles WHERE id = ANY($1::text[])',
        [missing],
      );
      for (const r of rows) {
        const sk = rowToSketch(r);
        read.set(sk.id, sk);
        if (cached) this.sketchCache.set(sk.id, sk);
      }
    }
    const out: ArticleSketch[] = [];
    for (const id of ids) {
      const sk = read.get(id) ?? (cached ? this.sketchCache.get(id) : undefined);
      if (!sk) continue;
      out.push({ ...sk, storyId: this.currentStory(sk.storyId) });
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
    const inTx = this.tx.getStore() !== undefined;
    if (inTx) {
      await this.index();
      const n = this.sizes.get(id);
      if (n !== undefined) return n;
    }
    const rows = await this.rows<{ n: number }>('SELECT n_articles AS n FROM stories WHERE id = $1', [id]);
    const n = rows[0]?.n ?? 0;
    if (inTx) this.sizes.set(id, n);
    return n;
  }

  async mergeStories(from: string, into: string): Promise<void> {
    if (from === into) return;
    await this.flushRelations();
    this.mergedInto.set(from, into);
    this.sizes.delete(from);
    this.sizes.delete(into);
    await this.rows('UPDATE articles SET story_id = $1 WHERE story_id = $2', [into, from]);
    await this.rows('UPDATE relations SET story_id = $1 WHERE story_id = $2', [into, from]);
    await this.rows('DELETE FROM stories WHERE id = $1', [from]);
    this.summarised.delete(from);
    await this.rebuildStory(into);
  }

  /**
   * Inside a transaction relations are written together, in the order they were put, before anything reads or moves
   * relations and at the commit: an article's relations were up to three round trips of the serial commit.
   */
  async putRelation(storyId: string, r: Relation): Promise<void> {
    const row: RelationRow = [storyId, r.from, r.to, r.kind, JSON.stringify(r)];
    if (!this.tx.getStore()) return this.writeRelations([row]);
    // Put again: it goes where the last put leaves it (a replaced relation moves to the end).
    const k = `${r.from}\n${r.to}`;
    this.pendingRelations.delete(k);
    this.pendingRelations.set(k, row);
  }

  private readonly pendingRelations = new Map<string, RelationRow>();

  /** Writes the relations put in this transaction so far. */
  private async flushRelations(): Promise<void> {
    if (this.pendingRelations.size === 0) return;
    const rows = [...this.pendingRelations.values()];
    this.pendingRelations.clear();
    await this.writeRelations(rows);
  }

  /**
   * One statement for the rows, in their order: a replaced relation takes a new rid and so moves to the end, as
   * SQLite's INSERT OR REPLACE does.
   */
  private async writeRelations(rows: RelationRow[]): Promise<void> {
    const col = (k: number) => rows.map((r) => r[k]);
    await this.rows(
      `INSERT INTO relations (story_id, from_id, to_id, kind, data)
       SELECT s, f, t, k, d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         WITH ORDINALITY AS x(s, f, t, k, d, o) ORDER BY o
       ON CONFLICT (from_id, to_id) DO UPDATE SET rid = nextval(pg_get_serial_sequence('relations', 'rid')),
         story_id = EXCLUDED.story_id, kind = EXCLUDED.kind, data = EXCLUDED.data`,
      [col(0), col(1), col(2), col(3), col(4)],
    );
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
    const sk = this.sketchCache.get(id);
    if (sk) this.sketchCache.set(id, { ...sk, storyId: into });
    this.sizes.delete(r.story_id);
    this.sizes.delete(into);
    await this.rebuildStory(r.story_id);
    await this.rebuildStory(into);
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

  private async storyOrderIds(id: string): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      'SELECT id FROM articles WHERE story_id = $1 ORDER BY published_at ASC NULLS LAST, seq',
      [id],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Stories whose summary this transaction's writes keep current (`putArticle` updates it, merges and moves recount
   * it): `refreshStory`, which the engine calls after each article, has nothing to do for them.
   */
  private readonly summarised = new Set<string>();

  async refreshStory(id: string): Promise<void> {
    if (this.tx.getStore() && this.summarised.has(id)) return;
    await this.rebuildStory(id);
  }

  /** Recounts a story's summary from its articles and names it again (or drops it when it has none). */
  private async rebuildStory(id: string): Promise<void> {
    // One statement: the story row from its articles (title of the first titled one in story order), or gone when it
    // has none; and what the story's name is made from, its earliest and latest members (model/naming.ts).
    const sampled = await this.rows<{ seq: string; kept: string | null }>(
      `WITH st AS (
         SELECT count(*) AS n, count(DISTINCT coalesce(outlet, source)) AS outlets, min(published_at) AS first,
           max(published_at) AS last,
           (SELECT title FROM articles WHERE story_id = $1 AND title IS NOT NULL
             ORDER BY published_at ASC NULLS LAST, seq LIMIT 1) AS title
         FROM articles WHERE story_id = $1),
       gone AS (DELETE FROM stories WHERE id = $1 AND (SELECT n FROM st) = 0),
       up AS (INSERT INTO stories (id, first_seen, last_seen, n_articles, n_outlets, title)
         SELECT $1, first, last, n, outlets, title FROM st WHERE n > 0
         ON CONFLICT (id) DO UPDATE SET first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen,
           n_articles = EXCLUDED.n_articles, n_outlets = EXCLUDED.n_outlets, title = EXCLUDED.title
         RETURNING title AS kept),
       first AS (SELECT seq FROM articles WHERE story_id = $1 ORDER BY seq LIMIT $2),
       latest AS (SELECT seq FROM articles WHERE story_id = $1 ORDER BY seq DESC LIMIT $2)
       SELECT seq, (SELECT kept FROM up) AS kept FROM first UNION ALL SELECT seq, NULL FROM latest`,
      [id, NAMING_DEFAULTS.sampleEach],
    );
    if (this.tx.getStore()) this.summarised.add(id);
    if (sampled.length === 0) return;
    await this.nameStory(
      id,
      sampled.map((r) => Number(r.seq)),
      sampled[0].kept,
    );
  }

  /**
   * The naming columns of these articles, from the cache where it has them (an article's are fixed once stored) and
   * in one read for the rest: a story is named again at every article it gains, from up to 128 members.
   */
  private async namingRows(seqs: number[]): Promise<NamingRow[]> {
    const missing = seqs.filter((q) => this.namingCache.get(q) === undefined);
    if (missing.length > 0) {
      const got = await this.rows<NamingRow & { seq: string; terms: Buffer; weights: Buffer }>(
        'SELECT seq, title, url, published_at, terms, weights FROM articles WHERE seq = ANY($1::bigint[])',
        [missing],
      );
      for (const r of got) this.namingCache.set(Number(r.seq), { ...r, terms: u32(r.terms), weights: f32(r.weights) });
    }
    return seqs.map((q) => this.namingCache.get(q)).filter((r): r is NamingRow => r !== undefined);
  }

  async getStory(id: string, page?: StoryPage): Promise<StoryRecord | undefined> {
    await this.flushRelations();
    const [s] = await this.rows<StoryRow>(`SELECT first_seen, last_seen, ${SEEN_COLUMNS} FROM stories WHERE id = $1`, [
      id,
    ]);
    if (!s) return undefined;
    const articles = await this.storyOrderIds(id);
    let rel: Array<{ data: string }>;
    if (page) {
      // The relations from the page's articles (primary key), kept where they also end on the page.
      const ids = pageIds(articles, page);
      const on = new Set(ids);
      rel = (
        await this.rows<{ data: string; to_id: string }>(
          'SELECT data, to_id FROM relations WHERE from_id = ANY($1) AND story_id = $2 ORDER BY rid',
          [ids, id],
        )
      ).filter((r) => on.has(r.to_id));
    } else rel = await this.rows<{ data: string }>('SELECT data FROM relations WHERE story_id = $1 ORDER BY rid', [id]);
    return {
      id,
      articles,
      relations: rel.map((r) => JSON.parse(r.data) as Relation),
      firstSeen: seenDates(s.first_seen, s.last_seen, s.ts_first, s.ts_last).firstSeen,
      changes: (
        await this.rows<{ data: string }>(
          'SELECT data FROM story_changes WHERE to_story = $1 OR from_story = $1 ORDER BY id',
          [id],
        )
      ).map((r) => JSON.parse(r.data) as StoryChange),
    };
  }

  async listStories(query: { limit?: number; offset?: number } = {}): Promise<StorySummary[]> {
    const rows = await this.rows<StoryRow>(
      `SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
       ORDER BY n_articles DESC, first_seen ASC NULLS FIRST, id LIMIT $1 OFFSET $2`,
      [query.limit ?? null, query.offset ?? 0],
    );
    return rows.map(storySummary);
  }

  async findStories(f: StoryFilter): Promise<StorySummary[]> {
    const { sql, args } = findStoriesSql(f);
    return (await this.rows<StoryRow>(sql, args)).map(storySummary);
  }

  async storyEarliest(id: string): Promise<string | undefined> {
    const [r] = await this.rows<{ id: string }>(
      'SELECT id FROM articles WHERE story_id = $1 ORDER BY published_at ASC NULLS LAST, seq LIMIT 1',
      [id],
    );
    return r?.id;
  }

  async storyOutlines(ids: string[], outlets: number): Promise<StoryOutline[]> {
    const out: StoryOutline[] = [];
    for (const id of ids) {
      const [story] = await this.rows<{ title: string | null }>('SELECT title FROM stories WHERE id = $1', [id]);
      if (!story) continue;
      const names = await this.rows<{ outlet: string }>(
        `SELECT DISTINCT coalesce(outlet, source) AS outlet FROM articles WHERE story_id = $1 ORDER BY outlet LIMIT $2`,
        [id, outlets],
      );
      const [lede] = await this.rows<{ lede: string }>(
        `SELECT substr(body, 1, $3) AS lede FROM articles WHERE story_id = $1
         ORDER BY (title IS NOT DISTINCT FROM $2) DESC, seq LIMIT 1`,
        [id, story.title, LEDE_CHARS],
      );
      // Read from the articles' cues, as the outlets are: this store keeps no per-story tables of either.
      const languages = await this.rows<{ l: string }>(
        `SELECT DISTINCT l FROM (SELECT (cues::jsonb)->>'l' AS l FROM articles WHERE story_id = $1) x
         WHERE l IS NOT NULL AND l <> 'und' ORDER BY l`,
        [id],
      );
      const days = await this.rows<{ day: string; articles: string }>(
        `SELECT substr(published_at, 1, 10) AS day, count(*) AS articles FROM articles
         WHERE story_id = $1 AND published_at IS NOT NULL GROUP BY day ORDER BY day LIMIT $2`,
        [id, TIMELINE_DAYS],
      );
      out.push({
        id,
        outletNames: names.map((r) => r.outlet),
        lede: lede?.lede ?? null,
        languages: languages.map((r) => r.l),
        days: days.map((r) => ({ day: r.day, articles: Number(r.articles) })),
      });
    }
    return out;
  }

  async putError(e: StoredError): Promise<void> {
    await this.rows('INSERT INTO errors (source, reason, at) VALUES ($1,$2,$3)', [e.source, e.reason, e.at]);
  }

  async listErrors(): Promise<StoredError[]> {
    return this.rows<StoredError>('SELECT source, reason, at FROM errors ORDER BY id');
  }

  async rawDocs(afterSeq: number, limit: number): Promise<Array<{ seq: number; raw: RawDoc }>> {
    const rows = await this.rows<{ seq: string; raw: string }>(
      'SELECT seq, raw FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), raw: JSON.parse(r.raw) as RawDoc }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Drops the whole schema (tests, `newstrace` never calls it on a user's store). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
  }
}

async function pendingMigrations(pool: pg.Pool, schema: string) {
  const exists = await pool.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'migrations'`,
    [schema],
  );
  if (exists.rowCount === 0) return MIGRATIONS;
  const done = await pool.query(`SELECT id FROM "${schema}".migrations`);
  const ids = new Set(done.rows.map((r: { id: number }) => r.id));
  return MIGRATIONS.filter((m) => !ids.has(m.id));
}

/** Applies the migrations the schema lacks, each in a transaction; safe to run concurrently (advisory lock). */
export async function migrate(pool: pg.Pool, schema: string): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`newstrace-migrate-${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query('SELECT id FROM migrations')).rows.map((r: { id: number }) => r.id));
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await m.backfill?.((sql, params) => client.query(sql, params));
        await client.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`newstrace-migrate-${schema}`])
      .catch(() => undefined);
    client.release();
  }
  return applied;
}
