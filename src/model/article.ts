import type { EventTime } from './eventtime.js';
import type { Fact } from './fact.js';
import type { RawDoc } from './raw.js';
import type { Removal } from './clean.js';
import type { Relation } from './story.js';
import type { Span } from './span.js';

/**
 * What the same-story scorer reads of an article beside its terms and shingles (stories/pair-features.ts): its
 * figures and its event time. Kept with the article's sketch.
 */
export interface StoryCues {
  /** Figure terms (amounts, counts; years left out), sorted. */
  figures: Uint32Array;
  eventTime: EventTime;
  /** The body's language, ISO 639-3 (`und`: undetermined); absent for articles stored before it was kept. */
  language?: string;
}

/** Why an article is in its story: the score that put it there and what drove it. */
export interface Membership {
  /** Probability (0..1) that it tells the story: its mean same-story probability with the members it was scored against. */
  score: number;
  /** How it came in: it founded the story, joined it, or was moved into it when the stories around it were re-clustered. */
  by: 'founded' | 'joined' | 'moved';
  /** The member it is closest to, and their pair probability. */
  closest?: { id: string; score: number };
  /** The evidence that drove the score, in words. */
  evidence: string[];
}

/** A change of membership after an article's first assignment: moved between stories, or two stories merged. */
export interface StoryChange {
  /** When it was recorded (ISO). */
  at: string;
  kind: 'moved' | 'merged';
  /** The article moved (for a merge, the article whose arrival merged the stories). */
  articleId: string;
  /** The story it left (for a merge, the story merged away). */
  from: string;
  /** The story it went to (for a merge, the story that kept its id). */
  to: string;
  /** The arriving article that set off the change. */
  cause: string;
  /** Its membership score in `to`. */
  score: number;
}

/** Everything newstrace keeps of one article: the raw input (for re-processing) and what each stage derived. */
export interface StoredArticle {
  id: string;
  /** Arrival order in this store, from 1. Ties in publication time are broken by it. */
  seq: number;
  source: string;
  outlet?: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  byline?: string;
  dateline?: string;
  raw: RawDoc;
  text: string;
  body: string;
  kept: Span[];
  removed: Removal[];
  sentences: Span[];
  facts: Fact[];
  shingles: Uint32Array;
  signature: Uint32Array;
  /** Salient content terms (hashed stems and entity keys) and their weights, for same-event matching. */
  terms: Uint32Array;
  weights: Float32Array;
  cues: StoryCues;
  storyId: string;
  /** Why it is in its story (undefined for articles stored before memberships were kept). */
  membership?: Membership;
}

/** The parts of a stored article that aligning it with another reads (engine.ts `relate`). */
export type AlignableArticle = Pick<
  StoredArticle,
  'id' | 'seq' | 'publishedAt' | 'body' | 'sentences' | 'facts' | 'shingles' | 'outlet' | 'cues'
>;

export interface StoryRecord {
  id: string;
  /** Article ids in publication order. */
  articles: string[];
  relations: Relation[];
  firstSeen?: string;
  /** Membership changes of the story's articles, oldest first (moves in and out, merges into it). */
  changes?: StoryChange[];
}

export interface StorySummary {
  id: string;
  articles: number;
  outlets: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Title of the earliest article. */
  title?: string;
}

export interface StoredError {
  source: string;
  reason: string;
  at: string;
}
