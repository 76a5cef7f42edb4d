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

export function termVector(body: string, title?: string): TermVector {
  const tf = new Map<number, number>();
  const add = (text: string, boostAll: number, ledeEnd: number) => {
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
      let w = boostAll * (isName ? NAME_BOOST : 1);
      if (at < ledeEnd) w *= LEDE_BOOST;
      const h = fnv1a(t);
      tf.set(h, (tf.get(h) ?? 0) + w);
      prevEnd = at + word.length;
    }
  };
  add(body, 1, LEDE_CHARS);
  if (title) add(title, TITLE_BOOST, 0);
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

/** The `k` heaviest terms, for the inverted index. */
export function topTerms(terms: Uint32Array, weights: Float32Array, k: number): Uint32Array {
  const idx = Array.from(terms.keys()).sort((x, y) => weights[y] - weights[x] || terms[x] - terms[y]);
  return Uint32Array.from(idx.slice(0, k), (i) => terms[i]).sort();
}
