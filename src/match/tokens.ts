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

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push(m[0].toLowerCase().replace(/['’]/g, ''));
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return {
    start: Uint32Array.from(starts),
    end: Uint32Array.from(ends),
    hash: Uint32Array.from(words, fnv1a),
    words,
  };
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
