import type { EventTime, Overlap } from '../model/index.js';
import { firstName, NAME_BIT, nameNorm } from './terms.js';
import { knownLanguage } from '../model/index.js';

/**
 * Evidence that two articles tell the same story, as numbers a learned scorer weighs (`scorer.ts`). Each feature is
 * cheap to compute from what the candidate look-up already reads of a stored article (its salient terms and weights,
 * its shingles, its figures and its event time), so the engine can score every candidate and re-score a handful of
 * stories among themselves.
 */

/** What one side of a pair brings. */
export interface PairSide {
  terms: Uint32Array;
  weights: Float32Array;
  /** Figure terms (amounts, counts; years left out), sorted. */
  figures: Uint32Array;
  eventTime: EventTimeCue;
  /** The text's language (ISO 639-3; `und` or absent: not known). */
  language?: string;
}

/** The part of an article's event time the scorer reads (stored with the article's sketch). */
export type EventTimeCue = Pick<EventTime, 'lo' | 'hi' | 'day' | 'named' | 'basis' | 'years'>;

/** The names of the features, in the order `pairFeatures` gives them (the scorer's weights follow this order). */
export const PAIR_FEATURES = [
  'cosine',
  'nameCosine',
  'containmentMax',
  'containmentMin',
  'figureAgreement',
  'localCosine',
  'localNameCosine',
  'yearGap',
  'publishedGap',
  'textDayGap',
  'timesApart',
  'reportedAfter',
  'namesDisjoint',
  'sharedNames',
] as const;
// Every feature reads 0 where its evidence is missing (no figures, no dates, no years): "nothing known" must weigh
// nothing. Indicators of missing evidence were tried and dropped: which evidence is missing depends on the corpus
// (one has every date, another none), so their weights learned which corpus a pair came from, not whether it is one
// story, and gave a bonus to any two dated pages.

export type PairFeatureName = (typeof PAIR_FEATURES)[number];

/**
 * The features that read words and runs of words, which do not survive translation. The others mean the same across
 * two languages: names and figures (text/foreign.ts gives a French "Syrie" the term of "Syria"), dates and times. A
 * pair in two languages is scored by a model fitted on those alone (`PairModel.crossLingual`).
 */
const WORD_FEATURES: ReadonlySet<PairFeatureName> = new Set([
  'cosine',
  'containmentMax',
  'containmentMin',
  'localCosine',
]);
export const CROSS_LINGUAL_FEATURES: readonly PairFeatureName[] = PAIR_FEATURES.filter((f) => !WORD_FEATURES.has(f));

/** Are the two texts in two different languages, both known? */
export function crossLingual(a: { language?: string }, b: { language?: string }): boolean {
  return knownLanguage(a.language) && knownLanguage(b.language) && a.language !== b.language;
}

/** A side's terms' idf under one neighbourhood (in the order of its terms) and its squared norms under that idf. */
interface SideIdf {
  idf: Float64Array;
  /** Over all its terms. */
  all: number;
  /** Over its name terms only. */
  names: number;
}

/**
 * Document frequencies of the terms of an article's neighbourhood: the articles the look-up found for it. Terms that
 * most of them carry are what the whole neighbourhood is about (the company, the mission, the trial): within it they
 * do not tell one event from another, the terms only some carry do ("terminated", "sentenced", "Frazier Park").
 */
export class Neighbourhood {
  readonly size: number;
  /**
   * The idf of each term the neighbourhood carries, in an open-addressing table (linear probing; a Map of numbers
   * was most of the cost of the pair features): `keys[k]` the term when `filled[k]`, `idfs[k]` its idf.
   */
  private readonly keys: Uint32Array;
  private readonly idfs: Float64Array;
  private readonly filled: Uint8Array;
  private readonly mask: number;
  private readonly shift: number;
  /** The idf of a term none of the neighbourhood carries. */
  private readonly absent: number;
  /** Each side's idf and norms under this neighbourhood: an article meets many members. */
  private readonly sides = new WeakMap<object, SideIdf>();

