import type { Overlap } from '../model/index.js';
import { overlap } from '../match/verify.js';
import { has } from './subject.js';
import { firstName, NAME_BIT, nameNorm } from './terms.js';

/**
 * Online same-story decisions. An incoming article joins the story of the earlier article it is closest to, by
 * text reuse (exact shingle overlap) or, failing that, by same-event similarity (salient words, names, figures and
 * years) within a time window, measured against each candidate story's profile (the centroid of its members that
 * the look-up retrieved) rather than against single members; stories it reuses text from are merged. Thresholds are named here with where they
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
/**
 * Same-event similarity that partial reuse (REUSE_CONTAINMENT up to STRONG_REUSE_CONTAINMENT) also needs: a shared
 * passage joins two articles only when they are about the same thing; below it an article may still join as the same
 * event (SAME_EVENT_SIMILARITY against the story's profile), which never merges stories. .3 (SAME_EVENT_SIMILARITY) at
 * first. Corpus-10k BCubed / pairwise F1 at .3/.4/.5: .847/.580, .854/.673, .854/.679; the first 60,000 of corpus-1M,
 * largest story 11,685 / 2,114 / 881 articles, BCubed .669/.694/.704. ECB+ dev (.857), METER (.648) and Reuters-21578
 * (279/279 exact groups, largest story 51) the same at all three.
 */
export const REUSE_TOPICAL = 0.5;
/** Cosine of salient-term vectors above which two articles report the same event. */
export const SAME_EVENT_SIMILARITY = 0.3;
/**
 * Reports of one event cluster in time; beyond this gap two similar articles are more likely two events of the same
 * kind (two earthquakes in one region, two statements on one city years apart).
 */
export const MAX_EVENT_GAP_DAYS = 10;
/** How fast same-event similarity fades past the gap: multiplied per further gap length. */
export const GAP_PENALTY = 0.5;
/**
 * Reports of one event in one news cycle: within this many days of a story's member an article joins on the usual
 * evidence. Half a day: a daily series files its items at about the same hours each day, so each day's first item is
 * well over half a day from the day before's last (Reuters-21578: at least 17 h for the U.K. money-market notices,
 * 23.7 h for the Fed's repurchase items). Not tuned further: the corpora without dates (ECB+ dev, the generated one)
 * cannot tell, and a day or more would let a daily series through.
 */
export const NEAR_EVENT_DAYS = 0.5;
/**
 * Same-event similarity an article needs to join a story none of whose matched members is within NEAR_EVENT_DAYS:
 * a later report of one event is a follow-up that names it again, a series item written to the same formula is the
 * next day's figures. Reuters-21578 largest story at .5/.6/.7: 60/59/56 (119 before); of 20 cross-day joins read
 * that had scored .6 or more, 8 were one event, of 20 that had scored .45–.6 only a few.
 */
export const LATER_EVENT_SIMILARITY = 0.6;
/**
 * Containment that is reuse across news cycles (past NEAR_EVENT_DAYS): a repeat or a correction. Of 25 cross-day
 * reuse joins sampled on Reuters-21578, series items of different days (copper and heating oil prices, weekly
 * output, money-market notices) shared .2–.6 of their shingles, repeats .8 and more (monthly tables, which repeat
 * unchanged rows, reach .8 too: the figure test below is the guard there).
 */
export const NEAR_COPY_CONTAINMENT = 0.8;

export interface Neighbour {
  id: string;
  seq: number;
  storyId: string;
  publishedAt?: string;
  overlap: Overlap;
  /**
   * Positions (ascending) of the new article's shingles this neighbour carries, boilerplate left out (boilerplate.ts
   * reuseMatches): two neighbours with positions in common carry the same passage of the article.
   */
  passage?: Uint32Array;
  topical: number;
  /** Cosine of the name and figure terms alone (see terms.ts nameCosine). */
  names: number;
  /** The neighbour's salient terms and unit weights (sorted by term), for the story profile. */
  terms?: Uint32Array;
  weights?: Float32Array;
}

