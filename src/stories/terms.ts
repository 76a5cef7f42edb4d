import { stemmer } from 'stemmer';
import { isSpace } from '../text/chars.js';
import { fnv1a } from '../text/hash.js';
import { detached } from '../text/memo.js';
import { isStopword } from '../text/stopwords.js';
import { FNV_OFFSET, FNV_PRIME, WordMemo } from '../text/wordmemo.js';
import {
  acronymAlias,
  ALIAS_MAX_WORDS,
  aliasesOf,
  calendarWordsOf,
  capitalIsName,
  elided,
  fold,
  ROMANISED,
  romanised,
  stopwordsOf,
} from '../text/foreign.js';
import { foreignLanguage } from '../model/index.js';

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

export { fnv1a };

/** The term a word maps to, or undefined for stop words and noise. */
export function termOf(word: string): string | undefined {
  return lookupTerm(word)?.t;
}

/**
 * The United States written as news writes it most ("US", "USA", and "U.S.", which the term vector reads as "US"): a
 * name, where in lower case it would be the pronoun, a stop word. Other languages' names of it map here too
 * (text/foreign.ts).
 */
const US = new Set(['US', 'USA', 'US’s', "US's"]);
const US_TERM = 'usa';

/** "U.S." as "US" (same length: offsets stay), a word where the term scanner would read two single letters. */
function usAsWord(text: string): string {
  return text.includes('U.S.') ? text.replace(/\bU\.S\.(?!\p{L})/gu, 'US  ') : text;
}

