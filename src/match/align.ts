import { stemmer } from 'stemmer';
import type { Alignment, Passage, Span } from '../model/index.js';
import { memoise } from '../text/memo.js';
import { isStopword } from '../text/stopwords.js';
import { tokenize, tokenRange, type Tokens } from './tokens.js';

/**
 * Passage alignment of two articles. Verbatim passages by seed-and-extend (the method of BLAST, and of passim for text
 * reuse): every shared run of `SEED_WORDS` words seeds a match that is extended word by word, and matches in the same
 * order separated by short gaps on both sides merge into one passage (an edited quotation is still one quotation).
 * Paraphrased sentences by the overlap of their stemmed content words (Dice coefficient), for sentences not already
 * mostly verbatim. Spans are into each body.
 */

export interface AlignSide {
  body: string;
  /** Sentence spans into the body. */
  sentences: Span[];
}

/**
 * Words in a verbatim seed: one fewer than a 5-word shingle, so that a reused clause with a word changed every fifth
 * word is still found (a seed is extended and merged across gaps, and a passage of one lone seed is four words).
 * On the METER courts dev set (BENCHMARKS.md) 4-word seeds covered derived newspaper text better than 5 or 3:
 * best 3-way macro-F1 of the covered share .644 against .630 (5) and .631 (3).
 */
export const SEED_WORDS = 4;
/** Matches this close on both sides (in words) merge into one passage. */
export const MAX_GAP_WORDS = 6;
/** Positions of a seed in A examined; a phrase repeated more often than this is boilerplate. */
export const MAX_SEED_REPEATS = 8;
/** Dice coefficient of stemmed content words above which two sentences are a paraphrase. */
export const PARAPHRASE_DICE = 0.35;
/** Content words two sentences must share to be a paraphrase, whatever their Dice. */
export const PARAPHRASE_MIN_SHARED = 4;
/**
 * A sentence this much covered by one verbatim passage is verbatim, not a paraphrase candidate. A sentence stitched
 * from several short verbatim pieces is a rewrite around kept phrases and is aligned as a paraphrase.
 */
export const VERBATIM_SENTENCE = 0.6;
/**
 * Content words (not function words or reporting verbs) a verbatim passage must hold: "the ministry said that" is
 * every statement's phrasing, not reuse of this one ("private and public properties" is).
 */
export const MIN_VERBATIM_CONTENT = 2;

interface Match {
  i: number;
  j: number;
  len: number;
  matched: number;
}

export function align(A: AlignSide, B: AlignSide): Alignment {
  const ta = tokensOf(A.body);
  const tb = tokensOf(B.body);
  const groups = verbatimMatches(ta, tb);
  // A group of runs merged across short gaps is one reused passage (what the paraphrase step must not align again);
  // it is reported as its verbatim runs and, where both sides have words between two runs, the substitution.
  let passages: Passage[] = [];
  for (const g of groups) {
    g.runs.forEach((r, k) => {
      passages.push({
        a: [ta.start[r.i], ta.end[r.i + r.len - 1]],
        b: [tb.start[r.j], tb.end[r.j + r.len - 1]],
        kind: 'verbatim',
        score: 1,
      });
      const next = g.runs[k + 1];
      if (next && next.i > r.i + r.len && next.j > r.j + r.len)
        passages.push({
          a: [ta.start[r.i + r.len], ta.end[next.i - 1]],
          b: [tb.start[r.j + r.len], tb.end[next.j - 1]],
          kind: 'substitution',
          score: 0,
        });
    });
  }
  const reused = groups.map((m) => [tb.start[m.j], tb.end[m.j + m.lenB - 1]] as Span);
  passages = addParaphrases(A, B, ta, tb, passages, reused);
  passages.sort((x, y) => x.b[0] - y.b[0] || x.a[0] - y.a[0]);
  return {
    passages,
    coverageA: coverage(
      passages.map((p) => p.a),
      A.body,
    ),
    coverageB: coverage(
      passages.map((p) => p.b),
      B.body,
    ),
  };
}

/**
 * The words of the bodies aligned last, the least recently used dropped first: the engine aligns a new article with up
 * to three related ones in a row, and tokenising it again for each was most of tokenize's 4.7% of the main thread
 * (profile at 180,000 articles); a story's central members are aligned again with each article that joins it.
 */
const TOKEN_MEMO_SIZE = 32;
const tokenMemo = new Map<string, Tokens>();

function tokensOf(body: string): Tokens {
  let t = tokenMemo.get(body);
  if (t) tokenMemo.delete(body);
  else {
    t = tokenize(body);
    if (tokenMemo.size >= TOKEN_MEMO_SIZE) tokenMemo.delete(tokenMemo.keys().next().value!);
  }
  tokenMemo.set(body, t);
  return t;
}

function seedHash(t: Tokens, i: number): number {
  let h = 0;
  for (let k = 0; k < SEED_WORDS; k++) h = (Math.imul(h, 0x01000193) ^ t.hash[i + k]) >>> 0;
  return h;
}

