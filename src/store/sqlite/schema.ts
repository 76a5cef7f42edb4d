/** The SQLite store's tables: the schema a new store is created with, and its version. */

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
export const FTS_COLUMNS = "title, body, content='articles', content_rowid='seq', prefix='3'";

/**
 * The columns of an article row are in the order they are read: what matching reads for a candidate (story, date,
 * shingles, terms, band keys, postings; about 2 KB) first, then what alignment reads (sentences, facts, body), the
 * extracted text and raw input last. A long row continues in a chain of overflow pages, and SQLite follows the
 * chain only as far as the last column a query asks for, so a sketch or an alignment read never walks the pages of
 * the texts after it.
 */
export const SCHEMA = `
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
