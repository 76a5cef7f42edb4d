import type { Fact, RawDoc, Relation, Removal, Span } from '../../model/index.js';
import { SEEN_COLUMNS, seenDates, storySummary, type StoryRow } from '../search.js';
import { parseCues, parseMembership } from '../cues.js';
import { f32, orUndef, u32 } from '../columns.js';
import { findStoriesSql } from './search.js';
import {
  pageIds,
  type AlignableArticle,
  type StoredArticle,
  type StoredError,
  type StoryChange,
  type StoryPage,
  type StoryRecord,
  type StoryOutline,
  type StorySummary,
  type StoryFilter,
  LEDE_CHARS,
  TIMELINE_DAYS,
} from '../types.js';

/**
 * The PostgreSQL store's reads that serve the front ends (articles, stories, lists, search, errors, raw input), as
 * functions of a query on the store's connection: none of them touches what the store keeps in memory for commits.
 */

/** A query on the store's connection: the current transaction's client, or the pool. */
export type Query = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

export function toArticle(r: Record<string, unknown>): StoredArticle {
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

export async function getArticle(q: Query, id: string): Promise<StoredArticle | undefined> {
  const [r] = await q<Record<string, unknown>>('SELECT * FROM articles WHERE id = $1', [id]);
  return r && toArticle(r);
}

export async function getAlignable(q: Query, ids: string[]): Promise<AlignableArticle[]> {
  if (ids.length === 0) return [];
  const rows = await q<Record<string, unknown>>(
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

export async function getArticles(q: Query, ids: string[]): Promise<StoredArticle[]> {
  if (ids.length === 0) return [];
  const rows = await q<Record<string, unknown>>('SELECT * FROM articles WHERE id = ANY($1::text[])', [ids]);
  const byId = new Map(rows.map((r) => [r.id as string, toArticle(r)]));
  return ids.map((id) => byId.get(id)).filter((a): a is StoredArticle => !!a);
}

export async function articleIds(q: Query): Promise<string[]> {
  return (await q<{ id: string }>('SELECT id FROM articles ORDER BY seq')).map((r) => r.id);
}

export async function countArticles(q: Query): Promise<number> {
  const [r] = await q<{ n: string }>('SELECT count(*) AS n FROM articles');
  return Number(r.n);
}

export async function storyOrderIds(q: Query, id: string): Promise<string[]> {
  const rows = await q<{ id: string }>(
    'SELECT id FROM articles WHERE story_id = $1 ORDER BY published_at ASC NULLS LAST, seq',
    [id],
  );
  return rows.map((r) => r.id);
}

export async function getStory(q: Query, id: string, page?: StoryPage): Promise<StoryRecord | undefined> {
  const [s] = await q<StoryRow>(`SELECT first_seen, last_seen, ${SEEN_COLUMNS} FROM stories WHERE id = $1`, [id]);
  if (!s) return undefined;
  const articles = await storyOrderIds(q, id);
  let rel: Array<{ data: string }>;
  if (page) {
    // The relations from the page's articles (primary key), kept where they also end on the page.
    const ids = pageIds(articles, page);
    const on = new Set(ids);
    rel = (
      await q<{ data: string; to_id: string }>(
        'SELECT data, to_id FROM relations WHERE from_id = ANY($1) AND story_id = $2 ORDER BY rid',
        [ids, id],
      )
    ).filter((r) => on.has(r.to_id));
  } else rel = await q<{ data: string }>('SELECT data FROM relations WHERE story_id = $1 ORDER BY rid', [id]);
  return {
    id,
    articles,
    relations: rel.map((r) => JSON.parse(r.data) as Relation),
    firstSeen: seenDates(s.first_seen, s.last_seen, s.ts_first, s.ts_last).firstSeen,
    changes: (
      await q<{ data: string }>('SELECT data FROM story_changes WHERE to_story = $1 OR from_story = $1 ORDER BY id', [
        id,
      ])
    ).map((r) => JSON.parse(r.data) as StoryChange),
  };
}

export async function listStories(q: Query, query: { limit?: number; offset?: number } = {}): Promise<StorySummary[]> {
  const rows = await q<StoryRow>(
    `SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
     ORDER BY n_articles DESC, first_seen ASC NULLS FIRST, id LIMIT $1 OFFSET $2`,
    [query.limit ?? null, query.offset ?? 0],
  );
  return rows.map(storySummary);
}

export async function findStories(q: Query, f: StoryFilter): Promise<StorySummary[]> {
  const { sql, args } = findStoriesSql(f);
  return (await q<StoryRow>(sql, args)).map(storySummary);
}

export async function storyEarliest(q: Query, id: string): Promise<string | undefined> {
  const [r] = await q<{ id: string }>(
    'SELECT id FROM articles WHERE story_id = $1 ORDER BY published_at ASC NULLS LAST, seq LIMIT 1',
    [id],
  );
  return r?.id;
}

export async function storyOutlines(q: Query, ids: string[], outlets: number): Promise<StoryOutline[]> {
  const out: StoryOutline[] = [];
  for (const id of ids) {
    const [story] = await q<{ title: string | null }>('SELECT title FROM stories WHERE id = $1', [id]);
    if (!story) continue;
    const names = await q<{ outlet: string }>(
      `SELECT DISTINCT coalesce(outlet, source) AS outlet FROM articles WHERE story_id = $1 ORDER BY outlet LIMIT $2`,
      [id, outlets],
    );
    const [lede] = await q<{ lede: string }>(
      `SELECT substr(body, 1, $3) AS lede FROM articles WHERE story_id = $1
       ORDER BY (title IS NOT DISTINCT FROM $2) DESC, seq LIMIT 1`,
      [id, story.title, LEDE_CHARS],
    );
    // Read from the articles' cues, as the outlets are: this store keeps no per-story tables of either.
    const languages = await q<{ l: string }>(
      `SELECT DISTINCT l FROM (SELECT (cues::jsonb)->>'l' AS l FROM articles WHERE story_id = $1) x
       WHERE l IS NOT NULL AND l <> 'und' ORDER BY l`,
      [id],
    );
    const days = await q<{ day: string; articles: string }>(
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

export async function listErrors(q: Query): Promise<StoredError[]> {
  return q<StoredError>('SELECT source, reason, at FROM errors ORDER BY id');
}

export async function rawDocs(q: Query, afterSeq: number, limit: number): Promise<Array<{ seq: number; raw: RawDoc }>> {
  const rows = await q<{ seq: string; raw: string }>(
    'SELECT seq, raw FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2',
    [afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), raw: JSON.parse(r.raw) as RawDoc }));
}
