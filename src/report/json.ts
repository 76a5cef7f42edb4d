import { bodySpanToText, passagesFrom } from '../model/index.js';
import { diffFacts } from '../claims/compare.js';
import type { Fact, NoiseReason, PassageKind, Relation, RelationKind, RelationScores, Span } from '../model/index.js';
import type { Membership, StoredArticle, StoryChange, StoryRecord } from '../model/index.js';
import {
  factDiffJson,
  factTableJson,
  storyFactTable,
  versionDiffs,
  type FactDiffJson,
  type FactTableJson,
} from './facts.js';

/**
 * The public JSON contract (documented in README "JSON output"). Every span here is a [start, end) pair of UTF-16
 * offsets into the article's `text` — the extracted article text that the same JSON carries — so any claim can be
 * checked with `text.slice(start, end)`.
 */
export interface ArticleJson {
  id: string;
  source: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  dateline: string | null;
  byline: string | null;
  /** The language of its text, ISO 639-3 (`und`: too short to tell); null for articles stored before it was kept. */
  language: string | null;
  text: string;
  removed: Array<{ text: string; reason: NoiseReason; span: Span }>;
  facts: FactJson[];
  /** Why the article is in its story: its same-story score, how it came in, its closest member, the evidence. */
  membership: Membership | null;
}

export interface FactJson {
  kind: Fact['kind'];
  text: string;
  span: Span;
  value: Fact['value'];
}

export interface PassageJson {
  /** Span in the `from` article's text. */
  a: Span;
  /** Span in the `to` article's text. */
  b: Span;
  kind: PassageKind;
  score: number;
}

export interface RelationJson {
  from: string;
  to: string;
  kind: RelationKind;
  /** Of a translation: the languages of `from` and `to` (ISO 639-3). */
  languages?: [string, string];
  commonSource?: string;
  /** What the order of from and to rests on: publication times, the texts, or nothing known. */
  direction?: 'dated' | 'textual' | 'unknown';
  /** How sure the verdict is, 0..1; below LOW_CONFIDENCE it is shown as a guess. */
  confidence?: number;
  /** For a machine-like rewrite: the swapped words, spans in each article's text. */
  spin?: Array<{ from: Span; to: Span; fromText: string; toText: string }>;
  evidence: string[];
  scores: RelationScores;
  passages: PassageJson[];
}

/** A verdict (membership or relation) below this confidence is a guess and is shown as one. */
export const LOW_CONFIDENCE = 0.6;

export interface StoryJson {
  id: string;
  /** Articles in the story, all of them, whether or not `articles` holds them all. */
  articleCount: number;
  /**
   * Position of `articles[0]` among the story's articles. Everything else (relations, facts, versions) is about the
   * articles this response holds: with a page of a story, the relations between them, their fact table.
   */
  offset: number;
  articles: ArticleJson[];
  relations: RelationJson[];
  /** Facts × articles: carried, omitted or conflicting (see README "Facts"). */
  facts: FactTableJson;
  /** Each later version's fact-level changes against the earliest article. */
  versions: Array<{ article: string; against: string; changes: FactDiffJson }>;
  /** Membership changes after the first assignments: articles moved in or out, stories merged into this one. */
  changes: StoryChange[];
}

