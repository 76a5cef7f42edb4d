import type { Span } from '../model/index.js';
import { fnv1a } from '../text/hash.js';

/** A word of a body with where it is and a hash of its normalised form. */
export interface Tokens {
  /** Start offsets of the words. */
  start: Uint32Array;
  end: Uint32Array;
  /** Hash of the lower-cased word without apostrophes. */
  hash: Uint32Array;
  /** Normalised words (lower case, no apostrophes). */
  words: string[];
}

/**
 * What a word is, as `/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}]+)*` /u would read it: letters, digits and combining
 * marks, with apostrophes inside ("it's", "O’Brien") when a letter or digit follows them. Scanned by hand, ASCII by
 * table: a regular expression's match objects were most of tokenize's cost in the pipeline profile.
 */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_ALNUM[c] = 1;
const WORD_UNIT = /^[\p{L}\p{N}\p{M}]/u;
const ALNUM = /^[\p{L}\p{N}]/u;

/** Length in code units of the code point at `i` when `re` accepts it, else 0. */
function unitAt(text: string, i: number, c: number, re: RegExp): number {
  if (c < 128) return ASCII_ALNUM[c];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return re.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return re.test(text[i]) ? 1 : 0;
}

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const cap = Math.max(16, text.length >> 2);
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  let hashes = new Uint32Array(cap);
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    const w0 = unitAt(text, i, c, WORD_UNIT);
    if (w0 === 0) {
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < len && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    const at = i;
    i = runEnd(text, i + w0, WORD_UNIT);
    let apostrophe = false;
    while (i + 1 < len) {
      const d = text.charCodeAt(i);
      if (d !== 39 && d !== 0x2019) break;
      if (unitAt(text, i + 1, text.charCodeAt(i + 1), ALNUM) === 0) break;
      apostrophe = true;
      i = runEnd(text, i + 1, ALNUM);
    }
    const lower = text.slice(at, i).toLowerCase();
    const word = apostrophe ? lower.replace(/['’]/g, '') : lower;
    if (n === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
      hashes = grow(hashes);
    }
    words.push(word);
    starts[n] = at;
    ends[n] = i;
    hashes[n] = fnv1a(word);
    n++;
  }
  return { start: starts.slice(0, n), end: ends.slice(0, n), hash: hashes.slice(0, n), words };
}

/** Where the run of code points that `re` accepts, starting at `i`, ends. */
function runEnd(text: string, i: number, re: RegExp): number {
  for (;;) {
    const w = i < text.length ? unitAt(text, i, text.charCodeAt(i), re) : 0;
    if (w === 0) return i;
    i += w;
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Index of the first token starting at or after `offset`. */
export function tokenAt(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The token range [from, to) of the words inside a span. */
export function tokenRange(t: Tokens, span: Span): [number, number] {
  return [tokenAt(t, span[0]), tokenAt(t, span[1])];
}