/** The term of a word computed from scratch: lower case, no possessive or apostrophes, stop words out, stemmed. */
function computeTerm(word: string): string | undefined {
  if (US.has(word)) return US_TERM;
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

/** A word's term and the term's FNV-1a hash, as the memo keeps them. */
interface TermEntry {
  t: string;
  h: number;
}
const NO_TERM: TermEntry = { t: '', h: 0 };

/**
 * Memo of word → term. termOf is a pure function of the word and the stemmer (Porter's suffix rules, a dozen regular
 * expressions per word) was 4.5% of the whole pipeline's profile (BENCHMARKS.md, "Whole pipeline"); news vocabulary
 * repeats, so nearly every word after the first few hundred articles is a hit. Bounded: when it holds TERM_MEMO_SIZE
 * words it starts again empty, so a run over a million articles keeps a few MB, not every word it ever saw.
 */
export const TERM_MEMO_SIZE = 100_000;
const termMemo = new WordMemo<TermEntry>((word) => {
  const t = computeTerm(word);
  // A stem may be a slice of the word: stored detached, like the word (text/memo.ts).
  return t === undefined ? NO_TERM : { t: detached(t), h: fnv1a(t) };
}, TERM_MEMO_SIZE);

/**
 * Terms of month and weekday names: written with a capital, they are dates, not names. Two dividend notices that both
 * say "Pay March 31" share no name; counted as one, "March" made different companies' notices look alike by name.
 */
const CALENDAR = new Set(
  [
    ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october'],
    ...['november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ].flatMap((w) => computeTerm(w) ?? []),
);

/** A day of the month written beside its month ("March 13", "13 March", "Dec. 5"): the number starts group 1 or 2. */
const DAY_OF_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/giu;

/**
 * Offsets of the days of the month in a text: they are parts of dates, which the event time reads (analyze/
 * eventtime.ts), not figures of the story. As terms, "Record March 13" made two companies' dividend notices of one
 * day share a figure; undefined when the text has none.
 */
function dayOffsets(text: string): Set<number> | undefined {
  let out: Set<number> | undefined;
  for (const m of text.matchAll(DAY_OF_MONTH)) {
    const day = m[1] ?? m[2];
    (out ??= new Set()).add(m.index + m[0].indexOf(day, m[1] !== undefined ? m[0].length - day.length - 1 : 0));
  }
  return out;
}

function lookupTerm(word: string): TermEntry | undefined {
  const e = termMemo.get(word, 0, word.length, fnv1a(word));
  return e === NO_TERM ? undefined : e;
}

/** Terms that name something (people, places, organisations) or give a figure carry this bit in their hash. */
export const NAME_BIT = 0x80000000;

/** Is the code point at `i` a letter or a digit (`[\p{L}\p{N}]`)? Its length in code units, 0 when it is not. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_ALNUM[c] = 1;
const ALNUM = /^[\p{L}\p{N}]/u;

function alnumAt(text: string, i: number, c: number): number {
  if (c < 128) return ASCII_ALNUM[c];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ALNUM.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return ALNUM.test(text[i]) ? 1 : 0;
}

/** Sentence punctuation after which a capital is a sentence's first letter, not a name's: . ! ? : " “ */
function isSentencePunct(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 58 || c === 34 || c === 0x201c;
}

const UPPER_FIRST = /^\p{Lu}/u;

// Occurrences of the article being vectorised (scratch space reused across calls: termVector never re-enters).
let occTerms: string[] = [];
let occHashes: number[] = [];
let occWeights: number[] = [];

/** Words as the term vector reads them: a letter or digit, then letters, digits, apostrophes and hyphens. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Is there a sentence break (sentence punctuation or a line break) in `text` between `from` and `to`? */
function sentenceBreak(text: string, from: number, to: number): boolean {
  let j = to - 1;
  while (j >= from && isSpace(text.charCodeAt(j))) j--;
  if (j >= from && isSentencePunct(text.charCodeAt(j))) return true;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * The term vector of a text. `language` (ISO 639-3, analyze/language.ts) other than English reads the text in that
 * language (text/foreign.ts): its function words are left out, elisions cut ("l'ONU" is "ONU"), and the names of
 * countries and international organisations become their English names' terms, so that they meet the same names in
 * English reports; names in Cyrillic and Greek letters are romanised; its other words stay its own.
 */
export function termVector(body: string, title?: string, language?: string): TermVector {
  // First pass: which terms the body writes with a capital inside a sentence, so are names wherever they occur.
  const names = new Set<string>();
  let count = 0;
  const occur = (e: TermEntry, at: number, ledeEnd: number, boostAll: number, isName: boolean, findNames: boolean) => {
    if (findNames && (isName || e.t.charCodeAt(0) === 35)) names.add(e.t);
    let w = boostAll * (isName ? NAME_BOOST : 1);
    if (at < ledeEnd) w *= LEDE_BOOST;
    occTerms[count] = e.t;
    occHashes[count] = e.h;
    occWeights[count] = w;
    count++;
  };
  const foreign = foreignLanguage(language) ? language : undefined;
  // A text in another language, read word by word with its tables (rare, so not tuned like the English path below).
  const addForeign = (text: string, lang: string, boostAll: number, ledeEnd: number, findNames: boolean) => {
    const aliases = aliasesOf(lang);
    const stops = stopwordsOf(lang);
    const calendar = calendarWordsOf(lang);
    const romanise = ROMANISED.has(lang);
    const days = dayOffsets(text);
    const words = [...text.matchAll(WORD)];
    let prevEnd = -1;
    for (let k = 0; k < words.length; k++) {
      const m = words[k];
      const before = [k > 0 ? words[k - 1][0] : '', k > 1 ? words[k - 2][0] : ''];
      const cut = elided(m[0]);
      const word = m[0].slice(cut);
      const at = m.index + cut;
      const sentenceStart = prevEnd < 0 || sentenceBreak(text, prevEnd, m.index);
      const capital = UPPER_FIRST.test(word);
      // A country or organisation: the longest run of words the alias table knows, in English.
      let english = capital ? acronymAlias(word) : undefined;
      let span = 1;
      for (let n = Math.min(ALIAS_MAX_WORDS, words.length - k); capital && !english && n >= 1; n--) {
        let key = fold(word);
        for (let j = 1; j < n && key; j++) {
          const prev = words[k + j - 1];
          key = /^\s+$/.test(text.slice(prev.index + prev[0].length, words[k + j].index))
            ? key + ' ' + fold(words[k + j][0])
            : '';
        }
        english = key ? aliases.get(key) : undefined;
        span = n;
      }
      if (english) {
        for (const w of english.split(' ')) {
          const e = lookupTerm(w);
          if (e) occur(e, at, ledeEnd, boostAll, true, findNames);
        }
        const last = words[k + span - 1];
        prevEnd = last.index + last[0].length;
        k += span - 1;
        continue;
      }
      prevEnd = m.index + m[0].length;
      const folded = fold(word);
      if (stops.has(folded) || (days !== undefined && days.has(at))) continue;
      // A capitalised word in Cyrillic or Greek letters, romanised (at a sentence's start too, so that a name has
      // one term wherever it stands): the term of "Putin" for "Путин".
      const e = lookupTerm(capital && romanise ? romanised(word) : word);
      if (e === undefined) continue;
      const isName =
        !sentenceStart && capital && !CALENDAR.has(e.t) && !calendar.has(folded) && capitalIsName(lang, word, before);
      occur(e, at, ledeEnd, boostAll, isName, findNames);
    }
  };
  // The words of `text` as /[\p{L}\p{N}][\p{L}\p{N}'’-]*/u reads them, scanned by hand: a letter or digit, then
  // letters, digits, apostrophes and hyphens.
  const add = (text: string, boostAll: number, ledeEnd: number, findNames: boolean) => {
    const days = dayOffsets(text);
    let prevEnd = -1;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const w0 = alnumAt(text, i, c);
      if (w0 === 0) {
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        continue;
      }
      const at = i;
      // The word's FNV-1a hash as it is read, for the memo.
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      if (w0 === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += w0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 39 || d === 0x2019 || d === 45) {
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
        } else {
          const w = alnumAt(text, i, d);
          if (w === 0) break;
          h = Math.imul(h ^ d, FNV_PRIME);
          if (w === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
          i += w;
        }
      }
      const e = termMemo.get(text, at, i, h);
      if (e === NO_TERM || (days !== undefined && days.has(at))) {
        prevEnd = i;
        continue;
      }
      // A capital not right after sentence punctuation (or a line break) marks a name.
      let sentenceStart = prevEnd < 0;
      if (!sentenceStart) {
        let j = at - 1;
        while (j >= prevEnd && isSpace(text.charCodeAt(j))) j--;
        sentenceStart = j >= prevEnd && isSentencePunct(text.charCodeAt(j));
        for (let k = prevEnd; !sentenceStart && k < at; k++) if (text.charCodeAt(k) === 10) sentenceStart = true;
      }
      const isName =
        !sentenceStart &&
        (c < 128 ? c >= 65 && c <= 90 : UPPER_FIRST.test(text.slice(at, at + w0))) &&
        !CALENDAR.has(e.t);
      occur(e, at, ledeEnd, boostAll, isName, findNames);
      prevEnd = i;
    }
  };
  if (foreign) {
    addForeign(usAsWord(body), foreign, 1, LEDE_CHARS, true);
    if (title) addForeign(usAsWord(title), foreign, TITLE_BOOST, 0, false);
  } else {
    add(usAsWord(body), 1, LEDE_CHARS, true);
    if (title) add(usAsWord(title), TITLE_BOOST, 0, false);
  }
  const tf = new Map<number, number>();
  const keys = new Uint32Array(count);
  let distinct = 0;
  for (let k = 0; k < count; k++) {
    const fh = occHashes[k];
    const h = names.has(occTerms[k]) ? (fh | NAME_BIT) >>> 0 : fh & ~NAME_BIT;
    const sum = tf.get(h);
    if (sum === undefined) {
      keys[distinct++] = h;
      tf.set(h, occWeights[k]);
    } else tf.set(h, sum + occWeights[k]);
  }
  if (occTerms.length > 1 << 16) {
    // An unusually long text: let its scratch arrays go.
    occTerms = [];
    occHashes = [];
    occWeights = [];
  }
  const terms = keys.slice(0, distinct).sort();
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
  const len = vec.terms.length;
  const w = new Float64Array(len);
  for (let i = 0; i < len; i++) w[i] = vec.tf[i] * idf(df[i], n);
  // The `keep` heaviest, ties to the smaller term; `vec.terms` is sorted, so taking them in index order gives them
  // sorted by hash, as the norm below sums them.
  const top = heaviest(vec.terms, w, keep);
  if (!top) return weighSorting(vec, w, keep);
  let norm = 0;
  for (let k = 0; k < top.length; k++) norm += w[top[k]] * w[top[k]];
  norm = Math.sqrt(norm) || 1;
  const terms = new Uint32Array(top.length);
  const weights = new Float32Array(top.length);
  for (let k = 0; k < top.length; k++) {
    terms[k] = vec.terms[top[k]];
    weights[k] = w[top[k]] / norm;
  }
  return { terms, weights };
}

/** `weigh` by sorting indices, for inputs `heaviest` declines (unsorted terms, NaN weights). */
function weighSorting(vec: TermVector, w: Float64Array, keep: number): { terms: Uint32Array; weights: Float32Array } {
  const idx = Array.from(vec.terms.keys());
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

/**
 * Indices (ascending) of the `k` heaviest entries, ties going to the smaller term — the first `k` of a sort by weight
 * descending, then term ascending — found from the k-th largest weight instead of sorting the indices. Undefined
 * when the terms are not strictly ascending or a weight is NaN (the sort's order is then not this one).
 */
function heaviest(terms: Uint32Array, w: Float32Array | Float64Array, k: number): Int32Array | undefined {
  const len = terms.length;
  if (!Number.isInteger(k) || k < 0) return undefined;
  for (let i = 0; i < len; i++) if (w[i] !== w[i] || (i > 0 && terms[i - 1] >= terms[i])) return undefined;
  const take = Math.min(k, len);
  const out = new Int32Array(take);
  if (take === len) {
    for (let i = 0; i < len; i++) out[i] = i;
    return out;
  }
  if (take === 0) return out;
  const sorted = w.slice().sort();
  const v = sorted[len - take];
  let greater = 0;
  for (let i = 0; i < len; i++) if (w[i] > v) greater++;
  let ties = take - greater;
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (w[i] > v) out[n++] = i;
    else if (w[i] === v && ties > 0) {
      out[n++] = i;
      ties--;
    }
  }
  return out;
}

/** Cosine of two unit vectors given as sorted term hashes with weights. */
export function cosine(at: Uint32Array, aw: Float32Array, bt: Uint32Array, bw: Float32Array): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  // Branch-free steps (which side is behind is unpredictable); a match, rarer, branches.
  while (i < at.length && j < bt.length) {
    const x = at[i];
    const y = bt[j];
    if (x === y) dot += aw[i] * bw[j];
    i += +(x <= y);
    j += +(y <= x);
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
  const na = nameNorm(at, aw);
  const nb = nameNorm(bt, bw);
  if (na === 0 || nb === 0) return 0;
  let i = firstName(at);
  let j = firstName(bt);
  let dot = 0;
  while (i < at.length && j < bt.length) {
    const x = at[i];
    const y = bt[j];
    if (x === y) dot += aw[i] * bw[j];
    i += +(x <= y);
    j += +(y <= x);
  }
  return dot / Math.sqrt(na * nb);
}

/** The sum of the squared weights of a sorted vector's name terms (its tail, from `firstName`). */
export function nameNorm(t: Uint32Array, w: Float32Array): number {
  let n = 0;
  for (let k = firstName(t); k < t.length; k++) n += w[k] * w[k];
  return n;
}

/** Index of the first name term (high bit set) of a sorted term array. */
export function firstName(t: Uint32Array): number {
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
  const top = heaviest(terms, weights, k);
  if (top) return Uint32Array.from(top, (i) => terms[i]);
  const idx = Array.from(terms.keys()).sort((x, y) => weights[y] - weights[x] || terms[x] - terms[y]);
  return Uint32Array.from(idx.slice(0, k), (i) => terms[i]).sort();
}

/**
 * The terms an article puts in the inverted index and looks its neighbours up by: its `k` heaviest, or, for a text in
 * another language than English (`language`), its heaviest names and figures first (up to half of `k`), then its
 * heaviest other terms. Its other words seldom meet an English report's, and never when they are new to the store and
 * so weigh most; its names ("Raqqa", "UN" for "ONU") and figures do.
 */
export function postingTerms(
  terms: Uint32Array,
  weights: Float32Array,
  k: number,
  language: string | undefined,
): Uint32Array {
  if (!foreignLanguage(language)) return topTerms(terms, weights, k);
  const from = firstName(terms);
  const names = topTerms(terms.subarray(from), weights.subarray(from), k >> 1);
  const rest = topTerms(terms.subarray(0, from), weights.subarray(0, from), k - names.length);
  const out = new Uint32Array(names.length + rest.length);
  out.set(rest);
  out.set(names, rest.length);
  return out;
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
  let count = 0;
  for (let i = 0; i < vec.terms.length; i++) if (df[i] <= limit) count++;
  const out = new Uint32Array(count);
  count = 0;
  for (let i = 0; i < vec.terms.length; i++) if (df[i] <= limit) out[count++] = vec.terms[i];
  return out;
}

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
