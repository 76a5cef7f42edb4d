import type { Overlap } from '../model/index.js';
import { overlap } from '../match/verify.js';
import { averageLink } from './linkage.js';
import { crossLingual, MONTH, Neighbourhood, pairFeatures, PAIR_FEATURES, type PairSide } from './pair-features.js';
import { sameStoryProbability, type PairModel, PAIR_MODEL } from './scorer.js';
import { cosine, nameCosine } from './terms.js';

/**
 * Online same-story assignment with local re-clustering. A new article is scored against every member the look-up
 * found of each candidate story (and against all members of a small story) by the learned pair scorer
 * (`scorer.ts`); a story's score is the mean over its members (average linkage, not the single closest member). When
 * the article is close to members of two or more stories, those stories and the article are clustered again together
 * by average linkage: a bridge can join them, and members that the new evidence sets apart can leave — so the
 * stories correct what earlier, online decisions got wrong. Everything here is a pure function of the evidence.
 */
export const ASSIGN_DEFAULTS = {
  /**
   * Same-story probability at which two articles, or an article and a story (mean over its members), tell one story.
   * The scorer's probabilities are calibrated by its training (logistic loss), so one half is the point where both
   * readings are equally likely. Measured against .35–.8 (BENCHMARKS.md): .6 does better on the families (BCubed
   * .904 against .877) and worse on ECB+ folds run alone (.805 against .853); the mean of the two is best at .5.
   */
  joinProbability: 0.5,
  /**
   * Neighbours (by word cosine) whose term frequencies make the neighbourhood of an article: what its topic's articles
   * all share weighs little in `localCosine`. 20: tried 10/20/40 in cross-validation (BENCHMARKS.md).
   */
  neighbourhoodSize: 20,
  /**
   * Most articles clustered again together. The local clustering costs the square of its size in pair scores and the
   * cube in linkage steps; a few dozen keep it under a millisecond or two, and larger stories are joined or merged
   * by their scores against the members the look-up found.
   */
  reclusterMax: 40,
  /**
   * Earliest members of a story larger than `reclusterMax` scored with every article that comes close to it, beside
   * the members the look-up found. The look-up finds the members most like the article, so their mean alone is a
   * single link in disguise: a dividend notice joins through one look-alike notice, then a company's order through
   * its notice, then an air crash through the order. A story's first articles are what it is about. Ten keep the
   * cost of a large story to one small read.
   */
  storyAnchors: 10,
  /** The same-story scorer: the shipped model; cross-validation passes one trained without the texts it scores. */
  model: PAIR_MODEL as PairModel,
};

export type AssignOptions = typeof ASSIGN_DEFAULTS;

/** An article already stored, as the decision sees it: its sketch, its story, and its evidence against the new one. */
export interface Member extends PairSide {
  id: string;
  seq: number;
  storyId: string;
  publishedAt?: string;
  shingles: Uint32Array;
  /** Exact shingle overlap with the new article (A = the new article). */
  overlap: Overlap;
  /** Word cosine and name cosine with the new article. */
  cos: number;
  names: number;
}

export interface NewArticle extends PairSide {
  id: string;
  shingles: Uint32Array;
}

/** A member's same-story probability with the new article, and what it rests on. */
export interface Scored {
  member: Member;
  p: number;
  features: Float64Array;
}

export interface Assignment {
  /** The story the article goes to; undefined for a new story. */
  storyId?: string;
  /** The article's mean probability over the members of its story it was scored against (1 for a new story). */
  score: number;
  /** Its scored members in the story it goes to, most probable first. */
  members: Scored[];
  /** Other stories whose members all go to `storyId` (merged into it). */
  merge: string[];
  /**
   * Members that leave their story: to the article's story (`to` undefined: wherever the article goes), or to a
   * new story of their own group (`to` a group label shared by the members that leave together).
   */
  moves: Array<{ id: string; from: string; to?: string; score: number }>;
  /** Every scored candidate, most probable first (for relations and evidence). */
  scored: Scored[];
  /** Whether the stories around the article were clustered again. */
  reclustered: boolean;
}