export interface ReportJson {
  stories: StoryJson[];
  errors: Array<{ source: string; reason: string }>;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function articleJson(a: StoredArticle): ArticleJson {
  return {
    id: a.id,
    source: a.source,
    outlet: orNull(a.outlet),
    url: orNull(a.url),
    title: orNull(a.title),
    publishedAt: orNull(a.publishedAt),
    dateline: orNull(a.dateline),
    byline: orNull(a.byline),
    language: orNull(a.cues?.language),
    text: a.text,
    removed: a.removed.map((r) => ({ text: r.text, reason: r.reason, span: r.span })),
    facts: a.facts.map((f) => {
      const span = bodySpanToText(a.kept, f.span);
      return { kind: f.kind, text: a.text.slice(span[0], span[1]), span, value: factValueToText(a, f) };
    }),
    membership: orNull(a.membership),
  };
}

/** Quote values carry a body span of the quoted words; map it like every other span. */
function factValueToText(a: StoredArticle, f: Fact): Fact['value'] {
  if (f.kind === 'quote' && 'quote' in f.value) return { ...f.value, quote: bodySpanToText(a.kept, f.value.quote) };
  return f.value;
}

export function relationJson(r: Relation, byId: Map<string, StoredArticle>): RelationJson {
  const from = byId.get(r.from);
  const to = byId.get(r.to);
  return {
    from: r.from,
    to: r.to,
    kind: r.kind,
    ...(r.languages ? { languages: r.languages } : {}),
    ...(r.commonSource ? { commonSource: r.commonSource } : {}),
    ...(r.direction ? { direction: r.direction } : {}),
    ...(r.confidence !== undefined ? { confidence: Math.round(r.confidence * 100) / 100 } : {}),
    ...(r.spin
      ? {
          spin: r.spin.map((w) => ({
            from: from ? bodySpanToText(from.kept, w.from) : w.from,
            to: to ? bodySpanToText(to.kept, w.to) : w.to,
            fromText: w.fromText,
            toText: w.toText,
          })),
        }
      : {}),
    evidence: r.evidence,
    scores: r.scores,
    passages: r.passages.map((p) => ({
      a: from ? bodySpanToText(from.kept, p.a) : p.a,
      b: to ? bodySpanToText(to.kept, p.b) : p.b,
      kind: p.kind,
      score: Math.round(p.score * 1000) / 1000,
    })),
  };
}

export function storyJson(story: StoryRecord, articles: StoredArticle[]): StoryJson {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const ordered = story.articles.map((id) => byId.get(id)).filter((a): a is StoredArticle => !!a);
  const first = ordered.length > 0 ? story.articles.indexOf(ordered[0].id) : 0;
  return {
    id: story.id,
    articleCount: story.articles.length,
    offset: Math.max(0, first),
    articles: ordered.map(articleJson),
    relations: story.relations.filter((r) => byId.has(r.from) && byId.has(r.to)).map((r) => relationJson(r, byId)),
    facts: factTableJson(storyFactTable(ordered), ordered),
    versions: versionDiffs(ordered).map((v) => ({
      article: v.article,
      against: v.against,
      changes: factDiffJson(byId.get(v.against)!, byId.get(v.article)!, v.diff),
    })),
    changes: story.changes ?? [],
  };
}

/** Two articles compared: `GET /api/diff` and `diff --json` give this one view. */
export interface DiffJson {
  a: ArticleJson;
  b: ArticleJson;
  /** As the relation reads it: `from` the earlier or original, whichever of A and B that is. */
  relation: RelationJson;
  /** The relation's passages as A → B: `a` spans in A's text, `b` spans in B's. */
  passages: PassageJson[];
  /** What B changes against A, fact by fact. */
  facts: FactDiffJson;
}

export function diffJson(a: StoredArticle, b: StoredArticle, relation: Relation): DiffJson {
  const byId = new Map([
    [a.id, a],
    [b.id, b],
  ]);
  const r = relationJson(relation, byId);
  const passages = passagesFrom(a.id, r);
  return { a: articleJson(a), b: articleJson(b), relation: r, passages, facts: factDiffJson(a, b, diffFacts(a, b)) };
}

/** The JSON report of a run: its stories (each with its articles) and the records it could not read. */
export function reportOf(
  stories: Array<{ story: StoryRecord; articles: StoredArticle[] }>,
  errors: Array<{ source: string; reason: string }>,
): ReportJson {
  return {
    stories: stories.map((s): StoryJson => storyJson(s.story, s.articles)),
    errors: errors.map((e) => ({ source: e.source, reason: e.reason })),
  };
}
