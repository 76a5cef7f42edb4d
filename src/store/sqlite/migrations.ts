import type Database from 'better-sqlite3';
import { blob } from '../columns.js';
import { FTS_COLUMNS, SCHEMA, SCHEMA_VERSION } from './schema.js';

/**
 * Opening a store file: the schema created where it is new, a store of an older schema migrated in one transaction,
 * one of a newer (or unknown) schema refused with advice.
 */
export function openSchema(db: Database.Database, path: string): void {
  db.exec(SCHEMA);
  const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as
    { value: string } | undefined;
  if (!version) {
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  } else if (Number(version.value) >= 1 && Number(version.value) <= 5) {
    const from = Number(version.value);
    db.transaction(() => {
      if (from === 1) migrateFrom1(db);
      if (from <= 2) migrateFrom2(db);
      if (from <= 3) migrateFrom3(db);
      if (from <= 4) migrateFrom4(db);
      migrateFrom5(db);
    })();
  } else if (Number(version.value) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `${path} was written with store schema ${version.value}, this newstrace uses ${SCHEMA_VERSION}: ` +
        `run 'newstrace reprocess --db ${path}' with the version that wrote it, or start a new store`,
    );
  }
}

/** Articles whose band keys or postings are moved per step of the schema-2 migration. */
const MIGRATE_CHUNK = 10_000;

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
