import type { Overlap } from '../model/index.js';

/**
 * Online same-story decisions. An incoming article joins the story of the earlier article it is closest to, by
 * text reuse (exact shingle overlap) or, failing that, by same-event similarity (salient words, names, figures and
 * years) within a time window; stories it reuses text from are merged. Thresholds are named here with where they
 * came from; BENCHMARKS.md has the measurements.
 */

/** Shared shingles below this are boilerplate (datelines, footers), not reuse. */
export const MIN_SHARED_SHINGLES = 3;
/**
 * Containment (share of either side's shingles found in the other) that makes two articles one story by reuse.
 * Low on purpose: a newspaper story built on two wire paragraphs is still that story.
 */
export const REUSE_CONTAINMENT = 0.2;
/**
 * Share of the same-event score given to names and figures (who, where, how many) over all salient words. On the
 * ECB+ dev topics (two events of one kind per topic) names separate the events about as well as all words do (pair
 * AUC .907 vs .901) and the even blend clusters best (BCubed F1 .856 vs .812 on words alone; BENCHMARKS.md).
 */
export const NAME_WEIGHT = 0.5;
/** Containment that is reuse whatever the rest of the text says (a reprint, a trimmed or spun copy). */
export const STRONG_REUSE_CONTAINMENT = 0.5;
/** Same-event similarity that partial reuse (REUSE_CONTAINMENT up to STRONG_REUSE_CONTAINMENT) also needs. */
export const REUSE_TOPICAL = 0.3;
/** Cosine of salient-term vectors above which two articles report the same event. */
export const SAME_EVENT_SIMILARITY = 0.3;
/**
 * Reports of one event cluster in time; beyond this gap two similar articles are more likely two events of the same
 * kind (two earthquakes in one region, two statements on one city years apart).
 */
export const MAX_EVENT_GAP_DAYS = 10;
/** How fast same-event similarity fades past the gap: multiplied per further gap length. */
export const GAP_PENALTY = 0.5;

export interface Neighbour {
  id: string;
  seq: number;
  storyId: string;
  publishedAt?: string;
  overlap: Overlap;
  topical: number;
  /** Cosine of the name and figure terms alone (see terms.ts nameCosine). */
  names: number;
}

/**
 * Reuse that makes one story: most of one side is the other's text, or a smaller share together with a shared
 * subject. A shared background paragraph or a recycled sentence alone does not join two stories (outlets reuse
 * boilerplate across unrelated reports; on the generated corpus, joining on 20% containment alone dropped BCubed
 * precision on 5,000 articles from .835 to .692).
 */
export function isReuse(o: Overlap, topical: number): boolean {
  const c = Math.max(o.containmentA, o.containmentB);
  if (o.shared < MIN_SHARED_SHINGLES) return false;
  return c >= STRONG_REUSE_CONTAINMENT || (c >= REUSE_CONTAINMENT && topical >= REUSE_TOPICAL);
}

export function gapDays(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return undefined;
  return Math.abs(ta - tb) / 86_400_000;
}

/** Same-event similarity after the time penalty. */
export function eventScore(n: Neighbour, publishedAt?: string): number {
  const base = (1 - NAME_WEIGHT) * n.topical + NAME_WEIGHT * n.names;
  const gap = gapDays(n.publishedAt, publishedAt);
  if (gap === undefined || gap <= MAX_EVENT_GAP_DAYS) return base;
  return base * Math.pow(GAP_PENALTY, gap / MAX_EVENT_GAP_DAYS);
}

export interface StoryDecision {
  /** The story the article joins, or undefined for a new story. */
  join?: string;
  /** Other stories to merge into `join` (the article bridges them by reuse). */
  merge: string[];
  /** Neighbours worth a relation, best first. */
  related: Neighbour[];
}

export function decideStory(
  neighbours: Neighbour[],
  publishedAt: string | undefined,
  maxRelated: number,
): StoryDecision {
  const scored = neighbours
    .map((n) => ({ n, reuse: isReuse(n.overlap, eventScore(n, publishedAt)), event: eventScore(n, publishedAt) }))
    .filter((s) => s.reuse || s.event >= SAME_EVENT_SIMILARITY)
    .sort((x, y) => Number(y.reuse) - Number(x.reuse) || y.event - x.event || x.n.seq - y.n.seq);
  if (scored.length === 0) return { merge: [], related: [] };
  const join = scored[0].n.storyId;
  const reuseStories = new Set(scored.filter((s) => s.reuse).map((s) => s.n.storyId));
  reuseStories.delete(join);
  const inStory = new Set([join, ...reuseStories]);
  const related = scored
    .filter((s) => inStory.has(s.n.storyId))
    .map((s) => s.n)
    .slice(0, maxRelated);
  return { join, merge: [...reuseStories].sort(), related };
}
