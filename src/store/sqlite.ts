import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { totalmem } from 'node:os';
import Database from 'better-sqlite3';
import type { Fact, RawDoc, Relation, Removal, Span } from '../model/index.js';
import { RecentCache } from './cache.js';
import { WalCheckpointer } from './checkpointer.js';
import { LookUpIndex } from './look-up-index.js';
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
} from './types.js';
import {
  ENTITY_KINDS,
  ftsQuery,
  searchTokens,
  SEEN_COLUMNS,
  seenDates,
  storySummary,
  type StoryRow,
} from './search.js';
import { cuesJson, parseCues, parseMembership } from './cues.js';
import { NAMING_DEFAULTS } from '../model/naming.js';
import { nameOfRows, type NamingRow } from './naming.js';
import { knownLanguage } from '../model/index.js';

/**
 * The new article (@title, @pub, @seq) names the story instead of its titled article so far (title, title_at,
 * title_seq): it has a title, and the story has none yet or it comes earlier in story order (dated before undated,
 * then by date, then by seq).
 */
const TAKES_TITLE = `@title IS NOT NULL AND (title_seq IS NULL OR (@pub IS NOT NULL AND (title_at IS NULL OR @pub < title_at))
  OR (@pub IS title_at AND @seq < title_seq))`;

/**
 * Article sketches kept in memory (about 2 KB each: shingle hashes, salient terms and weights): at most this many,
 * and at least the half of them used last (cache.ts). A new article's neighbours are the other versions of its story
 * and the articles sharing its terms, of any age: with 250,000 (about 500 MB), reading the missed sketches from the
 * file was 18% of the main thread at 180,000 articles of corpus-1M and growing with the store. So up to 2 million
 * (a store of a million articles cached whole, about 2 GB), but no more than an eighth of the machine's memory.
 */
const SKETCH_CACHE_SIZE = Math.max(250_000, Math.min(2_000_000, Math.floor(totalmem() / 8 / 2048)));

/** Articles whose naming columns are kept in memory (some 200 bytes each besides the sketch's vectors). */
const NAMING_CACHE_SIZE = 65_536;

/** Rows read per step when the look-up index is built or caught up. */
const LOOK_UP_CHUNK = 10_000;
/**
 * A store of at least this many articles keeps a snapshot of its look-up index beside its file (`<file>.lookup`),
 * written when it is closed, so the next process reads the index instead of rebuilding it from every article row
 * (BENCHMARKS.md "Scale": 50 s to rebuild on 842,234 articles, 2 s to read the snapshot).
 */
export const SNAPSHOT_MIN_ARTICLES = 10_000;

/** Articles whose band keys or postings are moved per step of the schema-2 migration. */
const MIGRATE_CHUNK = 10_000;

/** Bumped when the schema changes; a store written by another version is refused with advice. */
export const SCHEMA_VERSION = 6;

/**
 * The full-text index's columns and options. Story search matches every query word as a prefix (search.ts ftsQuery);
 * without a prefix index FTS5 merges the lists of every word a prefix begins, and a search with "the" merged those of
 * "the", "them", "there", "these", "they" and the rest, every article of the store. With the three-letter prefixes
 * indexed (and the matches' stories read from articles_seq_story), findStories p95 on 199,998 articles of corpus-1M
 * went from 86.6 to 16.1 ms (`npm run bench -- query`, BENCHMARKS.md "Scale"); building the index took 34 s for them
 * instead of 24 s.
 */
const FTS_COLUMNS = "title, body, content='articles', content_rowid='seq', prefix='3'";

