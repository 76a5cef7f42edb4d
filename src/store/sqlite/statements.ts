import type Database from 'better-sqlite3';
import { SEEN_COLUMNS } from '../search.js';

/**
 * The new article (@title, @pub, @seq) names the story instead of its titled article so far (title, title_at,
 * title_seq): it has a title, and the story has none yet or it comes earlier in story order (dated before undated,
 * then by date, then by seq).
 */
const TAKES_TITLE = `@title IS NOT NULL AND (title_seq IS NULL OR (@pub IS NOT NULL AND (title_at IS NULL OR @pub < title_at))
  OR (@pub IS title_at AND @seq < title_seq))`;

/** Every statement the SQLite store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    has: db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
    maxSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM articles').pluck(),
    count: db.prepare('SELECT count(*) FROM articles').pluck(),
    insert: db.prepare(`INSERT INTO articles (seq, id, source, outlet, url, title, published_at, byline,
      dateline, raw, text, body, kept, removed, sentences, facts, shingles, signature, terms, weights, cues,
      story_id, origin_story, band_keys, posting, membership)
      VALUES (@seq, @id, @source, @outlet, @url, @title, @published_at, @byline, @dateline, @raw, @text, @body,
      @kept, @removed, @sentences, @facts, @shingles, @signature, @terms, @weights, @cues, @story_id, @story_id,
      @band_keys, @posting, @membership)`),
    lookUpRows: db
      .prepare('SELECT seq, id, band_keys, posting, terms FROM articles WHERE seq > ? ORDER BY seq LIMIT ?')
      .raw(),
    fts: db.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)'),
    get: db.prepare('SELECT * FROM articles WHERE id = ?'),
    alignable: db.prepare(
      'SELECT seq, id, published_at, shingles, cues, outlet, sentences, facts, body FROM articles WHERE id = ?',
    ),
    ids: db.prepare('SELECT id FROM articles ORDER BY seq').pluck(),
    raw: db.prepare('SELECT seq, raw FROM articles WHERE seq > ? ORDER BY seq LIMIT ?'),
    delStory: db.prepare('DELETE FROM stories WHERE id = ?'),
    // A story's outlets (its summary's table, in name order) and the start of the text of its naming article.
    outletNames: db.prepare('SELECT outlet FROM story_outlets WHERE story_id = ? ORDER BY outlet LIMIT ?'),
    titledLede: db.prepare(
      'SELECT substr(body, 1, ?) AS lede FROM articles WHERE story_id = ? AND title = ? ORDER BY seq LIMIT 1',
    ),
    firstLede: db.prepare('SELECT substr(body, 1, ?) AS lede FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1'),
    storyRow: db.prepare(
      'SELECT id, first_seen, last_seen, n_articles, n_outlets, title, title_seq, title_at FROM stories WHERE id = ?',
    ),
    putStoryRow: db.prepare(`INSERT OR REPLACE INTO stories (id, first_seen, last_seen, n_articles, n_outlets,
      title, title_seq, title_at) VALUES (@id, @first_seen, @last_seen, @n_articles, @n_outlets, @title, @title_seq,
      @title_at)`),
    addOutlet: db.prepare('INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)'),
    moveOutlets: db.prepare(
      'INSERT OR IGNORE INTO story_outlets (story_id, outlet) SELECT ?, outlet FROM story_outlets WHERE story_id = ?',
    ),
    dropOutlets: db.prepare('DELETE FROM story_outlets WHERE story_id = ?'),
    // The same for its languages.
    addLanguage: db.prepare('INSERT OR IGNORE INTO story_languages (story_id, language) VALUES (?, ?)'),
    moveLanguages: db.prepare(
      'INSERT OR IGNORE INTO story_languages (story_id, language) SELECT ?, language FROM story_languages WHERE story_id = ?',
    ),
    dropLanguages: db.prepare('DELETE FROM story_languages WHERE story_id = ?'),
    rebuildLanguages: db.prepare(`INSERT OR IGNORE INTO story_languages (story_id, language)
      SELECT story_id, json_extract(cues, '$.l') FROM articles WHERE story_id = ?
      AND json_extract(cues, '$.l') IS NOT NULL AND json_extract(cues, '$.l') != 'und'`),
    languages: db.prepare('SELECT language FROM story_languages WHERE story_id = ? ORDER BY language'),
    days: db.prepare(`SELECT substr(published_at, 1, 10) AS day, count(*) AS articles FROM articles
      WHERE story_id = ? AND published_at IS NOT NULL GROUP BY day ORDER BY day LIMIT ?`),
    rebuildOutlets: db.prepare(`INSERT OR IGNORE INTO story_outlets (story_id, outlet)
      SELECT story_id, coalesce(outlet, source) FROM articles WHERE story_id = ?`),
    titledFirst: db.prepare(`SELECT seq, title, published_at FROM articles WHERE story_id = ? AND title IS NOT NULL
      ORDER BY published_at IS NULL, published_at, seq LIMIT 1`),
    // The story gains one article: counts up, dates widened, the title that of its earliest titled article (the
    // order of storyArticles). Right-hand sides read the row before the update.
    addToStory:
      db.prepare(`INSERT INTO stories (id, first_seen, last_seen, n_articles, n_outlets, title, title_seq, title_at)
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
    hasStory: db.prepare(`SELECT first_seen, last_seen, ${SEEN_COLUMNS} FROM stories WHERE id = ?`),
    // The members a story is named from: its earliest and its latest (model/naming.ts NAMING_DEFAULTS.sampleEach).
    // Their seqs only (the index holds them); their columns come from the naming cache or namingRow.
    namingFirst: db
      .prepare('SELECT seq FROM articles INDEXED BY articles_story WHERE story_id = ? ORDER BY seq LIMIT ?')
      .pluck(),
    namingLast: db
      .prepare('SELECT seq FROM articles INDEXED BY articles_story WHERE story_id = ? ORDER BY seq DESC LIMIT ?')
      .pluck(),
    namingRow: db.prepare('SELECT seq, title, url, published_at, terms, weights FROM articles WHERE seq = ?'),
    bodyOf: db.prepare('SELECT body FROM articles WHERE seq = ?').pluck(),
    setStoryName: db.prepare('UPDATE stories SET title = ?, title_seq = ?, title_at = ? WHERE id = ?'),
    storyEarliest: db
      .prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY published_at IS NULL, published_at, seq LIMIT 1`)
      .pluck(),
    // The first published article of a story is found walking its members in arrival order (the story index) until
    // one has the story's first date: early, as a rule, where sorting them all by date costs the story's size.
    storyFirstDated: db
      .prepare(`SELECT id FROM articles WHERE story_id = ? AND published_at = ? ORDER BY seq LIMIT 1`)
      .pluck(),
    storyFirstArrived: db.prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1`).pluck(),
    storyArticles: db
      .prepare(`SELECT id FROM articles WHERE story_id = ? ORDER BY published_at IS NULL, published_at, seq`)
      .pluck(),
    storyRelations: db.prepare('SELECT data FROM relations WHERE story_id = ? ORDER BY rowid').pluck(),
    pageRelations: db.prepare(
      // `+story_id`: look up by the page's articles (primary key), not by the story, whose relations may be millions.
      'SELECT data, to_id FROM relations WHERE from_id IN (SELECT value FROM json_each(?)) AND +story_id = ? ORDER BY rowid',
    ),
    moveArticles: db.prepare('UPDATE articles SET story_id = ? WHERE story_id = ?'),
    moveRelations: db.prepare('UPDATE relations SET story_id = ? WHERE story_id = ?'),
    putRelation: db.prepare(
      'INSERT OR REPLACE INTO relations (story_id, from_id, to_id, kind, data) VALUES (?, ?, ?, ?, ?)',
    ),
    storyStats: db.prepare(`SELECT count(*) AS n, count(DISTINCT coalesce(outlet, source)) AS outlets,
      min(published_at) AS first, max(published_at) AS last FROM articles WHERE story_id = ?`),
    sketch: db.prepare(
      'SELECT id, seq, story_id, origin_story, published_at, shingles, terms, weights, cues FROM articles WHERE id = ?',
    ),
    list: db.prepare(`SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
      ORDER BY n_articles DESC, first_seen, id LIMIT ? OFFSET ?`),
    putError: db.prepare('INSERT INTO errors (source, reason, at) VALUES (?, ?, ?)'),
    errors: db.prepare('SELECT source, reason, at FROM errors ORDER BY id'),
    storyIds: db.prepare('SELECT id FROM articles WHERE story_id = ? ORDER BY seq LIMIT ?').pluck(),
    storyOf: db.prepare('SELECT story_id FROM articles WHERE id = ?').pluck(),
    moveOne: db.prepare('UPDATE articles SET story_id = ?, membership = ? WHERE id = ?'),
    dropCrossRelations: db.prepare(`DELETE FROM relations WHERE (from_id = @id OR to_id = @id)
      AND story_id = @from`),
    putChange: db.prepare('INSERT INTO story_changes (from_story, to_story, data) VALUES (?, ?, ?)'),
    changes: db.prepare('SELECT data FROM story_changes WHERE to_story = ? OR from_story = ? ORDER BY id').pluck(),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
