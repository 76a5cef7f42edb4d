/**
 * PostgreSQL migrations, in order. Kept as code so they ship inside the built package; `newstrace migrate` applies
 * the ones a database lacks, each in its own transaction, and records them in `migrations`.
 * Text that is ordered or compared (ids, ISO dates) uses the "C" collation so PostgreSQL orders exactly as SQLite.
 */
import pg from 'pg';
import { searchLexemes } from './search.js';

/** A query on the migration's connection, inside its transaction. */
type Run = (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

/** Rows whose search words one step of a backfill computes: a few megabytes of text at a time. */
const BACKFILL_ROWS = 500;

/**
 * A migration: its SQL, and where the new columns hold what only code computes, a backfill of the rows already
 * stored, run in the same transaction after the SQL.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
  backfill?: (run: Run) => Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE articles (
  seq BIGINT PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  source TEXT NOT NULL,
  outlet TEXT COLLATE "C", url TEXT, title TEXT, published_at TEXT COLLATE "C", byline TEXT, dateline TEXT,
  raw TEXT NOT NULL,
  text TEXT NOT NULL,
  body TEXT NOT NULL,
  kept TEXT NOT NULL,
  removed TEXT NOT NULL,
  sentences TEXT NOT NULL,
  facts TEXT NOT NULL,
  shingles BYTEA NOT NULL,
  signature BYTEA NOT NULL,
  terms BYTEA NOT NULL,
  weights BYTEA NOT NULL,
  story_id TEXT COLLATE "C" NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE TABLE bands (key BIGINT NOT NULL, seq BIGINT NOT NULL);
CREATE INDEX bands_key ON bands(key);
CREATE TABLE postings (term BIGINT NOT NULL, seq BIGINT NOT NULL);
CREATE INDEX postings_term ON postings(term, seq);
CREATE TABLE df (term BIGINT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE stories (
  id TEXT COLLATE "C" PRIMARY KEY,
  first_seen TEXT COLLATE "C",
  last_seen TEXT COLLATE "C",
  n_articles INTEGER NOT NULL,
  n_outlets INTEGER NOT NULL,
  title TEXT
);
CREATE TABLE relations (
  rid BIGSERIAL,
  story_id TEXT COLLATE "C" NOT NULL,
  from_id TEXT COLLATE "C" NOT NULL,
  to_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE INDEX relations_story ON relations(story_id, rid);
CREATE TABLE errors (id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
`,
  },
  {
    id: 2,
    name: 'ingest queue for workers',
    sql: `
CREATE SEQUENCE job_batches;
CREATE TABLE jobs (
  seq BIGSERIAL PRIMARY KEY,
  batch BIGINT NOT NULL,
  item TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'prepared', 'done')),
  prepared TEXT
);
CREATE INDEX jobs_queued ON jobs(seq) WHERE state = 'queued';
CREATE INDEX jobs_open ON jobs(batch) WHERE state <> 'done';
`,
  },
  {
    id: 3,
    name: 'the story each article was first put in',
    sql: `ALTER TABLE articles ADD COLUMN origin_story TEXT COLLATE "C";`,
  },
  {
    id: 4,
    name: 'story cues, memberships and membership changes',
    sql: `ALTER TABLE articles ADD COLUMN cues TEXT;
ALTER TABLE articles ADD COLUMN membership TEXT;
CREATE TABLE story_changes (id BIGSERIAL PRIMARY KEY, from_story TEXT COLLATE "C" NOT NULL,
  to_story TEXT COLLATE "C" NOT NULL, data TEXT NOT NULL);
CREATE INDEX story_changes_from ON story_changes(from_story);
CREATE INDEX story_changes_to ON story_changes(to_story);`,
  },
  {
    id: 5,
    name: 'story search through a text index',
    sql: `ALTER TABLE articles ADD COLUMN words tsvector;
CREATE INDEX articles_words ON articles USING gin (words);`,
    backfill: async (run) => {
      for (let after = -1; ;) {
        const rows = (
          await run('SELECT seq, title, body FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2', [
            after,
            BACKFILL_ROWS,
          ])
        ).rows as Array<{ seq: string; title: string | null; body: string }>;
        if (rows.length === 0) return;
        await run(
          `UPDATE articles a SET words = array_to_tsvector(w.words::text[])
           FROM (SELECT unnest($1::bigint[]) AS seq, unnest($2::text[]) AS words) w WHERE a.seq = w.seq`,
          [rows.map((r) => r.seq), rows.map((r) => pgArray(searchLexemes(r.title ?? undefined, r.body)))],
        );
        after = Number(rows[rows.length - 1].seq);
      }
    },
  },
  {
    id: 6,
    name: 'story members in arrival order through an index',
    // A story's first members (`storyArticleIds`, the naming sample) were read through the index on story_id and
    // sorted, or, where the planner bet on the LIMIT, by walking the primary key from the first article until enough
    // of the story turned up: most of the articles table for an old story. On (story_id, seq) both are a range scan.
    sql: `CREATE INDEX IF NOT EXISTS articles_story_seq ON articles(story_id, seq);
DROP INDEX IF EXISTS articles_story;`,
  },
  {
    id: 7,
    name: 'candidate look-up in memory: band keys and postings kept with each article',
    // The look-up index is built in memory from the articles (postgres.ts), as the SQLite store's is: each article
    // keeps its band keys and posting terms (little-endian uint32, as its other term columns), and the tables that
    // held them as rows, written at 150 rows an article, go.
    sql: `ALTER TABLE articles ADD COLUMN band_keys BYTEA;
ALTER TABLE articles ADD COLUMN posting BYTEA;
CREATE INDEX bands_seq ON bands(seq);
CREATE INDEX postings_seq ON postings(seq);`,
    backfill: async (run) => {
      const bytes = (xs: string[] | null) => {
        const b = Buffer.alloc(4 * (xs?.length ?? 0));
        (xs ?? []).forEach((x, i) => b.writeUInt32LE(Number(x), 4 * i));
        return b;
      };
      for (let after = -1; ;) {
        const rows = (
          await run(
            `SELECT a.seq,
               (SELECT array_agg(key ORDER BY key) FROM bands b WHERE b.seq = a.seq) AS keys,
               (SELECT array_agg(term ORDER BY term) FROM postings p WHERE p.seq = a.seq) AS posting
             FROM articles a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
            [after, BACKFILL_ROWS],
          )
        ).rows as Array<{ seq: string; keys: string[] | null; posting: string[] | null }>;
        if (rows.length === 0) break;
        await run(
          `UPDATE articles a SET band_keys = w.keys, posting = w.posting
           FROM (SELECT unnest($1::bigint[]) AS seq, unnest($2::bytea[]) AS keys, unnest($3::bytea[]) AS posting) w
           WHERE a.seq = w.seq`,
          [rows.map((r) => r.seq), rows.map((r) => bytes(r.keys)), rows.map((r) => bytes(r.posting))],
        );
        after = Number(rows[rows.length - 1].seq);
      }
      await run('DROP TABLE bands, postings, df');
      await run('ALTER TABLE articles ALTER COLUMN band_keys SET NOT NULL, ALTER COLUMN posting SET NOT NULL');
    },
  },
];

/** A text array literal (`{"a","b"}`), for passing arrays of arrays through one unnest. */
function pgArray(xs: string[]): string {
  return `{${xs.map((x) => `"${x}"`).join(',')}}`;
}

/** The migrations a schema lacks, in order. */
export async function pendingMigrations(pool: pg.Pool, schema: string) {
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