/**
 * The columns of an article row are in the order they are read: what matching reads for a candidate (story, date,
 * shingles, terms, band keys, postings; about 2 KB) first, then what alignment reads (sentences, facts, body), the
 * extracted text and raw input last. A long row continues in a chain of overflow pages, and SQLite follows the
 * chain only as far as the last column a query asks for, so a sketch or an alignment read never walks the pages of
 * the texts after it.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  story_id TEXT NOT NULL,
  origin_story TEXT,
  published_at TEXT,
  shingles BLOB NOT NULL,
  terms BLOB NOT NULL,
  weights BLOB NOT NULL,
  cues TEXT,
  band_keys BLOB NOT NULL,
  posting BLOB NOT NULL,
  source TEXT NOT NULL,
  membership TEXT,
  outlet TEXT, url TEXT, title TEXT, byline TEXT, dateline TEXT,
  signature BLOB NOT NULL,
  sentences TEXT NOT NULL,
  facts TEXT NOT NULL,
  body TEXT NOT NULL,
  kept TEXT NOT NULL,
  removed TEXT NOT NULL,
  text TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_seq_story ON articles(seq, story_id);
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY,
  first_seen TEXT,
  last_seen TEXT,
  n_articles INTEGER NOT NULL,
  n_outlets INTEGER NOT NULL,
  title TEXT,
  title_seq INTEGER,
  title_at TEXT
);
CREATE TABLE IF NOT EXISTS story_outlets (story_id TEXT NOT NULL, outlet TEXT NOT NULL, PRIMARY KEY (story_id, outlet))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_languages (story_id TEXT NOT NULL, language TEXT NOT NULL,
  PRIMARY KEY (story_id, language)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS relations (
  story_id TEXT NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE INDEX IF NOT EXISTS relations_story ON relations(story_id);
CREATE TABLE IF NOT EXISTS errors (id INTEGER PRIMARY KEY, source TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_changes (id INTEGER PRIMARY KEY, from_story TEXT NOT NULL, to_story TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS story_changes_from ON story_changes(from_story);
CREATE INDEX IF NOT EXISTS story_changes_to ON story_changes(to_story);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(${FTS_COLUMNS});
`;

/**
 * Schema 1 kept band keys and postings in rowid tables with a secondary index: two B-trees written per row, and the
 * band look-up went from the index to the table for each seq. Schema 2 keeps each as one clustered B-tree on
 * (key, seq), which the look-ups read alone (insert of an article's 42 band keys and 16 postings: 8.5% of the
 * pipeline's profile before). It also keeps each story's outlets and its titled article (a story is named by its
 * earliest article that has a title: `title_seq`, `title_at`), so that a story's summary is updated per article
 * instead of recounted over all its articles (a 14,000-article story cost some 50 ms per added article;
 * BENCHMARKS.md).
 */
function migrateFrom1(db: Database.Database): void {
  for (const [table, column] of [
    ['bands', 'key'],
    ['postings', 'term'],
  ] as const) {
    db.exec(`CREATE TABLE ${table}_v2 (${column} INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (${column}, seq))
      WITHOUT ROWID;
      INSERT OR IGNORE INTO ${table}_v2 (${column}, seq) SELECT ${column}, seq FROM ${table};
      DROP TABLE ${table};
      ALTER TABLE ${table}_v2 RENAME TO ${table};`);
  }
  db.exec(`ALTER TABLE stories ADD COLUMN title_seq INTEGER;
    ALTER TABLE stories ADD COLUMN title_at TEXT;
    UPDATE stories SET title_seq = (SELECT seq FROM articles a WHERE a.story_id = stories.id AND a.title IS NOT NULL
      ORDER BY published_at IS NULL, published_at, seq LIMIT 1);
    UPDATE stories SET title = (SELECT title FROM articles WHERE seq = stories.title_seq),
      title_at = (SELECT published_at FROM articles WHERE seq = stories.title_seq);
    INSERT OR IGNORE INTO story_outlets (story_id, outlet) SELECT story_id, coalesce(outlet, source) FROM articles;`);
  db.prepare(`UPDATE meta SET value = '2' WHERE key = 'schema_version'`).run();
}

/**
 * Schema 3 keeps each article's band keys and posting terms in its own row and the look-up index in memory
 * (look-up-index.ts); the bands, postings and document-frequency tables of schema 2 go. Their rows are moved into the
 * articles they belong to.
 */
