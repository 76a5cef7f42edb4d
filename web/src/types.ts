// The records the server sends as the engine keeps them are typed by the engine's own model (type-only imports: none
// of its code reaches the browser).
import type { StoryChange, StorySummary as StoreSummary } from '../../src/model/article.js';
import type { Unread } from '../../src/model/facttable.js';

/** The API's JSON shapes the UI reads (the public contract in README "JSON output"; spans index `text`). */
export type Span = [number, number];

/** A story in a list: its summary as the store keeps it, and what the list shows of it besides. */
export interface StorySummary extends StoreSummary {
  /** Some of its outlets by name (`outlets` counts them all). */
  outletNames: string[];
  /** The start of the text of the article that names it. */
  lede: string | null;
  /** The languages of its articles (ISO 639-3), sorted (absent from older servers). */
  languages?: string[];
  /** Its dated articles per publication day, earliest first (absent from older servers). */
  days?: Array<{ day: string; articles: number }>;
}

export interface FactJson {
  kind: string;
  text: string;
  span: Span;
}

export interface ArticleJson {
  id: string;
  source: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  dateline: string | null;
  byline: string | null;
  /** ISO 639-3 (`und`: too short to tell); null for articles stored before it was kept. */
  language?: string | null;
  text: string;
  removed: Array<{ text: string; reason: string; span: Span }>;
  facts: FactJson[];
}

export interface PassageJson {
  a: Span;
  b: Span;
  kind: 'verbatim' | 'paraphrase' | 'substitution' | 'translation';
  score: number;
}

export interface RelationJson {
  from: string;
  to: string;
  kind: 'copy' | 'translation' | 'shared-source' | 'same-event';
  /** Of a translation: the languages of `from` and `to` (ISO 639-3). */
  languages?: [string, string];
  commonSource?: string;
  evidence: string[];
  passages: PassageJson[];
}

export interface FactRef {
  kind: string;
  label: string;
  text: string;
  span: Span;
}

export interface FactDiffJson {
  dropped: FactRef[];
  added: FactRef[];
  changed: Array<{ from: FactRef; to: FactRef }>;
  /** Values B replaces as a later version of the same source or a report of a change (absent from older servers). */
  updated?: Array<{ from: FactRef; to: FactRef }>;
  attributionChanges: Array<{ from?: FactRef; to?: FactRef }>;
  loadedAdded: FactRef[];
  loadedRemoved: FactRef[];
  /** Articles whose facts are not read (a text not in English): the two were not compared. */
  unread?: Unread;
}

export interface FactTableJson {
  articles: string[];
  rows: Array<{
    key: string;
    kind: string;
    label: string;
    cells: Record<string, { status: string; text?: string; span?: Span; attributedTo?: string }>;
  }>;
}

export interface StoryJson {
  id: string;
  firstSeen: string | null;
  articles: ArticleJson[];
  relations: RelationJson[];
  facts?: FactTableJson;
  versions?: Array<{ article: string; against: string; changes: FactDiffJson }>;
}

export interface DiffJson {
  a: ArticleJson;
  b: ArticleJson;
  relation: RelationJson;
  /** `a` spans in a.text, `b` spans in b.text. */
  passages: PassageJson[];
  facts?: FactDiffJson;
}

/** `GET /api/stories/{id}?view=page`: the story page's compact shape (see src/server/views.ts). */
export interface StoryPageJson {
  id: string;
  firstSeen: string | null;
  /** Articles in the story; `articles` is the page of them from `offset`. */
  articleCount: number;
  offset: number;
  /** The page size: the previous page starts `limit` before `offset`. */
  limit: number;
  /** The story's title (its earliest titled article's), whatever the page. */
  title: string | null;
  articles: Array<{
    id: string;
    source: string;
    outlet: string | null;
    url: string | null;
    title: string | null;
    publishedAt: string | null;
    dateline: string | null;
    /** ISO 639-3 (`und`: too short to tell); null for the articles of an older store. */
    language: string | null;
    excerpt: string;
    removed: number;
    facts: number;
    /** Why it is in the story (null for the articles of an older store). */
    membership: { score: number; by: 'founded' | 'joined' | 'moved'; evidence: string[] } | null;
  }>;
  relations: Array<{
    from: string;
    to: string;
    kind: RelationJson['kind'];
    commonSource?: string;
    languages?: [string, string];
    direction?: 'dated' | 'textual' | 'unknown';
    confidence?: number;
    /** Swapped words of a machine-like rewrite, "from → to". */
    spin?: string[];
    evidence: string[];
    passages: number;
    coverageTo: number;
  }>;
  changes: StoryChange[];
  facts: FactPageTable;
}

/** A verdict below this confidence is shown as a guess (the server's LOW_CONFIDENCE). */
export const LOW_CONFIDENCE = 0.6;

export type PageArticle = StoryPageJson['articles'][number];
export type PageRelation = StoryPageJson['relations'][number];

export interface FactPageTable {
  articles: string[];
  /** Articles left out of the table: their facts are not read (a text not in English). */
  unread?: Unread;
  rows: Array<{
    key: string;
    kind: string;
    label: string;
    /** One letter per column: c carried, o omitted, x conflicting. */
    marks: string;
    details: Array<{ col: number; text?: string; attributedTo?: string }>;
  }>;
}

/** GET /api/stories/{id}/claims (src/report/claims.ts ClaimsJson). */
export interface ClaimsResponse {
  story: string;
  claims: Array<{
    key: string;
    kind: 'figure' | 'statement';
    subject: string;
    unit?: string;
    low?: number;
    high?: number;
    conservative?: number;
    claims: Array<{
      value: number | string;
      max?: number;
      approximate?: boolean;
      /** "thousands", "dozens": the words the text gives instead of a figure. */
      vague?: string;
      source?: string;
      sourceDisplay?: string;
      articles: Array<{ article: string; outlet?: string; publishedAt?: string; text: string }>;
    }>;
    updates: Array<{
      source?: string;
      from: { article: string; publishedAt?: string; value: number };
      to: { article: string; publishedAt?: string; value: number };
    }>;
    disputes: Array<{ source: string; values: number[] }>;
  }>;
}

/** POST /api/lookup (src/report/lookup.ts LookUpJson). */
export interface LookUpJson {
  article: ArticleJson & { membership: { evidence: string[] } | null };
  stored: boolean;
  story: {
    id: string;
    size: number;
    score: number;
    lowConfidence: boolean;
    title: string | null;
    earliest: { id: string; title: string | null; outlet: string | null; publishedAt: string | null };
    merges: string[];
  } | null;
  closest: {
    article: ArticleJson;
    relation: RelationJson & { confidence?: number; spin?: Array<{ fromText: string; toText: string }> };
    facts: FactDiffJson;
  } | null;
  origin:
    | { kind: 'outside'; name: string; via?: string }
    | { kind: 'article'; id: string; chain: string[] }
    | { kind: 'first-report'; id: string }
    | { kind: 'this-text'; copiedBy: string }
    | null;
  sources: Array<{ name: string; kind: string; span: Span | null; strong: boolean }>;
  spin: Array<{ from: Span; to: Span; fromText: string; toText: string }>;
}

/** What a route renders: the page's title, its breadcrumbs, its body. */
export interface Page {
  title: string;
  crumbs: Array<{ label: string; href?: string }>;
  body: Node;
}