/** A new article's salient terms and unit weights, as `weigh` gives them. */
export interface ArticleTerms {
  terms: Uint32Array;
  weights: Float32Array;
  /**
   * The article's distinctive terms (terms.ts distinctTerms), sorted. When given, a story is a same-event match only
   * if one of its retrieved members shares at least one of them: two notices written to one formula share all their
   * common words and figures but not the company they are about.
   */
  distinct?: Uint32Array;
  /** The article's title terms (subject.ts titleTerms), sorted. */
  title?: Uint32Array;
  /** The article's figure terms (subject.ts figureTerms), sorted. */
  figures?: Uint32Array;
}

/**
 * Reuse that makes one story: most of one side is the other's text, or a smaller share together with a shared
 * subject. A shared background paragraph or a recycled sentence alone does not join two stories (outlets reuse
 * boilerplate across unrelated reports; on the generated corpus, joining on 20% containment alone dropped BCubed
 * precision on 5,000 articles from .835 to .692).
 */
export function isReuse(o: Overlap, topical: number, gap?: number): boolean {
  const c = Math.max(o.containmentA, o.containmentB);
  if (o.shared < MIN_SHARED_SHINGLES) return false;
  if (gap !== undefined && gap > NEAR_EVENT_DAYS)
    return c >= NEAR_COPY_CONTAINMENT || (c >= REUSE_CONTAINMENT && topical >= LATER_EVENT_SIMILARITY);
  return c >= STRONG_REUSE_CONTAINMENT || (c >= REUSE_CONTAINMENT && topical >= REUSE_TOPICAL);
}

/** Parsed dates (Date.parse is a pure function of the string); started again empty past DATE_MEMO_SIZE entries. */
const DATE_MEMO_SIZE = 50_000;
const dateMemo = new Map<string, number>();

function parseDate(s: string): number {
  let t = dateMemo.get(s);
  if (t === undefined) {
    t = Date.parse(s);
    if (dateMemo.size >= DATE_MEMO_SIZE) dateMemo.clear();
    dateMemo.set(s, t);
  }
  return t;
}