/**
 * Share of each text's word 5-shingles found in the other at and above which two texts are versions of one text, and
 * so of one story, whatever else the scorer says. Pairs like that are rare in the labelled corpora (their
 * reprints are trimmed excerpts of different lengths), so the scorer has not learned what they mean: a reprint that
 * keeps most of a wire story but changes its salient-term profile (a lede added, paragraphs dropped) can score low on
 * words. Half of each text in shared runs of five words is far beyond what independent reports share (under 10% in
 * the families' same-event pairs).
 */
export const ONE_TEXT_CONTAINMENT = 0.5;

/**
 * Fewest 5-word runs two texts must share for the one-text rule to apply: a passage of about 25 words. Wire formulas
 * are shorter than that and make up most of a short item (a dividend notice's "Pay March 13 Record March Two", an
 * earnings table's row names), so two companies' notices are each half made of the other's runs without being one
 * text.
 */
export const ONE_TEXT_SHARED = 20;

/** Two versions of one text: one story whatever else the scorer says. */
function identical(o: Overlap): boolean {
  return (
    o.shared >= ONE_TEXT_SHARED && o.containmentA >= ONE_TEXT_CONTAINMENT && o.containmentB >= ONE_TEXT_CONTAINMENT
  );
}

/**
 * Days by which two articles' event-time intervals (analyze/eventtime.ts: what the texts and dates say of when their
 * events happened, report lag included) may lie apart and still tell one story. Beyond it the two events cannot be one
 * whatever their words (a city's rebuilding in 2017 and its mosque's reopening in 2022): the scorer's time features
 * are too weak to say so, since few labelled pairs lie that far apart. A week absorbs a date misread by a few days.
 */
export const MAX_EVENT_DAYS_APART = 7;
/**
 * Days by which a day one text names as past may fall after the other's publication date and the two still tell one
 * story: time zones (a landing on Saturday in Tokyo is Friday's news in New York). Past it, the earlier article was
 * published before the other's event and cannot report it. This bound rests on a page's date and a date the text
 * writes, not on the report lag's estimate, so it is tighter than MAX_EVENT_DAYS_APART. Corpora whose stories hold a
 * saga's later steps (ECB+'s topics keep the coverage of a negotiation over weeks in one story) lose by it; stories as
 * one event each (the families' labels: a submersible missing, then found imploded, are two) gain.
 */
export const REPORTED_AFTER_SLACK_DAYS = 1;
const APART = PAIR_FEATURES.indexOf('timesApart');
const AFTER = PAIR_FEATURES.indexOf('reportedAfter');

/** The probability for a pair whose evidence is `x`: versions of one text are one story, events apart are not. */
function probability(x: Float64Array, o: Overlap, model: PairModel, a: PairSide, b: PairSide): number {
  if (identical(o)) return 1;
  if (eventsApart(x)) return 0;
  return sameStoryProbability(x, model, crossLingual(a, b));
}

/**
 * Can the pair's events not be one: their event times lie more than MAX_EVENT_DAYS_APART apart, or one text names as
 * past a day after the other was published (beyond REPORTED_AFTER_SLACK_DAYS)?
 */
function eventsApart(x: Float64Array): boolean {
  return x[APART] * MONTH > MAX_EVENT_DAYS_APART || x[AFTER] * MONTH > REPORTED_AFTER_SLACK_DAYS;
}

/**
 * Two events apart, and not versions of one text: they can never share a story, whatever the members between them say
 * (an undated report close to both would otherwise carry a 2017 statement into a 2022 story by the mean).
 */
