import { FNV_OFFSET, FNV_PRIME, fmix32 } from './hash.js';

/**
 * Word 5-shingles hashed in one pass over the text: each word is hashed (FNV-1a over its lower-cased code units) as
 * it is read, the last five word hashes sit in a ring, and each window is combined into one 32-bit shingle hash.
 * No word or shingle string is ever built.
 */

/** Words per shingle. Five words is long enough that a shared shingle is rarely chance and short enough to survive light edits. */
export const SHINGLE_WORDS = 5;

/** Per-position multipliers so that "a b c d e" and "e d c b a" hash apart. Odd constants from the golden ratio. */
const MUL = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];

/** Is this UTF-16 code unit part of a word? ASCII by table; other scripts by Unicode class. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;
const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;

export function isWordUnit(c: number, s: string, i: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters: keep surrogate pairs inside words
  return c !== 0x2019 && c !== 0x2018 && c !== 0x201c && c !== 0x201d && UNICODE_WORD.test(s[i]);
}

function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  return c; // non-ASCII case folding is left out: outlets rarely vary case inside non-Latin words
}

/** Word hashes of a text, in order (apostrophes inside words are skipped so "it's" and "its" hash alike). */
export function wordHashes(text: string, out?: Uint32Array): Uint32Array {
  let buf = out ?? new Uint32Array(Math.max(16, text.length >> 2));
  let n = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordUnit(c, text, i)) {
      h = Math.imul(h ^ lower(c), FNV_PRIME);
      inWord = true;
    } else if (
      inWord &&
      (c === 39 || c === 0x2019) &&
      i + 1 < text.length &&
      isWordUnit(text.charCodeAt(i + 1), text, i + 1)
    ) {
      // apostrophe inside a word: skip it
    } else if (inWord) {
      if (n === buf.length) buf = grow(buf);
      buf[n++] = h >>> 0;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) {
    if (n === buf.length) buf = grow(buf);
    buf[n++] = h >>> 0;
  }
  return buf.subarray(0, n);
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Hash of the shingle of `k` words starting at `i`. */
export function shingleHash(words: Uint32Array, i: number, k = SHINGLE_WORDS): number {
  let h = 0;
  for (let j = 0; j < k; j++) h = (h + Math.imul(words[i + j], MUL[j % MUL.length])) | 0;
  return fmix32(h);
}

/**
 * Sorted, distinct shingle hashes of a text. A text shorter than one shingle gets one shingle of all its words, so
 * that two identical one-line texts still match.
 */
export function shingleSet(text: string): Uint32Array {
  const words = wordHashes(text);
  if (words.length === 0) return new Uint32Array(0);
  const k = Math.min(SHINGLE_WORDS, words.length);
  const n = words.length - k + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = shingleHash(words, i, k);
  out.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[m - 1]) out[m++] = out[i];
  return out.slice(0, m);
}
