import type { Fact, RawDoc, Removal, Span } from '../../model/index.js';
import { parseCues, parseMembership } from '../cues.js';
import type { StoredArticle } from '../types.js';
import { f32, orUndef, u32 } from '../columns.js';

/** Rows of the SQLite store as its statements read them, and the conversions of their columns. */

/** A `stories` row as the incremental summary reads it. */
export interface StoryStats {
  id: string;
  first_seen: string | null;
  last_seen: string | null;
  n_articles: number;
  n_outlets: number;
  title: string | null;
  title_seq: number | null;
  title_at: string | null;
}

export interface ArticleRow {
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

/** Is a store at `path` a file (not one in memory, which SQLite opens for '' and ':memory:')? */
export function inFile(path: string): boolean {
  return path !== '' && path !== ':memory:';
}

export function rowToArticle(r: ArticleRow): StoredArticle {
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