export function gapDays(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const ta = parseDate(a);
  const tb = parseDate(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return undefined;
  return Math.abs(ta - tb) / 86_400_000;
}

/**
 * Cosine of the salient words (names included) below which two texts are not one event, however alike their names
 * alone are: the same company, ministry or mailing list in two unrelated items ("IBM Australia issues a eurobond" and
 * "IBM closer to laser chip testing", a list's footer and a signature on two e-mails). The names half of the score
 * (NAME_WEIGHT) carried such pairs past SAME_EVENT_SIMILARITY. Reuters-21578: the gate takes 36 same-event joins out
 * (2,164 -> 2,151 stories of 2+); of 25 read by hand none was one event. First 10,000 of corpus-1M (bench chaining):
 * wrong same-event joins 1,230 -> 1,071, BCubed .852 -> .863. ECB+ dev unchanged at .2 (.857), .855 at .25;
 * METER unchanged.
 */
export const MIN_EVENT_TOPICAL = 0.2;

/**
 * Same-event similarity of words and names, after the time penalty for a gap in days: 0 below MIN_EVENT_TOPICAL, and
 * past NEAR_EVENT_DAYS below LATER_EVENT_SIMILARITY.
 */
function penalised(topical: number, names: number, gap: number | undefined): number {
  if (topical < MIN_EVENT_TOPICAL) return 0;
  const base = (1 - NAME_WEIGHT) * topical + NAME_WEIGHT * names;
  if (gap !== undefined && gap > NEAR_EVENT_DAYS && base < LATER_EVENT_SIMILARITY) return 0;
  if (gap === undefined || gap <= MAX_EVENT_GAP_DAYS) return base;
  return base * Math.pow(GAP_PENALTY, gap / MAX_EVENT_GAP_DAYS);
}

/** Same-event similarity after the time penalty. */
export function eventScore(n: Neighbour, publishedAt?: string): number {
  return penalised(n.topical, n.names, gapDays(n.publishedAt, publishedAt));
}

/**
 * A story's profile: the sum of its members' unit term vectors, normalised — the words and names most of its members
 * share weigh most, a term one member alone uses weighs little. Built from the members the candidate look-up
 * retrieved (their sketches are already read), so it costs no story read. Terms sorted ascending, as `cosine` needs.
 */
export function storyProfile(members: ArticleTerms[]): ArticleTerms {
  // A sorted merge of the members' vectors, member by member: each term's sum adds its weights in member order, as a
  // map keyed by term did. The norm is summed in the order such a map first saw the terms (by the member that first
  // has the term, then by term), so the weights are bit for bit the same.
  let total = 0;
  for (const m of members) total += m.terms.length;
  if (profileScratch.at.length < total)
    profileScratch = newProfileScratch(Math.max(total, 2 * profileScratch.at.length));
  let { at, as, af, bt, bs, bf } = profileScratch;
  let n = 0;
  for (let f = 0; f < members.length; f++) {
    const mt = members[f].terms;
    const mw = members[f].weights;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < n && j < mt.length) {
      const x = at[i];
      const y = mt[j];
      if (x === y) {
        bt[k] = x;
        bs[k] = as[i] + mw[j];
        bf[k++] = af[i];
        i++;
        j++;
      } else if (x < y) {
        bt[k] = x;
        bs[k] = as[i];
        bf[k++] = af[i++];
      } else {
        bt[k] = y;
        bs[k] = 0 + mw[j++];
        bf[k++] = f;
      }
    }
    while (i < n) {
      bt[k] = at[i];
      bs[k] = as[i];
      bf[k++] = af[i++];
    }
    while (j < mt.length) {
      bt[k] = mt[j];
      bs[k] = 0 + mw[j++];
      bf[k++] = f;
    }
    n = k;
    [at, bt] = [bt, at];
    [as, bs] = [bs, as];
    [af, bf] = [bf, af];
  }
  // Positions in first-seen order: a stable counting sort by first member keeps term order within a member.
  const nm = members.length;
  const first = new Int32Array(nm + 1);
  for (let i = 0; i < n; i++) first[af[i] + 1]++;
  for (let f = 0; f < nm; f++) first[f + 1] += first[f];
  const order = bf.length >= n ? bf : new Int32Array(n);
  for (let i = 0; i < n; i++) order[first[af[i]]++] = i;
  let norm = 0;
  for (let o = 0; o < n; o++) {
    const v = as[order[o]];
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) weights[i] = as[i] / norm;
  const terms = at.slice(0, n);
  if (total > PROFILE_SCRATCH_KEEP) profileScratch = newProfileScratch(1024);
  return { terms, weights };
}

/** Merge buffers of storyProfile, reused between calls; one larger than this many terms is not kept. */
const PROFILE_SCRATCH_KEEP = 1 << 16;
function newProfileScratch(size: number) {
  return {
    at: new Uint32Array(size),
    as: new Float64Array(size),
    af: new Int32Array(size),
    bt: new Uint32Array(size),
    bs: new Float64Array(size),
    bf: new Int32Array(size),
  };
}
let profileScratch = newProfileScratch(1024);

/**
 * `cosine` and `nameCosine` of a stored vector `a` against the new article's `b` in one merge pass, into `out[0]` and
 * `out[1]`: the name terms (high bit set) are the tail of each sorted array, so the name dot product adds, in the same
 * order, the products of the matches at or past NAME_BIT. `bNames` is the sum of the squared weights of b's name terms
 * (as nameCosine sums them), computed once per article.
 */
export function neighbourCosines(
  at: Uint32Array,
  aw: Float32Array,
  bt: Uint32Array,
  bw: Float32Array,
  bNames: number,
  out: Float64Array,
): void {
  let i = 0;
  let j = 0;
  let dot = 0;
  let nameDot = 0;
  const na = at.length;
  const nb = bt.length;
  // The steps are branch-free (which side is behind is unpredictable); a match, rarer, branches.
  while (i < na && j < nb) {
    const x = at[i];
    const y = bt[j];
    if (x === y) {
      const p = aw[i] * bw[j];
      dot += p;
      if (x >= NAME_BIT) nameDot += p;
    }
    i += +(x <= y);
    j += +(y <= x);
  }
  out[0] = dot;
  const aNames = nameNorm(at, aw);
  out[1] = aNames === 0 || bNames === 0 ? 0 : nameDot / Math.sqrt(aNames * bNames);
}

