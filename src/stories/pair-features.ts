import type { EventTime, Overlap } from '../model/index.js';
import { firstName, NAME_BIT, nameNorm } from './terms.js';

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
}

/** The part of an article's event time the scorer reads (stored with the article's sketch). */
export type EventTimeCue = Pick<EventTime, 'lo' | 'hi' | 'day' | 'basis' | 'years'>;

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
  'namesDisjoint',
  'sharedNames',
] as const;
// Every feature reads 0 where its evidence is missing (no figures, no dates, no years): "nothing known" must weigh
// nothing. Indicators of missing evidence were tried and dropped: which evidence is missing depends on the corpus
// (one has every date, another none), so their weights learned which corpus a pair came from, not whether it is one
// story, and gave a bonus to any two dated pages.

export type PairFeatureName = (typeof PAIR_FEATURES)[number];

/**
 * Document frequencies of the terms of an article's neighbourhood: the articles the look-up found for it. Terms that
 * most of them carry are what the whole neighbourhood is about (the company, the mission, the trial): within it they
 * do not tell one event from another, the terms only some carry do ("terminated", "sentenced", "Frazier Park").
 */
export class Neighbourhood {
  private readonly df = new Map<number, number>();
  readonly size: number;

  constructor(members: Array<{ terms: Uint32Array }>) {
    this.size = members.length;
    for (const m of members) for (const t of m.terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const [t, n] of this.df) this.idfOf.set(t, Math.log((this.size + 1) / (n + 0.5)));
    this.absent = Math.log((this.size + 1) / 0.5);
  }

  /** Idf of each term the neighbourhood carries, computed once; a term none of it carries weighs `absent`. */
  private readonly idfOf = new Map<number, number>();
  private readonly absent: number;
  /** Each side's norms under this neighbourhood's idf (all terms, names only): an article meets many members. */
  private readonly norms = new WeakMap<object, [number, number]>();

  /** Inverse frequency of a term in the neighbourhood (a term none of it carries weighs most). */
  idf(t: number): number {
    return this.idfOf.get(t) ?? this.absent;
  }

  /** Squared norm of a side's weights times idf, over all its terms or its name terms only. */
  norm2(side: PairSide, namesOnly: boolean): number {
    let n = this.norms.get(side);
    if (!n) {
      n = [0, 0];
      for (let k = 0; k < side.terms.length; k++) {
        const x = side.weights[k] * this.idf(side.terms[k]);
        n[0] += x * x;
        if (side.terms[k] >= NAME_BIT) n[1] += x * x;
      }
      this.norms.set(side, n);
    }
    return namesOnly ? n[1] : n[0];
  }
}

/**
 * Cosine of two term vectors after each weight is multiplied by the term's neighbourhood idf; with `namesOnly`, over
 * the name and figure terms alone.
 */
export function localCosine(a: PairSide, b: PairSide, hood: Neighbourhood, namesOnly = false): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  const at = a.terms;
  const bt = b.terms;
  // Norms over every term of each side (kept by the neighbourhood); the dot product over the terms both carry.
  const na = hood.norm2(a, namesOnly);
  const nb = hood.norm2(b, namesOnly);
  while (i < at.length && j < bt.length) {
    const x = at[i];
    const y = bt[j];
    if (x === y) {
      if (!namesOnly || x >= NAME_BIT) {
        const f = hood.idf(x);
        dot += a.weights[i] * f * b.weights[j] * f;
      }
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Share of the smaller figure set that the other carries; 0 when either has none. */
function figureContainment(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / Math.min(a.length, b.length);
}

/** Shared name terms counted up to this many: past it, two texts are as much about the same people as they can be. */
const MAX_SHARED_NAMES = 5;

/** How many name (and figure) terms two sorted term arrays share, up to MAX_SHARED_NAMES. */
function sharedNames(a: Uint32Array, b: Uint32Array): number {
  let i = firstName(a);
  let j = firstName(b);
  let n = 0;
  while (i < a.length && j < b.length && n < MAX_SHARED_NAMES) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** Days a gap is measured in before it is capped: past these, two reports are as far apart as they can be. */
export const MONTH = 30;
const MAX_PUBLISHED_GAP = 90;
const MAX_TEXT_GAP = 365;
/** Latest years two texts name that differ by more than this count as this much. */
const MAX_YEAR_GAP = 3;

/** The time features: publication gap, gap between the days the texts name, intervals apart, years apart. */
function timeFeatures(a: EventTimeCue, b: EventTimeCue): [number, number, number, number] {
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
  out[5] = localCosine(a, b, hood);
  out[6] = localCosine(a, b, hood, true);
  const t = timeFeatures(a.eventTime, b.eventTime);
  for (let k = 0; k < t.length; k++) out[7 + k] = t[k];
  // Both name people, places or firms (or print figures) and share none: contradicting evidence, unlike a pair
  // where one side names nothing (0 too).
  out[11] = names === 0 && nameNorm(a.terms, a.weights) > 0 && nameNorm(b.terms, b.weights) > 0 ? 1 : 0;
  out[12] = sharedNames(a.terms, b.terms) / MAX_SHARED_NAMES;
  return out;
}