function migrateFrom2(db: Database.Database): void {
  db.exec(`ALTER TABLE articles ADD COLUMN band_keys BLOB NOT NULL DEFAULT x'';
    ALTER TABLE articles ADD COLUMN posting BLOB NOT NULL DEFAULT x'';`);
  for (const [table, column, target] of [
    ['bands', 'key', 'band_keys'],
    ['postings', 'term', 'posting'],
  ] as const) {
    const update = db.prepare(`UPDATE articles SET ${target} = ? WHERE seq = ?`);
    db.exec(`CREATE INDEX ${table}_by_seq ON ${table}(seq)`);
    const chunk = db.prepare(`SELECT seq, ${column} FROM ${table} WHERE seq > ? AND seq <= ? ORDER BY seq`).raw();
    const last = db.prepare(`SELECT coalesce(max(seq), 0) FROM ${table}`).pluck().get() as number;
    // A chunk of articles at a time: the connection cannot write while it iterates a read.
    for (let from = 0; from < last; from += MIGRATE_CHUNK) {
      const rows = chunk.all(from, from + MIGRATE_CHUNK) as Array<[number, number]>;
      for (let i = 0; i < rows.length;) {
        const seq = rows[i][0];
        const values: number[] = [];
        for (; i < rows.length && rows[i][0] === seq; i++) values.push(rows[i][1]);
        update.run(blob(Uint32Array.from(values)), seq);
      }
    }
  }
  db.exec(`DROP TABLE bands; DROP TABLE postings; DROP TABLE df;`);
  db.prepare(`UPDATE meta SET value = '3' WHERE key = 'schema_version'`).run();
}

/**
 * Schema 4 indexes three-letter prefixes in the full-text index (FTS_COLUMNS) and (seq, story_id), which maps the
 * articles a search matched to their stories without reading their long rows; the full-text index is built again
 * from the articles. It also keeps the story each article was first put in (`origin_story`, ArticleSketch
 * originStoryId), unknown (null) for the articles of the older store.
 */
function migrateFrom3(db: Database.Database): void {
  db.exec(`ALTER TABLE articles ADD COLUMN origin_story TEXT;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(${FTS_COLUMNS});
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');`);
  db.prepare(`UPDATE meta SET value = '4' WHERE key = 'schema_version'`).run();
}

/**
 * Schema 5 keeps each article's story cues (figures and event time, read with its sketch by the same-story scorer)
 * and membership (the score and evidence that put it in its story), and the log of membership changes. Articles of
 * the older store have neither: their cues say nothing until `reprocess` computes them.
 */
function migrateFrom4(db: Database.Database): void {
  // The older migrations rebuild the articles table from today's column list, which has them already.
  const columns = new Set(
    (db.prepare(`PRAGMA table_info(articles)`).all() as Array<{ name: string }>).map((c) => c.name),
  );
  for (const column of ['cues', 'membership']) {
    if (!columns.has(column)) db.exec(`ALTER TABLE articles ADD COLUMN ${column} TEXT`);
  }
  db.prepare(`UPDATE meta SET value = '5' WHERE key = 'schema_version'`).run();
}

/**
 * Schema 6 keeps each story's languages (those of its articles that the identification placed: not `und`), as it
 * keeps its outlets, for the story list; they are read from the articles' cues of the older store.
 */
function migrateFrom5(db: Database.Database): void {
  db.exec(`INSERT OR IGNORE INTO story_languages (story_id, language)
    SELECT story_id, json_extract(cues, '$.l') FROM articles
    WHERE json_extract(cues, '$.l') IS NOT NULL AND json_extract(cues, '$.l') != 'und'`);
  db.prepare(`UPDATE meta SET value = '6' WHERE key = 'schema_version'`).run();
}

/** A `stories` row as the incremental summary reads it. */
interface StoryStats {
  id: string;
  first_seen: string | null;
  last_seen: string | null;
  n_articles: number;
  n_outlets: number;
  title: string | null;
  title_seq: number | null;
  title_at: string | null;
}

interface ArticleRow {
  seq: number;
  id: string;
  source: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  published_at: string | null;
  byline: string | null;
  dateline: string | null;
  raw: string;
  text: string;
  body: string;
  kept: string;
  removed: string;
  sentences: string;
  facts: string;
  shingles: Buffer;
  signature: Buffer;
  terms: Buffer;
  weights: Buffer;
  cues: string | null;
  membership: string | null;
  story_id: string;
}