/**
 * Share of the article-to-profile cosine that distinctive terms must give before a story counts as the same event:
 * the names and rare words that say which company, place or person it is. Two notices written to one formula score
 * high on their common words alone; here they score near 0. Chosen on Reuters-21578 (dividend and earnings notices)
 * and checked not to cost the ECB+ dev topics (BENCHMARKS.md).
 */
export const MIN_DISTINCT_DOT = 0.02;

/** Dot product of the article and a profile over the article's distinctive terms only. */
export function distinctDot(profile: ArticleTerms, article: ArticleTerms, distinct: Uint32Array): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  let k = 0;
  const at = article.terms;
  const pt = profile.terms;
  while (i < at.length && j < pt.length) {
    if (at[i] === pt[j]) {
      const t = at[i];
      while (k < distinct.length && distinct[k] < t) k++;
      if (k < distinct.length && distinct[k] === t) dot += article.weights[i] * profile.weights[j];
      i++;
      j++;
    } else if (at[i] < pt[j]) i++;
    else j++;
  }
  return dot;
}

/** Do two sorted term arrays share a term? (A merge that stops at the first.) */
function sharesTerm(a: Uint32Array, b: Uint32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) return true;
    i += +(x < y);
    j += +(y < x);
  }
  return false;
}

/**
 * Same-event score of a new article against each candidate story: words and names against the story's profile
 * (centroid), the time penalty from the story's member closest in time. On the ECB+ dev topics this beat the best
 * single member (BCubed F1 .868 vs .852 in an offline replica of the online run; BENCHMARKS.md): one member that
 * happens to share a topic's vocabulary no longer pulls in the other event of the topic, and an article that is
 * close to the story as a whole joins it even when no single member is close enough. A story none of whose members is
 * within NEAR_EVENT_DAYS is left out unless it carries the article's figures (`carriesFigures`), and always for an item
 * of a series (`series`, see SERIES_CYCLES).
 */
export function storyScores(
  neighbours: Neighbour[],
  article: ArticleTerms,
  publishedAt: string | undefined,
  series = false,
): Map<string, number> {
  const byStory = new Map<string, Neighbour[]>();
  for (const n of neighbours) {
    const list = byStory.get(n.storyId);
    if (list) list.push(n);
    else byStory.set(n.storyId, [n]);
  }
  const out = new Map<string, number>();
  // The profile's cosine and name cosine against the article (terms.ts cosine, nameCosine) in one pass.
  const articleNames = nameNorm(article.terms, article.weights);
  const cos = new Float64Array(2);
  for (const [id, members] of byStory) {
    const distinct = article.distinct;
    if (distinct && !members.some((m) => m.terms && sharesTerm(m.terms, distinct))) continue;
    const withTerms = withTermsOf(members);
    const gap = closestGap(members, publishedAt);
    if (gap !== undefined && gap > NEAR_EVENT_DAYS && (series || !carriesFigures(article, members))) continue;
    if (withTerms.length === 0) {
      out.set(id, bestMemberScore(members, publishedAt));
      continue;
    }
    if (!subjectCarried(article, members)) continue;
    const p = storyProfile(withTerms);
    if (article.distinct && distinctDot(p, article, article.distinct) < MIN_DISTINCT_DOT) continue;
    out.set(id, profileScore(p, article, articleNames, gap, cos));
  }
  return out;
}

/** The members that carry their salient terms (all the engine passes; a caller may leave them out). */
function withTermsOf(members: Neighbour[]): Array<Neighbour & ArticleTerms> {
  return members.filter((m): m is Neighbour & ArticleTerms => !!m.terms && !!m.weights);
}

/** Days from the article to the member closest to it in time, of those with a date; undefined for none. */
function closestGap(members: Neighbour[], publishedAt: string | undefined): number | undefined {
  let gap: number | undefined;
  for (const m of members) {
    const g = gapDays(m.publishedAt, publishedAt);
    if (g !== undefined && (gap === undefined || g < gap)) gap = g;
  }
  return gap;
}

/** Same-event score against the best single member, for members without terms. */
function bestMemberScore(members: Neighbour[], publishedAt: string | undefined): number {
  return Math.max(...members.map((m) => eventScore(m, publishedAt)));
}

