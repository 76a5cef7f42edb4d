import type {
  AlignableArticle,
  Membership,
  RawDoc,
  Relation,
  StoredArticle,
  StoredError,
  StoryChange,
  StoryCues,
  StoryRecord,
  StorySummary,
} from '../model/index.js';

// The article and story records live in the model (src/model/article.ts); the stores and their callers name them here
// too.
export type * from '../model/article.js';

/**
 * Postings read per term when looking up same-story neighbours: the most recent ones. News stories cluster in time,
 * and a bound here keeps the lookup cost flat as the store grows (a common term's list grows with every article).
 * Every store applies the same bound, so all give the same candidates.
 */
export const RECENT_POSTINGS = 512;

/** A window of a story's articles in story (publication) order: `limit` of them from `offset`. */
export interface StoryPage {
  offset: number;
  limit: number;
}

/** The ids of a story's page: `ids` (the story's articles in order) from `offset`, `limit` of them. */
export function pageIds(ids: string[], page: StoryPage): string[] {
  return ids.slice(page.offset, page.offset + page.limit);
}

export interface ArticleSketch {
  id: string;
  seq: number;
  storyId: string;
  /**
   * The story the article was first put in: a merge moves the article (`storyId`), not this. Where a store does not
   * know it (articles stored before it kept it), the current story.
   */
  originStoryId?: string;
  publishedAt?: string;
  shingles: Uint32Array;
  terms: Uint32Array;
  weights: Float32Array;
  cues: StoryCues;
}

/** What a list of stories shows of each beyond its summary: some of its outlets and the start of its text. */
export interface StoryOutline {
  id: string;
  /** Outlets of its articles (an article without one: its source), at most the number asked for. */
  outletNames: string[];
  /** The start of the clean body of the article that names it (else its first article), at most LEDE_CHARS. */
  lede: string | null;
  /** The languages of its articles (ISO 639-3; not `und`), sorted. */
  languages: string[];
  /**
   * Its dated articles per publication day (YYYY-MM-DD), earliest first, at most TIMELINE_DAYS of them (the
   * earliest): what a small timeline in a list draws.
   */
  days: Array<{ day: string; articles: number }>;
}

/** Days of a story's timeline a list reads: two months of daily coverage; a longer story shows its first two months. */
export const TIMELINE_DAYS = 60;

/** Characters of a story's lede a list shows: two lines of a wide list and some to spare for cutting at a word. */
export const LEDE_CHARS = 320;

/**
 * A story search: every filter given must hold for one and the same article of the story. Stores with a text index
 * implement `findStories` (SQLite: FTS5; PostgreSQL: a GIN-indexed `tsvector`, postgres/search.ts);
 * `src/server/search.ts` gives the same answer by scanning for stores without one.
 */
export interface StoryFilter {
  /** Words that must all begin a word of the article's title or clean text (case and accents ignored). */
  text?: string;
  /** Outlet name, case-insensitive, exact. */
  outlet?: string;
  /** ISO dates (inclusive): the article was published on or after `from`, on or before `to`. */
  from?: string;
  to?: string;
  /** Part of the canonical name of a person, place or organisation the article names (case-insensitive). */
  entity?: string;
  /** The article's language, ISO 639-3 (`eng`, `fra`, …). */
  language?: string;
  limit?: number;
  offset?: number;
}

/**
 * Storage behind the engine. One interface, several implementations that must give identical results on the same
 * input (a shared conformance suite checks them). Methods are async so network stores fit the same shape.
 * All writes of one batch happen inside `transaction`, so a crash leaves either the whole batch or none of it.
 */
export interface Store {
  readonly kind: string;
  transaction<T>(fn: () => Promise<T>): Promise<T>;

  hasArticle(id: string): Promise<boolean>;
  /**
   * A value that differs after any commit to the store, by this connection or another process's; for caches of what
   * is read from it (the server's story responses). Stores that cannot tell leave it out. PostgreSQL reads it from
   * the database (one round trip), hence the promise.
   */
  changeMark?(): string | Promise<string>;
  nextSeq(): Promise<number>;
  putArticle(article: StoredArticle, bandKeys: Uint32Array, postingTerms: Uint32Array): Promise<void>;
  getArticle(id: string): Promise<StoredArticle | undefined>;
  getArticles(ids: string[]): Promise<StoredArticle[]>;
  /** What aligning two articles reads of them (`AlignableArticle`), without the raw input and the other texts. */
  getAlignable(ids: string[]): Promise<AlignableArticle[]>;
  /** Article ids in arrival order, for re-processing. */
  articleIds(): Promise<string[]>;
  countArticles(): Promise<number>;

  /** Articles that share at least one LSH band key with the query. */
  bandCandidates(keys: Uint32Array): Promise<string[]>;
  /** Articles whose posting terms overlap the query, most shared terms first. */
  termCandidates(terms: Uint32Array, limit: number): Promise<string[]>;
  /** Document frequencies of the given terms among stored articles. */
  documentFrequencies(terms: Uint32Array): Promise<Uint32Array>;

  /** The parts of articles that story matching needs, without bodies. */
  getSketches(ids: string[]): Promise<ArticleSketch[]>;

  /** Number of articles in a story (0 for none). */
  storySize(id: string): Promise<number>;
  /** Moves every article and relation of story `from` into story `into` (a merge), and drops `from`. */
  mergeStories(from: string, into: string): Promise<void>;
  /**
   * Moves one article into story `into` (a re-clustering split it from its story): its relations with members of
   * the story it leaves go, both stories' summaries follow, a story left empty is dropped.
   */
  moveArticle(id: string, into: string, membership: Membership): Promise<void>;
  /** A story's first article in publication order (dated before undated, by date, then by arrival); undefined: none. */
  storyEarliest(id: string): Promise<string | undefined>;
  /** The ids of a story's articles in arrival order, at most `limit` of them (the earliest). */
  storyArticleIds(id: string, limit: number): Promise<string[]>;
  /** Records a membership change. */
  putStoryChange(change: StoryChange): Promise<void>;
  putRelation(storyId: string, relation: Relation): Promise<void>;
  /** Recomputes a story's summary (counts, dates, title) after its articles changed. */
  refreshStory(id: string): Promise<void>;
  /**
   * A story. With `page`, `relations` are only those between the page's articles (`articles.slice(offset, offset +
   * limit)`; `articles` still lists every member): a page of a story of 300,000 versions need not parse its
   * relations of all of them.
   */
  getStory(id: string, page?: StoryPage): Promise<StoryRecord | undefined>;
  listStories(query?: { limit?: number; offset?: number }): Promise<StorySummary[]>;
  /** Outlines of these stories (a page of a list), in the order given; a story that does not exist is left out. */
  storyOutlines(ids: string[], outlets: number): Promise<StoryOutline[]>;
  /** Stories with an article matching the filter, in `listStories` order. Optional: see `StoryFilter`. */
  findStories?(filter: StoryFilter): Promise<StorySummary[]>;

  putError(error: StoredError): Promise<void>;
  listErrors(): Promise<StoredError[]>;

  /** The raw input of every article in arrival order, a page at a time, for `reprocess`. */
  rawDocs(afterSeq: number, limit: number): Promise<Array<{ seq: number; raw: RawDoc }>>;

  close(): Promise<void>;
}