export function cannotShare(s: { p: number; features: Float64Array }): boolean {
  return s.p === 0 && eventsApart(s.features);
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The neighbourhood of a new article: itself and its closest members by word cosine (`neighbourhoodSize`). */
export function neighbourhoodOf(
  article: NewArticle,
  members: Member[],
  size = ASSIGN_DEFAULTS.neighbourhoodSize,
): Neighbourhood {
  return new Neighbourhood([article, ...[...members].sort((a, b) => b.cos - a.cos || a.seq - b.seq).slice(0, size)]);
}

/** Each member's same-story probability with the new article, most probable first. */
export function scoreMembers(
  article: NewArticle,
  members: Member[],
  hood: Neighbourhood,
  model: PairModel = PAIR_MODEL,
): Scored[] {
  return members
    .map((m) => {
      const features = pairFeatures(article, m, m.cos, m.names, m.overlap, hood);
      return { member: m, features, p: probability(features, m.overlap, model, article, m) };
    })
    .sort((a, b) => b.p - a.p || a.member.seq - b.member.seq);
}

/** The stories some scored member of which reaches the join probability: the stories the article is close to. */
export function touchedStories(scored: Scored[], options: Partial<AssignOptions> = {}): string[] {
  const p = options.joinProbability ?? ASSIGN_DEFAULTS.joinProbability;
  return [...new Set(scored.filter((s) => s.p >= p).map((s) => s.member.storyId))];
}

/**
 * Where a new article goes, from its scored members (`scoreMembers`): the look-up's candidates and the other members
 * of the small stories it touches. `complete` says of each story whether the scored members hold all of it (only
 * such stories are clustered again).
 */
export function assign(
  article: NewArticle,
  scored: Scored[],
  complete: ReadonlySet<string>,
  hood: Neighbourhood,
  options: Partial<AssignOptions> = {},
): Assignment {
  const o = { ...ASSIGN_DEFAULTS, ...options };
  const model = o.model;
  const byStory = new Map<string, Scored[]>();
  for (const s of scored) {
    const list = byStory.get(s.member.storyId);
    if (list) list.push(s);
    else byStory.set(s.member.storyId, [s]);
  }
  // Stories the article is close to: some member reaches the join probability.
  const touched = [...byStory.entries()].filter(([, list]) => list[0].p >= o.joinProbability);
  const none: Assignment = { score: 1, members: [], merge: [], moves: [], scored, reclustered: false };
  if (touched.length === 0) return none;
  const total = touched.reduce((n, [, list]) => n + list.length, 0);
  if (touched.length >= 2 && total + 1 <= o.reclusterMax && touched.every(([id]) => complete.has(id)))
    return recluster(touched, scored, hood, o, model);
  // Join the story with the highest mean; merge another touched story only where the article and a sample of the
  // two stories' members say, on average, that they are one.
  const ranked = touched
    .filter(([, list]) => !list.some(cannotShare))
    .map(([id, list]) => ({ id, list, score: mean(list.map((s) => s.p)) }))
    .sort((a, b) => b.score - a.score || a.list[0].member.seq - b.list[0].member.seq);
  const best = ranked[0];
  if (!best || best.score < o.joinProbability) return none;
  const merge: string[] = [];
  for (const other of ranked.slice(1)) {
    if (other.score < o.joinProbability) continue;
    const cross = crossMean(best.list, other.list, hood, model);
    if (cross >= o.joinProbability) merge.push(other.id);
  }
  return {
    storyId: best.id,
    score: best.score,
    members: best.list,
    merge,
    moves: [],
    scored,
    reclustered: false,
  };
}

/** Members of two stories compared pairwise, at most this many of each (the most probable with the article). */
const CROSS_SAMPLE = 8;

/** Mean same-story probability between members of two stories; 0 when two of them cannot share a story. */
function crossMean(a: Scored[], b: Scored[], hood: Neighbourhood, model: PairModel): number {
  const ps: number[] = [];
  for (const x of a.slice(0, CROSS_SAMPLE))
    for (const y of b.slice(0, CROSS_SAMPLE)) {
      const e = memberPair(x.member, y.member, hood, model);
      if (cannotShare(e)) return 0;
      ps.push(e.p);
    }
  return mean(ps);
}

/** Same-story probability of two stored members (the new article is not one of them). */
export function pairProbability(x: Member, y: Member, hood: Neighbourhood, model: PairModel = PAIR_MODEL): number {
  return memberPair(x, y, hood, model).p;
}

/** Same-story probability of two stored members, and the features it rests on. */
function memberPair(
  x: Member,
  y: Member,
  hood: Neighbourhood,
  model: PairModel,
): { p: number; features: Float64Array } {
  const ov = overlap(x.shingles, y.shingles);
  const f = pairFeatures(
    x,
    y,
    cosine(x.terms, x.weights, y.terms, y.weights),
    nameCosine(x.terms, x.weights, y.terms, y.weights),
    ov,
    hood,
    new Float64Array(PAIR_FEATURES.length),
  );
  return { p: probability(f, ov, model, x, y), features: f };
}

/**
 * The article and the members of the stories it touches, clustered again by average linkage. The cluster that holds
 * the article is its story: it keeps the id of the story most of its members came from, and every other story all of
 * whose members are in it merges into it. Members of a touched story that land elsewhere move: to the article's
 * story, or, when they land apart from it, to a cluster that keeps their old story id where most of that story went
 * with them (then the others move out of it), else to a new story of their own.
 */
function recluster(
  touched: Array<[string, Scored[]]>,
  scored: Scored[],
  hood: Neighbourhood,
  o: AssignOptions,
  model: PairModel,
): Assignment {
  const nodes: Scored[] = touched.flatMap(([, list]) => list);
  const n = nodes.length + 1;
  const sim = Array.from({ length: n }, () => new Float64Array(n));
  const apart = Array.from({ length: n }, () => new Uint8Array(n));
  for (let i = 0; i < nodes.length; i++) {
    sim[0][i + 1] = sim[i + 1][0] = nodes[i].p;
    apart[0][i + 1] = apart[i + 1][0] = Number(cannotShare(nodes[i]));
    for (let j = i + 1; j < nodes.length; j++) {
      const e = memberPair(nodes[i].member, nodes[j].member, hood, model);
      sim[i + 1][j + 1] = sim[j + 1][i + 1] = e.p;
      apart[i + 1][j + 1] = apart[j + 1][i + 1] = Number(cannotShare(e));
    }
  }
  for (let i = 0; i < n; i++) sim[i][i] = 1;
  const label = averageLink(sim, o.joinProbability, (i, j) => apart[i][j] === 1);
  const groups = new Map<number, number[]>();
  label.forEach((l, i) => groups.set(l, [...(groups.get(l) ?? []), i]));
  // Each group takes the story id most of its members had, the largest groups first, one id per group.
  const taken = new Set<string>();
  const idOf = new Map<number, string | undefined>();
  const order = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  for (const [l, idx] of order) {
    const votes = new Map<string, number>();
    for (const i of idx)
      if (i > 0) votes.set(nodes[i - 1].member.storyId, (votes.get(nodes[i - 1].member.storyId) ?? 0) + 1);
    const pick = [...votes.entries()]
      .filter(([id]) => !taken.has(id))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    idOf.set(l, pick?.[0]);
    if (pick) taken.add(pick[0]);
  }
  const home = label[0];
  const storyId = idOf.get(home);
  const inHome = groups
    .get(home)!
    .filter((i) => i > 0)
    .map((i) => nodes[i - 1]);
  const merge: string[] = [];
  const moves: Assignment['moves'] = [];
  // A touched story whose members all land in one group other than its own id's moves whole: a merge when that group is
  // the article's.
  for (const [id, list] of touched) {
    const places = new Set(list.map((s) => label[nodes.indexOf(s) + 1]));
    if (places.size === 1) {
      const [l] = places;
      if (idOf.get(l) === id) continue;
      if (l === home && storyId !== undefined) {
        merge.push(id);
        continue;
      }
    }
    for (const s of list) {
      const l = label[nodes.indexOf(s) + 1];
      const to = idOf.get(l);
      if (to === id) continue;
      const ps = groups
        .get(l)!
        .filter((i) => i !== nodes.indexOf(s) + 1)
        .map((i) => sim[nodes.indexOf(s) + 1][i]);
      moves.push({
        id: s.member.id,
        from: id,
        to: l === home ? undefined : (to ?? `group:${l}`),
        score: ps.length ? mean(ps) : 1,
      });
    }
  }
  return {
    storyId,
    score: inHome.length ? mean(inHome.map((s) => s.p)) : 1,
    members: inHome.sort((a, b) => b.p - a.p),
    merge,
    moves,
    scored,
    reclustered: true,
  };
}