function u32(buf: Buffer): Uint32Array {
  // Copy: the Buffer may be a view into a pooled slab with an unaligned offset.
  const out = new Uint32Array(buf.byteLength >>> 2);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function f32(buf: Buffer): Float32Array {
  const out = new Float32Array(buf.byteLength >>> 2);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function blob(a: Uint32Array | Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Is a store at `path` a file (not one in memory, which SQLite opens for '' and ':memory:')? */
function inFile(path: string): boolean {
  return path !== '' && path !== ':memory:';
}

const orNull = (v: string | undefined): string | null => (v === undefined ? null : v);
const orUndef = (v: string | null): string | undefined => (v === null ? undefined : v);

function rowToArticle(r: ArticleRow): StoredArticle {
  return {
    id: r.id,
    seq: r.seq,
    source: r.source,
    outlet: orUndef(r.outlet),
    url: orUndef(r.url),
    title: orUndef(r.title),
    publishedAt: orUndef(r.published_at),
    byline: orUndef(r.byline),
    dateline: orUndef(r.dateline),
    raw: JSON.parse(r.raw) as RawDoc,
    text: r.text,
    body: r.body,
    kept: JSON.parse(r.kept) as Span[],
    removed: JSON.parse(r.removed) as Removal[],
    sentences: JSON.parse(r.sentences) as Span[],
    facts: JSON.parse(r.facts) as Fact[],
    shingles: u32(r.shingles),
    signature: u32(r.signature),
    terms: u32(r.terms),
    weights: f32(r.weights),
    cues: parseCues(r.cues),
    storyId: r.story_id,
    membership: parseMembership(r.membership),
  };
}

/** The file beside a store file that holds the snapshot of its look-up index (SNAPSHOT_MIN_ARTICLES). */
export function lookUpSnapshotFile(path: string): string {
  return `${path}.lookup`;
}

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
  private readonly stmts;
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
    this.db.exec(SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as
      { value: string } | undefined;
    if (!version) {
      this.db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
    } else if (Number(version.value) >= 1 && Number(version.value) <= 5) {
      const from = Number(version.value);
      this.db.transaction(() => {
        if (from === 1) migrateFrom1(this.db);
        if (from <= 2) migrateFrom2(this.db);
        if (from <= 3) migrateFrom3(this.db);
        if (from <= 4) migrateFrom4(this.db);
        migrateFrom5(this.db);
      })();
    } else if (Number(version.value) !== SCHEMA_VERSION) {
      this.db.close();
      throw new Error(
        `${path} was written with store schema ${version.value}, this newstrace uses ${SCHEMA_VERSION}: ` +
          `run 'newstrace reprocess --db ${path}' with the version that wrote it, or start a new store`,
      );
    }
    this.stmts = {
      has: this.db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
      maxSeq: this.db.prepare('SELECT coalesce(max(seq), 0) FROM articles').pluck(),
      count: this.db.prepare('SELECT count(*) FROM articles').pluck(),
      insert: this.db.prepare(`INSERT INTO articles (seq, id, source, outlet, url, title, published_at, byline,
        dateline, raw, text, body, kept, removed, sentences, facts, shingles, signature, terms, weights, cues,
        story_id, origin_story, band_keys, posting, membership)
        VALUES (@seq, @id, @source, @outlet, @url, @title, @published_at, @byline, @dateline, @raw, @text, @body,
        @kept, @removed, @sentences, @facts, @shingles, @signature, @terms, @weights, @cues, @story_id, @story_id,
        @band_keys, @posting, @membership)`),
      lookUpRows: this.db
        .prepare('SELECT seq, id, band_keys, posting, terms FROM articles WHERE seq > ? ORDER BY seq LIMIT ?')
        .raw(),
      fts: this.db.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)'),
      get: this.db.prepare('SELECT * FROM articles WHERE id = ?'),
      alignable: this.db.prepare(
        'SELECT seq, id, published_at, shingles, cues, outlet, sentences, facts, body FROM articles WHERE id = ?',
      ),
      ids: this.db.prepare('SELECT id FROM articles ORDER BY seq').pluck(),
      raw: this.db.prepare('SELECT seq, raw FROM articles WHERE seq > ? ORDER BY seq LIMIT ?'),
      delStory: this.db.prepare('DELETE FROM stories WHERE id = ?'),
      // A story's outlets (its summary's table, in name order) and the start of the text of its naming article.
      outletNames: this.db.prepare('SELECT outlet FROM story_outlets WHERE story_id = ? ORDER BY outlet LIMIT ?'),
      titledLede: this.db.prepare(
        'SELECT substr(body, 1, ?) AS lede FROM articles WHERE story_id = ? AND title = ? ORDER BY seq LIMIT 1',
      ),
      firstLede: this.db.prepare(
        'SELECT substr(body, 1, ?) AS lede FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1',
      ),
      storyRow: this.db.prepare(
        'SELECT id, first_seen, last_seen, n_articles, n_outlets, title, title_seq, title_at FROM stories WHERE id = ?',
      ),
      putStoryRow: this.db.prepare(`INSERT OR REPLACE INTO stories (id, first_seen, last_seen, n_articles, n_outlets,
        title, title_seq, title_at) VALUES (@id, @first_seen, @last_seen, @n_articles, @n_outlets, @title, @title_seq,
        @title_at)`),
      addOutlet: this.db.prepare('INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)'),
      moveOutlets: this.db.prepare(
        'INSERT OR IGNORE INTO story_outlets (story_id, outlet) SELECT ?, outlet FROM story_outlets WHERE story_id = ?',
      ),
      dropOutlets: this.db.prepare('DELETE FROM story_outlets WHERE story_id = ?'),
      // The same for its languages.
      addLanguage: this.db.prepare('INSERT OR IGNORE INTO story_languages (story_id, language) VALUES (?, ?)'),
      moveLanguages: this.db.prepare(
        'INSERT OR IGNORE INTO story_languages (story_id, language) SELECT ?, language FROM story_languages WHERE story_id = ?',
      ),
      dropLanguages: this.db.prepare('DELETE FROM story_languages WHERE story_id = ?'),
      rebuildLanguages: this.db.prepare(`INSERT OR IGNORE INTO story_languages (story_id, language)
        SELECT story_id, json_extract(cues, '$.l') FROM articles WHERE story_id = ?
        AND json_extract(cues, '$.l') IS NOT NULL AND json_extract(cues, '$.l') != 'und'`),
      languages: this.db.prepare('SELECT language FROM story_languages WHERE story_id = ? ORDER BY language'),
      days: this.db.prepare(`SELECT substr(published_at, 1, 10) AS day, count(*) AS articles FROM articles
        WHERE story_id = ? AND published_at IS NOT NULL GROUP BY day ORDER BY day LIMIT ?`),
      rebuildOutlets: this.db.prepare(`INSERT OR IGNORE INTO story_outlets (story_id, outlet)
        SELECT story_id, coalesce(outlet, source) FROM articles WHERE story_id = ?`),
      titledFirst: this.db
        .prepare(`SELECT seq, title, published_at FROM articles WHERE story_id = ? AND title IS NOT NULL
        ORDER BY published_at IS NULL, published_at, seq LIMIT 1`),
      // The story gains one article: counts up, dates widened, the title that of its earliest titled article (the
      // order of storyArticles). Right-hand sides read the row before the update.
      addToStory: this.db
        .prepare(`INSERT INTO stories (id, first_seen, last_seen, n_articles, n_outlets, title, title_seq, title_at)
        VALUES (@id, @pub, @pub, 1, @new_outlet, @title, CASE WHEN @title IS NULL THEN NULL ELSE @seq END,
          CASE WHEN @title IS NULL THEN NULL ELSE @pub END)
        ON CONFLICT(id) DO UPDATE SET
          n_articles = n_articles + 1,
          n_outlets = n_outlets + @new_outlet,
          title = CASE WHEN ${TAKES_TITLE} THEN @title ELSE title END,
          title_seq = CASE WHEN ${TAKES_TITLE} THEN @seq ELSE title_seq END,
          title_at = CASE WHEN ${TAKES_TITLE} THEN @pub ELSE title_at END,
          first_seen = CASE WHEN @pub IS NOT NULL AND (first_seen IS NULL OR @pub < first_seen) THEN @pub ELSE first_seen END,
          last_seen = CASE WHEN @pub IS NOT NULL AND (last_seen IS NULL OR @pub > last_seen) THEN @pub ELSE last_seen END`),
      hasStory: this.db.prepare(`SELECT first_seen, last_seen, ${SEEN_COLUMNS} FROM stories WHERE id = ?`),
      // The members a story is named from: its earliest and its latest (model/naming.ts NAMING_DEFAULTS.sampleEach).
      // Their seqs only (the index holds them); their columns come from the naming cache or namingRow.
      namingFirst: this.db
        .prepare('SELECT seq FROM articles INDEXED BY articles_story WHERE story_id = ? ORDER BY seq LIMIT ?')
        .pluck(),
      namingLast: this.db
        .prepare('SELECT seq FROM articles INDEXED BY articles_story WHERE story_id = ? ORDER BY seq DESC LIMIT ?')
        .pluck(),
      namingRow: this.db.prepare('SELECT seq, title, url, published_at, terms, weights FROM articles WHERE seq = ?'),
      bodyOf: this.db.prepare('SELECT body FROM articles WHERE seq = ?').pluck(),
      setStoryName: this.db.prepare('UPDATE stories SET title = ?, title_seq = ?, title_at = ? WHERE id = ?'),
      storyEarliest: this.db
        .prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY published_at IS NULL, published_at, seq LIMIT 1`)
        .pluck(),
      // The first published article of a story is found walking its members in arrival order (the story index) until
      // one has the story's first date: early, as a rule, where sorting them all by date costs the story's size.
      storyFirstDated: this.db
        .prepare(`SELECT id FROM articles WHERE story_id = ? AND published_at = ? ORDER BY seq LIMIT 1`)
        .pluck(),
      storyFirstArrived: this.db.prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1`).pluck(),
      storyArticles: this.db
        .prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY published_at IS NULL, published_at, seq`)
        .pluck(),
      storyRelations: this.db.prepare('SELECT data FROM relations WHERE story_id = ? ORDER BY rowid').pluck(),
      pageRelations: this.db.prepare(
        // `+story_id`: look up by the page's articles (primary key), not by the story, whose relations may be millions.
        'SELECT data, to_id FROM relations WHERE from_id IN (SELECT value FROM json_each(?)) AND +story_id = ? ORDER BY rowid',
      ),
      moveArticles: this.db.prepare('UPDATE articles SET story_id = ? WHERE story_id = ?'),
      moveRelations: this.db.prepare('UPDATE relations SET story_id = ? WHERE story_id = ?'),
      putRelation: this.db.prepare(
        'INSERT OR REPLACE INTO relations (story_id, from_id, to_id, kind, data) VALUES (?, ?, ?, ?, ?)',
      ),
      storyStats: this.db.prepare(`SELECT count(*) AS n, count(DISTINCT coalesce(outlet, source)) AS outlets,
        min(published_at) AS first, max(published_at) AS last FROM articles WHERE story_id = ?`),
      sketch: this.db.prepare(
        'SELECT id, seq, story_id, origin_story, published_at, shingles, terms, weights, cues FROM articles WHERE id = ?',
      ),
      list: this.db
        .prepare(`SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
        ORDER BY n_articles DESC, first_seen, id LIMIT ? OFFSET ?`),
      putError: this.db.prepare('INSERT INTO errors (source, reason, at) VALUES (?, ?, ?)'),
      errors: this.db.prepare('SELECT source, reason, at FROM errors ORDER BY id'),
      storyIds: this.db.prepare('SELECT id FROM articles WHERE story_id = ? ORDER BY seq LIMIT ?').pluck(),
      storyOf: this.db.prepare('SELECT story_id FROM articles WHERE id = ?').pluck(),
      moveOne: this.db.prepare('UPDATE articles SET story_id = ?, membership = ? WHERE id = ?'),
      dropCrossRelations: this.db.prepare(`DELETE FROM relations WHERE (from_id = @id OR to_id = @id)
        AND story_id = @from`),
      putChange: this.db.prepare('INSERT INTO story_changes (from_story, to_story, data) VALUES (?, ?, ?)'),
      changes: this.db
        .prepare('SELECT data FROM story_changes WHERE to_story = ? OR from_story = ? ORDER BY id')
        .pluck(),
    };
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
    this.namingCache.set(a.seq, {
      seq: a.seq,
      title: orNull(a.title),
      url: orNull(a.url),
      published_at: orNull(a.publishedAt),
      terms: a.terms,
      weights: a.weights,
    });
    this.nameStory(a.storyId);
    // A story id in use is nobody's merged-away id (ids are the founding article's; a reuse would be a collision).
    this.mergedInto.delete(a.storyId);
    this.sketchCache.set(a.id, {
      id: a.id,
      seq: a.seq,
      storyId: a.storyId,
      originStoryId: a.storyId,
      publishedAt: a.publishedAt,
      shingles: a.shingles,
      terms: a.terms,
      weights: a.weights,
      cues: a.cues,
    });
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
        const r = this.stmts.sketch.get(id) as
          | {
              id: string;
              seq: number;
              story_id: string;
              origin_story: string | null;
              published_at: string | null;
              shingles: Buffer;
              terms: Buffer;
              weights: Buffer;
              cues: string | null;
            }
          | undefined;
        if (!r) continue;
        sk = {
          id: r.id,
          seq: r.seq,
          storyId: r.story_id,
          originStoryId: r.origin_story ?? r.story_id,
          publishedAt: orUndef(r.published_at),
          shingles: u32(r.shingles),
          terms: u32(r.terms),
          weights: f32(r.weights),
          cues: parseCues(r.cues),
        };
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
    const where: string[] = [];
    const args: Array<string | number> = [];
    const tokens = f.text ? searchTokens(f.text) : [];
    if (tokens.length) {
      where.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
      args.push(ftsQuery(tokens));
    }
    if (f.outlet) {
      where.push('lower(a.outlet) = lower(?)');
      args.push(f.outlet);
    }
    if (f.from) {
      where.push('substr(a.published_at, 1, 10) >= ?');
      args.push(f.from);
    }
    if (f.to) {
      where.push('substr(a.published_at, 1, 10) <= ?');
      args.push(f.to);
    }
    if (f.entity) {
      where.push(`EXISTS (SELECT 1 FROM json_each(a.facts) x
        WHERE json_extract(x.value, '$.kind') IN (${ENTITY_KINDS.map((k) => `'${k}'`).join(',')})
        AND instr(lower(json_extract(x.value, '$.value.canonical')), lower(?)) > 0)`);
      args.push(f.entity);
    }
    if (f.language) {
      where.push(`json_extract(a.cues, '$.l') = ?`);
      args.push(f.language);
    }
    // Words alone: the matched articles' stories come from the (seq, story_id) index, not from their long rows.
    const covered = tokens.length > 0 && !f.outlet && !f.from && !f.to && !f.entity && !f.language;
    const rows = this.db
      .prepare(
        `SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
         WHERE id IN (SELECT a.story_id FROM articles a${covered ? ' INDEXED BY articles_seq_story' : ''}${where.length ? ` WHERE ${where.join(' AND ')}` : ''})
         ORDER BY n_articles DESC, first_seen, id LIMIT ? OFFSET ?`,
      )
      .all(...args, f.limit ?? -1, f.offset ?? 0) as StoryRow[];
    return rows.map(storySummary);
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

  /**
   * What a snapshot must match to be read: the schema, and the store's own article at the snapshot's highest seq with
   * as many articles up to it (rows are only ever appended, so those up to it are the ones it was built from).
   */
  private snapshotStamp(upTo: number): Record<string, unknown> {
    const row = this.db.prepare('SELECT id, band_keys, posting, terms FROM articles WHERE seq = ?').get(upTo) as
      { id: string; band_keys: Buffer; posting: Buffer; terms: Buffer } | undefined;
    // What the index took from that row, so that a snapshot of rows computed otherwise (another version's terms or
    // keys, the same ids) is not read.
    const digest = row
      ? createHash('sha1').update(row.band_keys).update(row.posting).update(row.terms).digest('hex')
      : null;
    // Counted on the story index, which holds every seq: a range of the table itself walks its long rows.
    const n = this.db
      .prepare('SELECT count(*) FROM articles INDEXED BY articles_story WHERE seq <= ?')
      .pluck()
      .get(upTo) as number;
    return { schema: SCHEMA_VERSION, upTo, id: row?.id ?? null, digest, articles: n };
  }

  /** The look-up index of the snapshot file, or undefined when there is none or it does not fit this store. */
  private readSnapshot(): LookUpIndex | undefined {
    const path = this.snapshotPath;
    if (!path) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    const stamp = LookUpIndex.snapshotStamp(bytes);
    if (!stamp || typeof stamp.upTo !== 'number') return undefined;
    if (JSON.stringify(stamp) !== JSON.stringify(this.snapshotStamp(stamp.upTo))) return undefined;
    let ix: LookUpIndex | undefined;
    try {
      ix = LookUpIndex.fromSnapshot(bytes);
    } catch {
      return undefined;
    }
    if (!ix || ix.upTo !== stamp.upTo || ix.size !== stamp.articles) return undefined;
    this.snapshotUpTo = ix.upTo;
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
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      const fd = openSync(tmp, 'w');
      try {
        for (const b of ix.toSnapshot(this.snapshotStamp(ix.upTo)))
          for (let at = 0; at < b.length;) at += writeSync(fd, b, at);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
      this.snapshotUpTo = ix.upTo;
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
