import type { Span } from '../model/index.js';
import { elided, fold, stopwordsOf } from '../text/foreign.js';
import { isStopword } from '../text/stopwords.js';
import { NAME_BIT, termVector, WORD } from './terms.js';

/**
 * Is one text the other in another language, sentence by sentence? A translation keeps the order of its sentences,
 * their names and figures and roughly their length, and in related languages many of their long words' stems
 * ("massacres systématiques" / "systematic massacres"). Two independent reports of one event in two languages share
 * names and figures too, but not sentence after sentence in the same order, each of about the other's length.
 */
export const TRANSLATION_DEFAULTS = {
  /**
   * Length in characters of a sentence against the one it translates, at most this many times longer or shorter:
   * French and Spanish run 10–25% longer than English, German about as long; a sentence twice as long says more.
   */
  maxLengthRatio: 2,
  /**
   * Similarity (0..1) at and above which two sentences may be one in two languages (`sentenceSimilarity`). Sentences
   * of a translation scored .45–.85 in the repository's fixtures and the families' French page against the Xinhua text
   * it follows; sentences of another event on the same city that share a country and the city scored .34–.48.
   */
  minSentenceSimilarity: 0.45,
  /** Fewest sentences aligned in order: two sentences that match can be chance, three in order are not. */
  minSentences: 3,
  /**
   * Share of the shorter text's characters in aligned sentences: a translation renders nearly all of what it
   * translates. Two independent reports in related languages can share three sentences' worth of names and stems in
   * order (the fixture's Spanish and French reports of the ferry accident: 69% of the Spanish).
   */
  minCoverage: 0.75,
  /** … of both texts, for a whole translation (surer) rather than a translation of part of the other. */
  wholeCoverage: 0.8,
  /**
   * How much less alike a sentence and two joined may be than the sentence and the nearer of the two alone, for the
   * two to be taken as one translated sentence (when together they match it in length better).
   */
  joinSlack: 0.05,
  /**
   * Weight of the shared names and figures in a sentence pair's similarity, the rest going to shared stems: names and
   * figures survive translation into any language, stems only into a related one.
   */
  anchorWeight: 0.6,
  /**
   * A sentence pair with no name or figure on either side ("The weather was calm") is matched on its stems alone, and
   * weighs a little less: stems meet by chance more often than names.
   */
  stemsAloneWeight: 0.8,
  /** Characters of a word's folded start that stand for its stem across related languages. */
  stemChars: 5,
  /** Shortest word whose start is compared: shorter words are function words or differ across languages. */
  minStemWord: 6,
};

export type TranslationOptions = typeof TRANSLATION_DEFAULTS;

export interface TranslationSide {
  body: string;
  sentences: Span[];
  language: string;
}

/** Two sentences aligned as one in two languages, with the names and figures they share. */
export interface TranslatedSentence {
  a: Span;
  b: Span;
  score: number;
  /** Names and figures both carry, as the first side writes them. */
  anchors: string[];
}

export interface Translation {
  sentences: TranslatedSentence[];
  /** Share of each side's characters in aligned sentences. */
  coverageA: number;
  coverageB: number;
  /** Whether it is a translation of the whole of both texts (`wholeCoverage`), not of a part. */
  whole: boolean;
}

interface SentenceCues {
  span: Span;
  length: number;
  /** Name and figure terms (hashes with NAME_BIT set). */
  anchors: Set<number>;
  /** Folded word starts of the long content words. */
  stems: Set<string>;
  /** The words behind the anchors, by term, for the evidence. */
  text: string;
}

function cuesOf(side: TranslationSide, o: TranslationOptions): SentenceCues[] {
  const stops = stopwordsOf(side.language);
  return side.sentences.map((span) => {
    const text = side.body.slice(span[0], span[1]);
    const v = termVector(text, undefined, side.language);
    const anchors = new Set<number>();
    for (const t of v.terms) if (t >= NAME_BIT) anchors.add(t);
    const stems = new Set<string>();
    for (const m of text.matchAll(WORD)) {
      const f = fold(m[0].slice(elided(m[0])));
      if (f.length < o.minStemWord || stops.has(f) || isStopword(f) || /\p{N}/u.test(f)) continue;
      stems.add(f.slice(0, o.stemChars));
    }
    return { span, length: span[1] - span[0], anchors, stems, text };
  });
}