/**
 * Same-event score of the article against a story's profile (words and names in one pass, `neighbourCosines`), after
 * the time penalty for `gap`. `articleNames` is nameNorm of the article; `cos` a scratch pair.
 */
function profileScore(
  p: ArticleTerms,
  article: ArticleTerms,
  articleNames: number,
  gap: number | undefined,
  cos: Float64Array,
): number {
  neighbourCosines(p.terms, p.weights, article.terms, article.weights, articleNames, cos);
  return penalised(cos[0], cos[1], gap);
}

/**
 * A short article (fewer salient terms than this) is a formulaic item whose body may not name its subject: wire
 * dividend, earnings and offering notices ("Qtly div 15 cts vs 15 cts prior Pay April 1 Record March 13"), where only
 * the title says which company. Chosen on Reuters-21578 with ECB+ dev checked: 30 → largest story 240 (ECB+ BCubed F1
 * .861), 40 → 119 (.857), gate off → 541 (.865); half of Reuters items and 16% of ECB+ documents are under 40 terms.
 */
export const SHORT_ARTICLE_TERMS = 40;
/**
 * The title terms of a short article that stand for its subject: its SUBJECT_TERMS heaviest ones (TF-IDF weight, so
 * the company name and ticker before "sets", "quarterly", "dividend"). Reuters-21578: 3 and 5 gave the same largest
 * story (on 4,000 items 27 vs 35); ECB+ dev .857 vs .858.
 */
export const SUBJECT_TERMS = 3;
/**
 * Share of the subject's weight (squared weights) a story must carry before a short titled article may join it, by
 * reuse or as the same event. .5: a story carrying the company name or ticker passes, one sharing only "dividend"
 * does not (Reuters-21578, 4,000 items: .4 → 161 ticker-mixed members, .5 → 139; ECB+ dev F1 .862 vs .858 at 5 terms).
 */
export const MIN_SUBJECT_SHARE = 0.5;

/** Identical shingle sets (both containments 1): the same text, one story whatever the titles say. */
function identical(o: Overlap): boolean {
  return o.containmentA >= 1 && o.containmentB >= 1;
}

/**
 * Share of the article's title subject that the members carry: of the article's SUBJECT_TERMS heaviest title terms,
 * the squared weight of those some member also has.
 */
export function subjectCoverage(article: ArticleTerms, members: Array<{ terms?: Uint32Array }>): number {
  const title = article.title ?? new Uint32Array(0);
  const idx = Array.from(article.terms.keys())
    .filter((i) => has(title, article.terms[i]))
    .sort((x, y) => article.weights[y] - article.weights[x] || article.terms[x] - article.terms[y])
    .slice(0, SUBJECT_TERMS);
  return carriedShare(article, idx, members);
}

/** Of the article's terms at these positions, the share of squared weight that some member also has; 1 for none. */
function carriedShare(article: ArticleTerms, idx: Iterable<number>, members: Array<{ terms?: Uint32Array }>): number {
  let all = 0;
  let got = 0;
  for (const i of idx) {
    const w = article.weights[i] * article.weights[i];
    all += w;
    const t = article.terms[i];
    if (members.some((m) => m.terms && has(m.terms, t))) got += w;
  }
  return all > 0 ? got / all : 1;
}

/**
 * The heaviest name term of the article's title (a capitalised word the body also writes as a name; figures left
 * out), or undefined: the company, country or place a short formulaic item is about.
 */
export function titleName(article: ArticleTerms): number | undefined {
  const title = article.title;
  if (!title) return undefined;
  const figures = article.figures ?? new Uint32Array(0);
  let best = -1;
  for (let i = firstName(article.terms); i < article.terms.length; i++) {
    const t = article.terms[i];
    if (!has(title, t) || has(figures, t)) continue;
    if (best < 0 || article.weights[i] > article.weights[best]) best = i;
  }
  return best < 0 ? undefined : article.terms[best];
}

