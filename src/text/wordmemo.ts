import { detached } from './memo.js';

/** FNV-1a (text/hash.ts) of a word, kept as a signed 32-bit integer while a scanner adds code units to it. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * A memo of a pure function of a word, looked up by the word's place in a text and its FNV-1a hash, so that a scanner
 * that hashes the word as it reads it finds the answer without slicing the word out (a Map would need a new string
 * per word, and hash it again). Open addressing with linear probing in a table at most 3/8 full. Bounded: when it
 * holds `max` words it starts again empty.
 */
export class WordMemo<V> {
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly hashes: Int32Array;
  private words: string[] = [];
  private values: V[] = [];

  constructor(
    private readonly compute: (word: string) => V,
    private readonly max: number,
  ) {
    const bits = Math.ceil(Math.log2((max * 8) / 3));
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.hashes = new Int32Array(max);
  }

  /** The value for `text.slice(start, end)`, whose FNV-1a hash is `hash`. */
  get(text: string, start: number, end: number, hash: number): V {
    hash |= 0;
    const len = end - start;
    const mask = this.slots.length - 1;
    // Fibonacci hashing: the top bits of the product spread FNV's weak low bits over the table.
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (let e = this.slots[slot]; e !== 0; e = this.slots[slot]) {
      const i = e - 1;
      if (this.hashes[i] === hash) {
        const w = this.words[i];
        if (w.length === len && sameText(w, text, start)) return this.values[i];
      }
      slot = (slot + 1) & mask;
    }
    const word = detached(text.slice(start, end));
    const v = this.compute(word);
    if (this.words.length >= this.max) {
      this.clear();
      slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    }
    const i = this.words.length;
    this.words.push(word);
    this.values.push(v);
    this.hashes[i] = hash;
    this.slots[slot] = i + 1;
    return v;
  }

  private clear(): void {
    this.slots.fill(0);
    this.words = [];
    this.values = [];
  }
}

function sameText(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
