/**
 * PostgreSQL migrations, in order. Kept as code so they ship inside the built package; `newstrace migrate` applies
 * the ones a database lacks, each in its own transaction, and records them in `migrations`.
 * Text that is ordered or compared (ids, ISO dates) uses the "C" collation so PostgreSQL orders exactly as SQLite.
 */
export const MIGRATIONS: Array<{ id: number; name: string; sql: string }> = [
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
];
