import { NAMING_DEFAULTS } from '../../model/naming.js';
import { f32, u32 } from '../columns.js';
import { nameOfRows, type NamingRow } from '../naming.js';
import type { CommitMemory } from './memory.js';
import type { Query } from './reads.js';

/*
 * A story's summary row and its name on PostgreSQL: kept current by the article's own insert (`PUT_ARTICLE`),
 * recounted from its articles where a merge or a move changed it (`rebuildStory`), named from its earliest and latest
 * members (model/naming.ts) with their naming columns from the commit memory where it has them.
 */

/**
 * An article and its story's summary in one statement: the summary kept current from the article alone (a new outlet
 * is one no earlier member has; the statement's reads do not see its own insert), and back come the members the
 * story's name is made from, the earliest and the latest before this one, which is the latest (model/naming.ts).
 * Parameters: the article's columns ($1-$26, $21 its story), the naming sample ($27) and the name the story takes
 * when the article founds it ($28).
 */
export const PUT_ARTICLE = `WITH art AS (
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
       UNION ALL SELECT seq, (SELECT kept FROM st), (SELECT n FROM st), false FROM latest`;

/** Names a story from these members (model/naming.ts) where the name differs from `kept`, the title it has. */
export async function nameStory(
  q: Query,
  mem: CommitMemory,
  id: string,
  seqs: number[],
  kept: string | null,
  known: (seq: number) => string | undefined = () => undefined,
): Promise<void> {
  const rows = await namingRows(q, mem, seqs);
  const bodies = new Map<number, string>();
  const lede = (seq: number) => bodies.get(seq) ?? known(seq);
  const n = nameOfRows(rows, lede);
  if (n?.from === 'lede' && lede(n.seq) === undefined) {
    // The lede is read only when no member has a title.
    const [b] = await q<{ body: string }>('SELECT body FROM articles WHERE seq = $1', [n.seq]);
    if (b) bodies.set(n.seq, b.body);
  }
  const named = n?.from === 'lede' ? nameOfRows(rows, lede) : n;
  if (named && named.name !== kept) await q('UPDATE stories SET title = $1 WHERE id = $2', [named.name, id]);
}

/** Recounts a story's summary from its articles and names it again (or drops it when it has none). */
export async function rebuildStory(q: Query, mem: CommitMemory, id: string, summarised?: Set<string>): Promise<void> {
  // One statement: the story row from its articles (title of the first titled one in story order), or gone when it
  // has none; and what the story's name is made from, its earliest and latest members (model/naming.ts).
  const sampled = await q<{ seq: string; kept: string | null }>(
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
  summarised?.add(id);
  if (sampled.length === 0) return;
  await nameStory(
    q,
    mem,
    id,
    sampled.map((r) => Number(r.seq)),
    sampled[0].kept,
  );
}

/**
 * The naming columns of these articles, from the cache where it has them (an article's are fixed once stored) and
 * in one read for the rest: a story is named again at every article it gains, from up to 128 members.
 */
async function namingRows(q: Query, mem: CommitMemory, seqs: number[]): Promise<NamingRow[]> {
  const missing = seqs.filter((seq) => mem.naming.get(seq) === undefined);
  if (missing.length > 0) {
    const got = await q<NamingRow & { seq: string; terms: Buffer; weights: Buffer }>(
      'SELECT seq, title, url, published_at, terms, weights FROM articles WHERE seq = ANY($1::bigint[])',
      [missing],
    );
    for (const r of got) mem.naming.set(Number(r.seq), { ...r, terms: u32(r.terms), weights: f32(r.weights) });
  }
  return seqs.map((seq) => mem.naming.get(seq)).filter((r): r is NamingRow => r !== undefined);
}