/**
 * May the article join a story of these members? Always, unless it is short and titled: then the members must carry
 * its title subject (MIN_SUBJECT_SHARE), and either its title's heaviest name (`titleName`) or its figures
 * (MIN_LATER_FIGURE_SHARE, as across news cycles). Two companies' notices written to one formula share their body,
 * not their name; two countries' crop estimates or two issuers' bonds of one day share the formula and the kind of
 * subject ("USDA estimates ... wheat crop") but not the name nor the amounts. The second condition took 16 Reuters-21578
 * articles out of the stories they had joined, 12 or 13 of them rightly (Canada's and New Zealand's retail sales, the
 * Toledo and Chicago wheat stocks, two building societies' issues; wrongly Gould's unit sale and its completion);
 * ECB+ dev unchanged (.857). A long article names its subject in the body, and the same-event score already weighs
 * names there.
 */
export function subjectCarried(article: ArticleTerms | undefined, members: Array<{ terms?: Uint32Array }>): boolean {
  if (!article?.title || article.title.length === 0 || article.terms.length >= SHORT_ARTICLE_TERMS) return true;
  if (subjectCoverage(article, members) < MIN_SUBJECT_SHARE) return false;
  const name = titleName(article);
  if (name === undefined || members.some((m) => m.terms && has(m.terms, name))) return true;
  return carriesFigures(article, members);
}

/**
 * Share of its figures (by squared weight) an article published past NEAR_EVENT_DAYS from a story's members must find
 * in them to join it. A later report of one event or a repeat restates its figures; the next item of a daily or
 * weekly series is written to the formula of the one before with that day's amounts (the Bank of England's
 * money-market notices, weekly grain and output figures). Reuters-21578 largest story at .3/.5/.7: 66/58/56; without
 * the test 71. Not applied within a news cycle: on the ECB+ dev topics, where reports of one event cite different
 * figures, even a share of .05 asked of every join dropped BCubed F1 from .857 to .758.
 */
export const MIN_LATER_FIGURE_SHARE = 0.5;

/**
 * Share of the article's figures (amounts, counts, rates; subject.ts figureTerms leaves years out) that some member
 * carries, by squared weight; 1 when it has none.
 */
export function figureShare(article: ArticleTerms | undefined, members: Array<{ terms?: Uint32Array }>): number {
  const figures = article?.figures;
  if (!article || !figures || figures.length === 0) return 1;
  const idx: number[] = [];
  for (let i = 0; i < article.terms.length; i++) if (has(figures, article.terms[i])) idx.push(i);
  return carriedShare(article, idx, members);
}

/**
 * Do the members carry the article's figures (MIN_LATER_FIGURE_SHARE)? Asked of a story none of whose members is
 * within NEAR_EVENT_DAYS, of a short titled item's story that lacks its title name, and of a series item's partners.
 */
export function carriesFigures(article: ArticleTerms | undefined, members: Array<{ terms?: Uint32Array }>): boolean {
  return figureShare(article, members) >= MIN_LATER_FIGURE_SHARE;
}

/**
 * Earlier news cycles whose articles an item of a series reuses. An article that is partly the text of articles of
 * two or more earlier cycles (past NEAR_EVENT_DAYS from it and from each other), none of which carries its figures
 * (MIN_LATER_FIGURE_SHARE), is the next item of a formula: it joins no story across news cycles, whatever its
 * same-event score. One such cycle is a follow-up that reuses a paragraph; a reprint restates the figures. On
 * Reuters-21578 the rule takes 13 articles out of the stories they had joined, all next items of a series (weekly
 * oil demand, M-1, hog slaughter estimates, French T-bill tenders, copper prices, Freddie Mac rates, the Fed's and
 * the Bank of England's daily operations); largest story 58 -> 51. Counting every such partner, figures carried or
 * not, gave 45 but also took out reprints and follow-ups (Cargill strike talks).
 */
export const SERIES_CYCLES = 2;