/** Verbatim runs as (A start, B start, A length, B length, words matched), merged across short gaps. */
function verbatimMatches(ta: Tokens, tb: Tokens): Array<Match & { lenB: number; runs: Match[] }> {
  const na = ta.hash.length;
  const nb = tb.hash.length;
  if (na < SEED_WORDS || nb < SEED_WORDS) return [];
  const index = new Map<number, number[]>();
  for (let i = 0; i + SEED_WORDS <= na; i++) {
    const h = seedHash(ta, i);
    const list = index.get(h);
    if (list) list.push(i);
    else index.set(h, [i]);
  }
  const runs: Match[] = [];
  let j = 0;
  while (j + SEED_WORDS <= nb) {
    const list = index.get(seedHash(tb, j));
    let best: Match | undefined;
    if (list && list.length <= MAX_SEED_REPEATS) {
      for (const i of list) {
        let len = 0;
        while (i + len < na && j + len < nb && ta.hash[i + len] === tb.hash[j + len]) len++;
        if (len >= SEED_WORDS && (!best || len > best.len)) best = { i, j, len, matched: len };
      }
    }
    if (best) {
      // A run of function words and reporting verbs is nobody's text in particular: it neither counts nor anchors a
      // merge across a gap.
      if (contentWords(ta, best.i, best.i + best.len) >= MIN_VERBATIM_CONTENT) runs.push(best);
      j += best.len;
    } else j++;
  }
  // Merge runs in the same order on both sides across short gaps.
  const out: Array<Match & { lenB: number; runs: Match[] }> = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last) {
      const gapA = r.i - (last.i + last.len);
      const gapB = r.j - (last.j + last.lenB);
      if (gapA >= 0 && gapB >= 0 && gapA <= MAX_GAP_WORDS && gapB <= MAX_GAP_WORDS) {
        last.len = r.i + r.len - last.i;
        last.lenB = r.j + r.len - last.j;
        last.matched += r.len;
        last.runs.push(r);
        continue;
      }
    }
    out.push({ ...r, lenB: r.len, runs: [r] });
  }
  return out;
}

function contentWords(t: Tokens, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to && n < MIN_VERBATIM_CONTENT; k++) if (!isStopword(t.words[k])) n++;
  return n;
}

/**
 * Content stems of the sentences of the bodies tokenised last (`tokensOf`), per token range: the new article is aligned
 * with each of its closest members, and a story's central members with each article that joins it.
 */
const sentenceStems = new WeakMap<Tokens, Map<number, Set<string>>>();
const RANGE = 2 ** 26;

/** `contentStems` of a range of a tokenised body, kept with its tokens (read only). */
function rangeStems(t: Tokens, [from, to]: [number, number]): Set<string> {
  if (to >= RANGE) return contentStems(t, from, to);
  let memo = sentenceStems.get(t);
  if (!memo) {
    memo = new Map();
    sentenceStems.set(t, memo);
  }
  let stems = memo.get(from * RANGE + to);
  if (!stems) {
    stems = contentStems(t, from, to);
    memo.set(from * RANGE + to, stems);
  }
  return stems;
}

function contentStems(t: Tokens, from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let k = from; k < to; k++) {
    const w = t.words[k];
    if (w.length < 2 && !/\d/.test(w)) continue;
    if (isStopword(w)) continue;
    out.add(/\d/.test(w) ? w : stem(w));
  }
  return out;
}

/**
 * Porter stems of the words alignment compares, memoised (text/memo.ts): the same words come back in every pair, and
 * the stemmer's dozen regular expressions per word were 6% of an ingest's main thread at 180,000 articles.
 */
const STEM_MEMO_SIZE = 100_000;
const stem = memoise(stemmer, STEM_MEMO_SIZE);

/** Share of a span covered by the one passage that covers most of it. */
function longestShare(span: Span, spans: Span[]): number {
  const len = span[1] - span[0];
  if (len <= 0) return 0;
  let best = 0;
  for (const s of spans) best = Math.max(best, Math.min(s[1], span[1]) - Math.max(s[0], span[0]));
  return best / len;
}

/**
 * Each sentence of B that is not mostly one verbatim passage is paired with the A sentence (any, even one reused
 * verbatim elsewhere) whose content words it shares most;
 * a pair above the thresholds becomes a paraphrase passage, and verbatim runs and substitutions inside it are folded
 * into it. `vb`: the reused passages of B (verbatim runs merged across their substitutions).
 */
function addParaphrases(
  A: AlignSide,
  B: AlignSide,
  ta: Tokens,
  tb: Tokens,
  verbatim: Passage[],
  vb: Span[],
): Passage[] {
  const candA = A.sentences
    .map((s) => ({ span: s, stems: rangeStems(ta, tokenRange(ta, s)) }))
    .filter((s) => s.stems.size >= PARAPHRASE_MIN_SHARED);
  const paraphrases: Passage[] = [];
  for (const sb of B.sentences) {
    if (longestShare(sb, vb) >= VERBATIM_SENTENCE) continue;
    const stems = rangeStems(tb, tokenRange(tb, sb));
    if (stems.size < PARAPHRASE_MIN_SHARED) continue;
    let best: { span: Span; dice: number } | undefined;
    for (const sa of candA) {
      let shared = 0;
      for (const w of stems) if (sa.stems.has(w)) shared++;
      if (shared < PARAPHRASE_MIN_SHARED) continue;
      const dice = (2 * shared) / (stems.size + sa.stems.size);
      if (dice >= PARAPHRASE_DICE && (!best || dice > best.dice)) best = { span: sa.span, dice };
    }
    if (best) paraphrases.push({ a: best.span, b: sb, kind: 'paraphrase', score: round(best.dice) });
  }
  const inside = (inner: Span, outer: Span) => inner[0] >= outer[0] && inner[1] <= outer[1];
  const kept = verbatim.filter((v) => !paraphrases.some((p) => inside(v.a, p.a) && inside(v.b, p.b)));
  return [...kept, ...paraphrases];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function coveredLength(spans: Span[]): number {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -1;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

function coverage(spans: Span[], body: string): number {
  const len = body.length;
  return len === 0 ? 0 : Math.min(1, coveredLength(spans) / len);
}