  constructor(members: Array<{ terms: Uint32Array }>) {
    this.size = members.length;
    let total = 0;
    for (const m of members) total += m.terms.length;
    let bits = 4;
    while (1 << bits < total + (total >> 1)) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.keys = new Uint32Array(1 << bits);
    this.idfs = new Float64Array(1 << bits);
    this.filled = new Uint8Array(1 << bits);
    // Document frequencies first (counted in idfs), then turned into idf in place.
    for (const m of members) {
      const terms = m.terms;
      for (let k = 0; k < terms.length; k++) this.idfs[this.slot(terms[k])]++;
    }
    for (let k = 0; k < this.idfs.length; k++)
      if (this.filled[k]) this.idfs[k] = Math.log((this.size + 1) / (this.idfs[k] + 0.5));
    this.absent = Math.log((this.size + 1) / 0.5);
  }

  /** The slot of term `t`, taken for it if it has none. */
  private slot(t: number): number {
    let k = Math.imul(t, 0x9e3779b1) >>> this.shift;
    while (this.filled[k] && this.keys[k] !== t) k = (k + 1) & this.mask;
    if (!this.filled[k]) {
      this.filled[k] = 1;
      this.keys[k] = t;
    }
    return k;
  }

  /** Inverse frequency of a term in the neighbourhood (a term none of it carries weighs most). */
  idf(t: number): number {
    let k = Math.imul(t, 0x9e3779b1) >>> this.shift;
    while (this.filled[k]) {
      if (this.keys[k] === t) return this.idfs[k];
      k = (k + 1) & this.mask;
    }
    return this.absent;
  }

  /** A side's idf per term and its norms, computed once per side. */
  side(side: PairSide): SideIdf {
    let s = this.sides.get(side);
    if (!s) {
      const idf = new Float64Array(side.terms.length);
      let all = 0;
      let names = 0;
      for (let k = 0; k < side.terms.length; k++) {
        idf[k] = this.idf(side.terms[k]);
        const x = side.weights[k] * idf[k];
        all += x * x;
        if (side.terms[k] >= NAME_BIT) names += x * x;
      }
      s = { idf, all, names };
      this.sides.set(side, s);
    }
    return s;
  }

  /** Squared norm of a side's weights times idf, over all its terms or its name terms only. */
  norm2(side: PairSide, namesOnly: boolean): number {
    const s = this.side(side);
    return namesOnly ? s.names : s.all;
  }
}

/**
 * Cosine of two term vectors after each weight is multiplied by the term's neighbourhood idf; with `namesOnly`, over
 * the name and figure terms alone.
 */
export function localCosine(a: PairSide, b: PairSide, hood: Neighbourhood, namesOnly = false): number {
  const out = new Float64Array(2);
  localCosines(a, b, hood, out, 0);
  return out[namesOnly ? 1 : 0];
}

/**
 * `localCosine` over all terms into `out[at]` and over the name terms into `out[at + 1]`, in one merge pass: each
 * dot product adds the same products in the same order as its own pass would.
 */
function localCosines(a: PairSide, b: PairSide, hood: Neighbourhood, out: Float64Array, at: number): void {
  let i = 0;
  let j = 0;
  let dot = 0;
  let nameDot = 0;
  const as = hood.side(a);
  const bs = hood.side(b);
  const ta = a.terms;
  const tb = b.terms;
  const wa = a.weights;
  const wb = b.weights;
  const idf = as.idf;
  // Norms over every term of each side (kept by the neighbourhood); the dot products over the terms both carry.
  while (i < ta.length && j < tb.length) {
    const x = ta[i];
    const y = tb[j];
    if (x === y) {
      const f = idf[i];
      const p = wa[i] * f * wb[j] * f;
      dot += p;
      if (x >= NAME_BIT) nameDot += p;
    }
    // Branch-free steps (which side is behind is unpredictable); a match, rarer, branches.
    i += +(x <= y);
    j += +(y <= x);
  }
  out[at] = as.all > 0 && bs.all > 0 ? dot / Math.sqrt(as.all * bs.all) : 0;
  out[at + 1] = as.names > 0 && bs.names > 0 ? nameDot / Math.sqrt(as.names * bs.names) : 0;
}

/** Share of the smaller figure set that the other carries; 0 when either has none. */
function figureContainment(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  return sharedSorted(a, 0, b, 0, Infinity) / Math.min(a.length, b.length);
}