const dice = <T>(a: Set<T>, b: Set<T>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
};

/**
 * How alike two sentences in two languages are: mostly by the names and figures they share, the rest by the stems
 * of their long words; 0 when their lengths are too far apart for one to translate the other, or when they share
 * nothing that survives translation.
 */
function sentenceSimilarity(x: SentenceCues, y: SentenceCues, o: TranslationOptions): number {
  const ratio = x.length > y.length ? x.length / Math.max(1, y.length) : y.length / Math.max(1, x.length);
  if (ratio > o.maxLengthRatio) return 0;
  const anchors = dice(x.anchors, y.anchors);
  const stems = dice(x.stems, y.stems);
  if (x.anchors.size === 0 && y.anchors.size === 0) return o.stemsAloneWeight * stems;
  return o.anchorWeight * anchors + (1 - o.anchorWeight) * stems;
}

/**
 * The sentences of `a` and `b` aligned in order (a monotone alignment maximising the summed similarity, each
 * sentence used once), and whether they make one text a translation of the other; undefined when they do not.
 * Meant for two texts in two languages: in one language, `align` (match/align.ts) finds reuse word for word.
 */
export function translationOf(
  a: TranslationSide,
  b: TranslationSide,
  options: Partial<TranslationOptions> = {},
): Translation | undefined {
  const o = { ...TRANSLATION_DEFAULTS, ...options };
  if (a.sentences.length < o.minSentences || b.sentences.length < o.minSentences) return undefined;
  const ca = cuesOf(a, o);
  const cb = cuesOf(b, o);
  const n = ca.length;
  const m = cb.length;
  // best[i][j]: the best alignment of the first i sentences of A with the first j of B, by steps of one sentence
  // against one, or one against two that a translation splits or joins ("at 7:15 a.m. Four of the injured…" is one
  // sentence to the splitter and two in French); how each cell was reached, for the way back.
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const step = Array.from({ length: n + 1 }, () => new Uint8Array(m + 1));
  const sim = Array.from({ length: n }, (_, i) => Float64Array.from(cb, (y) => sentenceSimilarity(ca[i], y, o)));
  const pairA = ca.slice(1).map((x, k) => joined(ca[k], x));
  const pairB = cb.slice(1).map((y, k) => joined(cb[k], y));
  // A sentence against two: only where the two together match it in length better than the nearer alone and are
  // about as alike (the second brings no name or figure the first lacks, and little that contradicts), weighing as
  // the one and a half steps it covers.
  const lengthGap = (x: SentenceCues, y: SentenceCues) =>
    Math.abs(Math.log(Math.max(1, x.length) / Math.max(1, y.length)));
  // `one` sentence against `two` of the other side joined, `first` and `second` those two alone, `s1` and `s2` the
  // similarity of `one` with each (similarity and length gap are symmetric: a split and a merge are scored alike).
  const joinScore = (
    one: SentenceCues,
    two: SentenceCues,
    first: SentenceCues,
    second: SentenceCues,
    s1: number,
    s2: number,
  ): number => {
    const x = sentenceSimilarity(one, two, o);
    const [near, nearer] = s1 >= s2 ? [s1, first] : [s2, second];
    return x >= o.minSentenceSimilarity && x >= near - o.joinSlack && lengthGap(one, two) < lengthGap(one, nearer)
      ? x
      : 0;
  };
  const split = (i: number, j: number) =>
    joinScore(ca[i - 1], pairB[j - 2], cb[j - 2], cb[j - 1], sim[i - 1][j - 2], sim[i - 1][j - 1]);
  const merge = (i: number, j: number) =>
    joinScore(cb[j - 1], pairA[i - 2], ca[i - 2], ca[i - 1], sim[i - 2][j - 1], sim[i - 1][j - 1]);
  const splits = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const merges = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      let v = best[i - 1][j];
      let how = SKIP_A;
      if (best[i][j - 1] > v) [v, how] = [best[i][j - 1], SKIP_B];
      const s = sim[i - 1][j - 1];
      if (s >= o.minSentenceSimilarity && best[i - 1][j - 1] + s > v) [v, how] = [best[i - 1][j - 1] + s, ONE];
      if (j >= 2 && (splits[i][j] = split(i, j)) > 0 && best[i - 1][j - 2] + 1.5 * splits[i][j] > v)
        [v, how] = [best[i - 1][j - 2] + 1.5 * splits[i][j], SPLIT];
      if (i >= 2 && (merges[i][j] = merge(i, j)) > 0 && best[i - 2][j - 1] + 1.5 * merges[i][j] > v)
        [v, how] = [best[i - 2][j - 1] + 1.5 * merges[i][j], MERGE];
      best[i][j] = v;
      step[i][j] = how;
    }
  const pairs: TranslatedSentence[] = [];
  for (let i = n, j = m; i > 0 && j > 0;) {
    const how = step[i][j];
    if (how === SKIP_A) i--;
    else if (how === SKIP_B) j--;
    else {
      const x = how === MERGE ? pairA[i - 2] : ca[i - 1];
      const y = how === SPLIT ? pairB[j - 2] : cb[j - 1];
      const score = how === ONE ? sim[i - 1][j - 1] : how === SPLIT ? splits[i][j] : merges[i][j];
      const shared = [...x.anchors].filter((t) => y.anchors.has(t));
      pairs.push({
        a: x.span,
        b: y.span,
        score: Math.round(score * 1000) / 1000,
        anchors: anchorWords(x, shared, a.language),
      });
      i -= how === MERGE ? 2 : 1;
      j -= how === SPLIT ? 2 : 1;
    }
  }
  pairs.reverse();
  if (pairs.length < o.minSentences) return undefined;
  const covered = (spans: Span[], total: number) => spans.reduce((s, x) => s + x[1] - x[0], 0) / Math.max(1, total);
  const coverageA = covered(
    pairs.map((p) => p.a),
    textLength(ca),
  );
  const coverageB = covered(
    pairs.map((p) => p.b),
    textLength(cb),
  );
  const shorter = textLength(ca) <= textLength(cb) ? coverageA : coverageB;
  if (shorter < o.minCoverage) return undefined;
  return {
    sentences: pairs,
    coverageA,
    coverageB,
    whole: Math.min(coverageA, coverageB) >= o.wholeCoverage,
  };
}

const [SKIP_A, SKIP_B, ONE, SPLIT, MERGE] = [1, 2, 3, 4, 5];

/** Two consecutive sentences as one: their span, length, names, figures and stems together. */
function joined(x: SentenceCues, y: SentenceCues): SentenceCues {
  return {
    span: [x.span[0], y.span[1]],
    length: x.length + y.length,
    anchors: new Set([...x.anchors, ...y.anchors]),
    stems: new Set([...x.stems, ...y.stems]),
    text: `${x.text} ${y.text}`,
  };
}

function textLength(cues: SentenceCues[]): number {
  return cues.reduce((s, c) => s + c.length, 0);
}

/** The words of a sentence whose terms are among `terms` (names and figures), as the sentence writes them. */
function anchorWords(c: SentenceCues, terms: number[], language: string): string[] {
  if (terms.length === 0) return [];
  const want = new Set(terms);
  const out: string[] = [];
  for (const m of c.text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.:-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)) {
    const v = termVector(m[0], undefined, language);
    if ([...v.terms].some((t) => want.has((t | NAME_BIT) >>> 0)) && !out.includes(m[0])) out.push(m[0]);
  }
  return out;
}