/** Is the article the next item of a series (see SERIES_CYCLES)? */
export function seriesItem(neighbours: Neighbour[], publishedAt: string | undefined, article?: ArticleTerms): boolean {
  if (!publishedAt) return false;
  const times: number[] = [];
  for (const n of neighbours) {
    const o = n.overlap;
    if (identical(o) || o.shared < MIN_SHARED_SHINGLES) continue;
    if (Math.max(o.containmentA, o.containmentB) < REUSE_CONTAINMENT) continue;
    const g = gapDays(n.publishedAt, publishedAt);
    if (g === undefined || g <= NEAR_EVENT_DAYS) continue;
    if (carriesFigures(article, [n])) continue;
    times.push(parseDate(n.publishedAt!));
  }
  times.sort((a, b) => a - b);
  let cycles = 0;
  let last = -Infinity;
  for (const t of times) {
    if (t - last > NEAR_EVENT_DAYS * 86_400_000) cycles++;
    last = t;
  }
  return cycles >= SERIES_CYCLES;
}

/**
 * Same-event score (against the story's profile, as `storyScores` gives it) that a second story an article reuses
 * text from must reach before the article merges it into the story it joins; an identical text merges whatever the
 * score. A merge says every article of both stories tells one story, a bigger claim than a join: a wire copy that
 * bridges two outlets' versions is about what both are about, while a long article that carries a short item's
 * sentence or two (a quote, a background line, a pasted brief) is not about that item. Without the test every such
 * sentence chains two stories: on the generated corpus (which pastes sentences of other texts into its versions)
 * one story held 289,293 of 334,589 articles (BENCHMARKS.md "Scale"). Set at REUSE_TOPICAL, the same-event score
 * partial reuse needs to join a story; with REUSE_TOPICAL .3 it took the largest story of the first 60,000 of
 * corpus-1M from 13,237 articles to 11,685 and corpus-10k's pairwise F1 from .484 to .580.
 */
export const MERGE_TOPICAL = REUSE_TOPICAL;

/**
 * What a merge needs of the members it goes through: the article merges two stories only through a member of each
 * that is at least this share the article's text (containment of the member, `Overlap.containmentA`), the two carrying
 * the same passage of the article (this share of the smaller passage in common, `Neighbour.passage`, and at least
 * MIN_SHARED_SHINGLES). A merge says that the two stories are one. A wire copy says so of two outlets' rewrites of it:
 * each rewrite is much of the copy's text, and the same text. A digest, or a spun copy that pastes sentences of other
 * texts, carries one passage of each item, side by side; a short item pasted into a long text is all of the item and
 * a sliver of the long text, which is no more about the item than before. On the generated corpus, whose versions
 * paste sentences of other texts, each such article chained two stories: one story held 444,821 of 842,234 articles
 * (BENCHMARKS.md "Scale"). Set at REUSE_CONTAINMENT, the share of a text that is reuse at all. Largest story of the
 * first 200,000 of corpus-1M: 27,575 articles before; 25,067 with the same passage asked; 9,618 with boilerplate
 * also counted by first story (boilerplate.ts); 4,608 with the members' share asked too (BENCHMARKS.md "Same-story
 * clustering").
 */
export const MERGE_PASSAGE = REUSE_CONTAINMENT;

/** Is this member much of the article's text (MERGE_PASSAGE)? */
function madeOfArticle(n: Neighbour): boolean {
  return n.overlap.containmentA >= MERGE_PASSAGE;
}

/** Do two neighbours carry the same passage of the article (MERGE_PASSAGE)? Without positions, they are taken to. */
function samePassage(a: Neighbour, b: Neighbour): boolean {
  const x = a.passage;
  const y = b.passage;
  if (!x || !y) return true;
  const common = overlap(x, y).shared;
  return common >= Math.max(MIN_SHARED_SHINGLES, MERGE_PASSAGE * Math.min(x.length, y.length));
}

/**
 * Does the article, which reuses text of these members of another story (`reused` of `members`), also tell that
 * story (MERGE_TOPICAL), and carry the same passage of it as of the story it joins (MERGE_PASSAGE, against
 * `through`, its reuse partners there that are much of its text)?
 */