/** Values two ascending arrays share from positions `i` and `j` on, counted up to `cap`. */
function sharedSorted(a: Uint32Array, i: number, b: Uint32Array, j: number, cap: number): number {
  let n = 0;
  while (i < a.length && j < b.length && n < cap) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** Shared name terms counted up to this many: past it, two texts are as much about the same people as they can be. */
const MAX_SHARED_NAMES = 5;

/** How many name (and figure) terms two sorted term arrays share, up to MAX_SHARED_NAMES. */
function sharedNames(a: Uint32Array, b: Uint32Array): number {
  return sharedSorted(a, firstName(a), b, firstName(b), MAX_SHARED_NAMES);
}

/** Days a gap is measured in before it is capped: past these, two reports are as far apart as they can be. */
export const MONTH = 30;
const MAX_PUBLISHED_GAP = 90;
const MAX_TEXT_GAP = 365;
/** Latest years two texts name that differ by more than this count as this much. */
const MAX_YEAR_GAP = 3;

/**
 * Days by which a day one text names as past (to the day) falls after the other's publication date, the larger of
 * the two ways; 0 when neither does. An article cannot report what happened after it was published: a report of a
 * submersible gone missing, dated the 19th, does not tell the story of the report that names the 22nd as the day
 * its debris was found, however alike their words.
 */
function reportedAfter(a: EventTimeCue, b: EventTimeCue): number {
  const after = (x: EventTimeCue, y: EventTimeCue) =>
    x.basis === 'published' && x.hi !== undefined && y.named !== undefined ? y.named - x.hi : 0;
  return Math.max(0, after(a, b), after(b, a));
}

/**
 * The time features: years apart, publication gap, gap between the days the texts name, intervals apart, and a day
 * named after the other's publication.
 */
function timeFeatures(a: EventTimeCue, b: EventTimeCue): [number, number, number, number, number] {
  const ya = a.years.length > 0 ? a.years[a.years.length - 1] : undefined;
  const yb = b.years.length > 0 ? b.years[b.years.length - 1] : undefined;
  const years = ya !== undefined && yb !== undefined;
  const bothPublished = a.basis === 'published' && b.basis === 'published';
  const textDays = !bothPublished && a.day !== undefined && b.day !== undefined;
  let apart = 0;
  if (a.lo !== undefined && b.lo !== undefined)
    apart = Math.max(0, b.lo - (a.hi ?? Infinity), a.lo - (b.hi ?? Infinity));
  return [
    years ? Math.min(MAX_YEAR_GAP, Math.abs(ya - yb)) : 0,
    bothPublished ? Math.min(Math.abs(a.day! - b.day!), MAX_PUBLISHED_GAP) / MONTH : 0,
    textDays ? Math.min(Math.abs(a.day! - b.day!), MAX_TEXT_GAP) / MONTH : 0,
    Math.min(apart, MAX_PUBLISHED_GAP) / MONTH,
    Math.min(reportedAfter(a, b), MAX_PUBLISHED_GAP) / MONTH,
  ];
}

/**
 * The features of a pair, in PAIR_FEATURES order. `cos` and `names` are the plain and name cosines of the two term
 * vectors (the engine has them from the look-up), `o` the exact shingle overlap.
 */
export function pairFeatures(
  a: PairSide,
  b: PairSide,
  cos: number,
  names: number,
  o: Overlap,
  hood: Neighbourhood,
  out: Float64Array = new Float64Array(PAIR_FEATURES.length),
): Float64Array {
  const figures = a.figures.length > 0 && b.figures.length > 0;
  out[0] = cos;
  out[1] = names;
  out[2] = Math.max(o.containmentA, o.containmentB);
  out[3] = Math.min(o.containmentA, o.containmentB);
  // +1 every figure of the one with fewer is in the other, -1 none is, 0 when either has none.
  out[4] = figures ? 2 * figureContainment(a.figures, b.figures) - 1 : 0;
  localCosines(a, b, hood, out, 5);
  const t = timeFeatures(a.eventTime, b.eventTime);
  for (let k = 0; k < t.length; k++) out[7 + k] = t[k];
  // Both name people, places or firms (or print figures) and share none: contradicting evidence, unlike a pair
  // where one side names nothing (0 too).
  out[12] = names === 0 && nameNorm(a.terms, a.weights) > 0 && nameNorm(b.terms, b.weights) > 0 ? 1 : 0;
  out[13] = sharedNames(a.terms, b.terms) / MAX_SHARED_NAMES;
  return out;
}
