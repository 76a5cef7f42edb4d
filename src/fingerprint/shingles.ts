import { FNV_OFFSET, FNV_PRIME, fmix32 } from './hash.js';

/**
 * Word 5-shingles hashed in one pass over the text: each word is hashed (FNV-1a over its lower-cased code units) as
 * it is read, the last five word hashes sit in locals, and each window is combined into one 32-bit shingle hash as
 * its last word ends. No word or shingle string is ever built, and nothing is allocated per word or shingle: the
 * hashes go into a scratch buffer reused from call to call, and only the sorted, distinct set is copied out.
 */

/** Words per shingle. Five words is long enough that a shared shingle is rarely chance and short enough to survive light edits. */
export const SHINGLE_WORDS = 5;

/** Per-position multipliers so that "a b c d e" and "e d c b a" hash apart. Odd constants from the golden ratio. */
const MUL = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
const M0 = MUL[0] | 0;
const M1 = MUL[1] | 0;
const M2 = MUL[2] | 0;
const M3 = MUL[3] | 0;
const M4 = MUL[4] | 0;

/** ASCII code unit → its lower-cased code when it is part of a word (letters, digits), else 0. */
const ASCII_LOWER = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_LOWER[c] = c;
for (let c = 65; c <= 90; c++) ASCII_LOWER[c] = c + 32;
for (let c = 97; c <= 122; c++) ASCII_LOWER[c] = c;
const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;
/** Other code units by Unicode class, looked up once each and remembered: 0 not yet seen, 1 word, 2 not a word. */
const OTHER_CLASS = new Uint8Array(65536);

/** Is this code unit (≥ 128) part of a word? The slow path: Unicode classes by regular expression, once per unit. */
function otherIsWord(c: number): boolean {
  let k = OTHER_CLASS[c];
  if (k === 0) {
    const word =
      (c >= 0xd800 && c <= 0xdfff) || // astral letters: keep surrogate pairs inside words
      (c !== 0x2019 && c !== 0x2018 && c !== 0x201c && c !== 0x201d && UNICODE_WORD.test(String.fromCharCode(c)));
    k = word ? 1 : 2;
    OTHER_CLASS[c] = k;
  }
  return k === 1;
}

/** Is this UTF-16 code unit part of a word? ASCII by table; other scripts by Unicode class. */
export function isWordUnit(c: number): boolean {
  return c < 128 ? ASCII_LOWER[c] !== 0 : otherIsWord(c);
}

/** Is the code unit at `i` an apostrophe inside a word (a word unit follows)? Such apostrophes are skipped. */
function innerApostrophe(text: string, c: number, i: number): boolean {
  return (c === 39 || c === 0x2019) && i + 1 < text.length && isWordUnit(text.charCodeAt(i + 1));
}

function grow(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Word hashes of a text, in order (apostrophes inside words are skipped so "it's" and "its" hash alike). Non-ASCII
 * code units are not case-folded: outlets rarely vary case inside non-Latin words.
 */
export function wordHashes(text: string, out?: Uint32Array): Uint32Array {
  let buf = out ?? new Uint32Array(Math.max(16, text.length >> 2));
  let n = 0;
  let h = FNV_OFFSET | 0;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const l = c < 128 ? ASCII_LOWER[c] : otherIsWord(c) ? c : 0;
    if (l !== 0) {
      h = Math.imul(h ^ l, FNV_PRIME);
      inWord = true;
    } else if (inWord && !innerApostrophe(text, c, i)) {
      if (n === buf.length) buf = grow(buf, 16);
      buf[n++] = h;
      h = FNV_OFFSET | 0;
      inWord = false;
    }
  }
  if (inWord) {
    if (n === buf.length) buf = grow(buf, 16);
    buf[n++] = h;
  }
  return buf.subarray(0, n);
}

/** Scratch buffer for the shingle hashes of one text, reused from call to call. */
let scratch = new Uint32Array(1 << 12);
/** The largest scratch buffer kept between calls (4 MB). */
const SCRATCH_KEPT = 1 << 20;

/**
 * Sorted, distinct shingle hashes of a text. A text shorter than one shingle gets one shingle of all its words, so
 * that two identical one-line texts still match. One pass: lower-case, split into words and hash each window as it
 * completes.
 */
export function shingleSet(text: string): Uint32Array {
  const len = text.length;
  // A word takes at least one code unit and a break, so there are at most len/2 + 1 windows.
  let out = scratch;
  if (out.length < (len >> 1) + 2) {
    out = new Uint32Array((len >> 1) + 2);
    // A buffer for one very long text is not kept.
    if (out.length <= SCRATCH_KEPT) scratch = out;
  }
  let m = 0;
  let words = 0;
  // The last five word hashes, oldest first.
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let w4 = 0;
  let h = FNV_OFFSET | 0;
  let inWord = false;
  for (let i = 0; i <= len; i++) {
    // One break past the end closes the last word.
    const c = i < len ? text.charCodeAt(i) : 32;
    const l = c < 128 ? ASCII_LOWER[c] : otherIsWord(c) ? c : 0;
    if (l !== 0) {
      h = Math.imul(h ^ l, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      if (c >= 128 || c === 39) {
        if (innerApostrophe(text, c, i)) continue;
      }
      w0 = w1;
      w1 = w2;
      w2 = w3;
      w3 = w4;
      w4 = h;
      h = FNV_OFFSET | 0;
      inWord = false;
      if (++words >= SHINGLE_WORDS) {
        out[m++] = fmix32(
          (Math.imul(w0, M0) + Math.imul(w1, M1) + Math.imul(w2, M2) + Math.imul(w3, M3) + Math.imul(w4, M4)) | 0,
        );
      }
    }
  }
  if (words === 0) return new Uint32Array(0);
  if (words < SHINGLE_WORDS) {
    // One shingle of all the words: they sit at the newest end of the window.
    const last = [w0, w1, w2, w3, w4].slice(SHINGLE_WORDS - words);
    let x = 0;
    for (let j = 0; j < words; j++) x = (x + Math.imul(last[j], MUL[j])) | 0;
    return Uint32Array.of(fmix32(x));
  }
  const sorted = out.subarray(0, m).sort();
  let d = 1;
  for (let i = 1; i < m; i++) {
    const v = sorted[i];
    if (v !== sorted[d - 1]) sorted[d++] = v;
  }
  return sorted.slice(0, d);
}
