import { stemmer } from 'stemmer';
import { fnv1a } from '../text/hash.js';
import { isStopword } from '../text/stopwords.js';

/**
 * Salient terms of an article for same-event matching: stemmed content words, numbers and years (they tell one
 * event from another of the same kind: a 2017 and a 2022 statement on one city), with names weighted up.
 */
export interface TermVector {
  /** 32-bit hashes of the terms, sorted ascending. */
  terms: Uint32Array;
  /** Term frequency times boost, before IDF. Same order as `terms`. */
  tf: Float32Array;
}

/** A capitalised word inside a sentence is most likely a name: names identify events far better than common words. */
export const NAME_BOOST = 2;
/** Title words say what the story is about. */
export const TITLE_BOOST = 1.5;
/** Words of the article's first sentences (the lede) carry the who/what/where. */
export const LEDE_BOOST = 1.5;
/** How many characters count as the lede. */
export const LEDE_CHARS = 400;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export { fnv1a };

/** The term a word maps to, or undefined for stop words and noise. */
export function termOf(word: string): string | undefined {
  const lower = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[’']/g, '');
  if (lower.length < 2 || isStopword(lower)) return undefined;
  if (/^\p{N}/u.test(lower)) {
    const digits = lower.replace(/[^\p{N}]/gu, '');
    // "1" or "2" say nothing; bigger figures and years are distinctive.
    return digits.length >= 2 ? '#' + digits : undefined;
  }
  const bare = lower.replace(/^(al|el)-/, '');
  return stemmer(bare.replace(/-/g, ''));
}

/** Terms that name something (people, places, organisations) or give a figure carry this bit in their hash. */
export const NAME_BIT = 0x80000000;

export function termVector(body: string, title?: string): TermVector {
  // First pass: which terms the body writes with a capital inside a sentence, so are names wherever they occur.
  const names = new Set<string>();
  const occurrences: Array<{ t: string; w: number }> = [];
  const add = (text: string, boostAll: number, ledeEnd: number, findNames: boolean) => {
    let prevEnd = -1;
    for (const m of text.matchAll(WORD)) {
      const word = m[0];
      const at = m.index ?? 0;
      const t = termOf(word);
      if (t === undefined) {
        prevEnd = at + word.length;
        continue;
      }
      // A capital not right after sentence punctuation marks a name.
      const before = text.slice(Math.max(0, prevEnd), at);
      const sentenceStart = prevEnd < 0 || /[.!?:"“]\s*$/.test(before) || /\n/.test(before);
      const isName = !sentenceStart && /^\p{Lu}/u.test(word);
      if (findNames && (isName || t.startsWith('#'))) names.add(t);
      let w = boostAll * (isName ? NAME_BOOST : 1);
      if (at < ledeEnd) w *= LEDE_BOOST;
      occurrences.push({ t, w });
      prevEnd = at + word.length;
    }
  };
  add(body, 1, LEDE_CHARS, true);
  if (title) add(title, TITLE_BOOST, 0, false);
  const tf = new Map<number, number>();
  for (const { t, w } of occurrences) {
    const h = names.has(t) ? (fnv1a(t) | NAME_BIT) >>> 0 : fnv1a(t) & ~NAME_BIT;
    tf.set(h, (tf.get(h) ?? 0) + w);
  }
  const terms = Uint32Array.from(tf.keys()).sort();
  const out = new Float32Array(terms.length);
  // Sub-linear term frequency (1 + ln tf): a word said five times is not five times as telling.
  for (let i = 0; i < terms.length; i++) {
    const raw = tf.get(terms[i]) ?? 0;
    out[i] = raw > 1 ? 1 + Math.log(raw) : raw;
  }
  return { terms, tf: out };
}

/** Smoothed inverse document frequency; `prior` pretends the store already holds that many unrelated articles. */
export const IDF_PRIOR = 20;

export function idf(df: number, n: number): number {
  return Math.log((n + IDF_PRIOR) / (df + 1));
}

/** TF-IDF weights normalised to unit length, keeping only the `keep` heaviest terms (sorted by hash). */
export function weigh(
  vec: TermVector,
  df: Uint32Array,
  n: number,
  keep: number,
): { terms: Uint32Array; weights: Float32Array } {
  const idx = Array.from(vec.terms.keys());
  const w = idx.map((i) => vec.tf[i] * idf(df[i], n));
  idx.sort((x, y) => w[y] - w[x] || vec.terms[x] - vec.terms[y]);
  const top = idx.slice(0, keep).sort((x, y) => vec.terms[x] - vec.terms[y]);
  let norm = 0;
  for (const i of top) norm += w[i] * w[i];
  norm = Math.sqrt(norm) || 1;
  return {
    terms: Uint32Array.from(top, (i) => vec.terms[i]),
    weights: Float32Array.from(top, (i) => w[i] / norm),
  };
}

/** Cosine of two unit vectors given as sorted term hashes with weights. */
export function cosine(at: Uint32Array, aw: Float32Array, bt: Uint32Array, bw: Float32Array): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < at.length && j < bt.length) {
    if (at[i] === bt[j]) dot += aw[i++] * bw[j++];
    else if (at[i] < bt[j]) i++;
    else j++;
  }
  return dot;
}

/**
 * Cosine restricted to the name and figure terms of two vectors: who, where and how many. Two reports of one kind of
 * event (two rehab check-ins, two earthquakes) share their common words; they differ here. 0 when either side names
 * nothing.
 */
export function nameCosine(at: Uint32Array, aw: Float32Array, bt: Uint32Array, bw: Float32Array): number {
  // Terms are sorted, so the name terms (high bit set) are the tail of each array.
  const i0 = firstName(at);
  const j0 = firstName(bt);
  let na = 0;
  let nb = 0;
  for (let i = i0; i < at.length; i++) na += aw[i] * aw[i];
  for (let j = j0; j < bt.length; j++) nb += bw[j] * bw[j];
  if (na === 0 || nb === 0) return 0;
  let i = i0;
  let j = j0;
  let dot = 0;
  while (i < at.length && j < bt.length) {
    if (at[i] === bt[j]) dot += aw[i++] * bw[j++];
    else if (at[i] < bt[j]) i++;
    else j++;
  }
  return dot / Math.sqrt(na * nb);
}

function firstName(t: Uint32Array): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < NAME_BIT) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The `k` heaviest terms, for the inverted index. */
export function topTerms(terms: Uint32Array, weights: Float32Array, k: number): Uint32Array {
  const idx = Array.from(terms.keys()).sort((x, y) => weights[y] - weights[x] || terms[x] - terms[y]);
  return Uint32Array.from(idx.slice(0, k), (i) => terms[i]).sort();
}

/**
 * A term is distinctive when few stored articles carry it: at most DISTINCT_DF_SHARE of them, or DISTINCT_MIN_DF
 * while the store is small. Company and place names, rare figures are; the words and figures of a formula
 * ("qtly", "div", "record", "March", "25") are not.
 */
export const DISTINCT_DF_SHARE = 0.02;
export const DISTINCT_MIN_DF = 5;

/** The vector's distinctive terms (sorted), given their document frequencies among `n` stored articles. */
export function distinctTerms(vec: TermVector, df: Uint32Array, n: number): Uint32Array {
  const limit = Math.max(DISTINCT_MIN_DF, DISTINCT_DF_SHARE * n);
  return vec.terms.filter((_, i) => df[i] <= limit);
}

/** How many terms two sorted term arrays share. */
export function sharedTerms(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}