function bridges(
  members: Neighbour[],
  reused: Neighbour[],
  through: Neighbour[],
  article: ArticleTerms,
  publishedAt: string | undefined,
): boolean {
  if (members.some((m) => identical(m.overlap))) return true;
  if (!reused.some((r) => madeOfArticle(r) && through.some((q) => samePassage(r, q)))) return false;
  const withTerms = withTermsOf(members);
  if (withTerms.length === 0) return bestMemberScore(members, publishedAt) >= MERGE_TOPICAL;
  const articleNames = nameNorm(article.terms, article.weights);
  const score = profileScore(
    storyProfile(withTerms),
    article,
    articleNames,
    closestGap(members, publishedAt),
    new Float64Array(2),
  );
  return score >= MERGE_TOPICAL;
}

export interface StoryDecision {
  /** The story the article joins, or undefined for a new story. */
  join?: string;
  /** Other stories to merge into `join` (the article bridges them by reuse). */
  merge: string[];
  /** Neighbours worth a relation, best first. */
  related: Neighbour[];
  /**
   * Why the article joins `join`: reuse of the partner's text (the best reuse partner), or the same event (the
   * story's score against its profile, and the story's best-scoring member). Undefined for a new story.
   */
  why?: { by: 'reuse' | 'event'; partner: Neighbour; score: number };
}

/**
 * Where a new article goes: the story of the best reuse partner if it reuses text, else the candidate story whose
 * profile is most like it (`storyScores`) if that reaches SAME_EVENT_SIMILARITY, else a new story. Without the
 * article's own terms (`article` undefined) stories are scored by their best single member.
 */
export function decideStory(
  neighbours: Neighbour[],
  publishedAt: string | undefined,
  maxRelated: number,
  article?: ArticleTerms,
): StoryDecision {
  const series = seriesItem(neighbours, publishedAt, article);
  const later = new Map<string, boolean>();
  const laterOk = (storyId: string) => {
    if (series) return false;
    let ok = later.get(storyId);
    if (ok === undefined) {
      ok = carriesFigures(
        article,
        neighbours.filter((m) => m.storyId === storyId),
      );
      later.set(storyId, ok);
    }
    return ok;
  };
  const scored = neighbours
    .map((n) => {
      const event = eventScore(n, publishedAt);
      const gap = gapDays(n.publishedAt, publishedAt);
      const crossCycle = gap !== undefined && gap > NEAR_EVENT_DAYS && !identical(n.overlap);
      return {
        n,
        reuse:
          isReuse(n.overlap, event, gap) &&
          (!crossCycle || laterOk(n.storyId)) &&
          (identical(n.overlap) || subjectCarried(article, [n])),
        event,
      };
    })
    .sort((x, y) => Number(y.reuse) - Number(x.reuse) || y.event - x.event || x.n.seq - y.n.seq);
  const reuse = scored.filter((s) => s.reuse);
  let join: string | undefined = reuse[0]?.n.storyId;
  let why: StoryDecision['why'] = reuse[0] && { by: 'reuse', partner: reuse[0].n, score: reuse[0].event };
  if (join === undefined) {
    const stories = article
      ? storyScores(neighbours, article, publishedAt, series)
      : new Map(scored.map((s) => [s.n.storyId, s.event] as const).reverse());
    let best = SAME_EVENT_SIMILARITY;
    // Ties go to the story of the earliest best-scoring member, as the order of `scored` gives.
    for (const s of scored) {
      const v = stories.get(s.n.storyId) ?? 0;
      if (v > best || (v === best && join === undefined)) {
        best = v;
        join = s.n.storyId;
        why = { by: 'event', partner: s.n, score: v };
      }
    }
  }
  if (join === undefined) return { merge: [], related: [] };
  const reuseStories = new Set(reuse.map((s) => s.n.storyId));
  reuseStories.delete(join);
  if (article) {
    const through = reuse.map((s) => s.n).filter((n) => n.storyId === join && madeOfArticle(n));
    for (const id of reuseStories) {
      const members = neighbours.filter((n) => n.storyId === id);
      const reused = reuse.filter((s) => s.n.storyId === id).map((s) => s.n);
      if (!bridges(members, reused, through, article, publishedAt)) reuseStories.delete(id);
    }
  }
  const inStory = new Set([join, ...reuseStories]);
  const related = scored
    .filter((s) => inStory.has(s.n.storyId))
    .map((s) => s.n)
    .slice(0, maxRelated);
  return { join, merge: [...reuseStories].sort(), related, why };
}
