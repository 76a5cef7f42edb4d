import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/lib/random.js';
import { LookUpIndex } from './look-up-index.js';
import { RECENT_POSTINGS } from './types.js';

/** A seeded generator of integers below `n`, so a failure repeats. */
function generator(seed: number) {
  const next = mulberry32(seed);
  return (n: number) => Math.floor(next() * n);
}

describe('LookUpIndex', () => {
  it('answers as a plain map of keys, postings and counts would, through its growth', () => {
    const rnd = generator(3);
    // Small tables, so that the slots and the entries grow many times; few distinct values, so that chains are long.
    const ix = new LookUpIndex(2);
    const bands = new Map<number, Set<number>>();
    const posted = new Map<number, number[]>();
    const df = new Map<number, number>();
    const draw = (n: number, range: number) => Uint32Array.from({ length: n }, () => rnd(range) * 0x9e3779b1);
    for (let seq = 1; seq <= 3000; seq++) {
      const keys = draw(8, 5000);
      const posting = draw(4, 40);
      const terms = draw(6, 300);
      ix.add(seq, `a${seq}`, keys, posting, terms);
      for (const k of keys) bands.set(k, (bands.get(k) ?? new Set()).add(seq));
      for (const t of new Set(posting)) posted.set(t, [...(posted.get(t) ?? []), seq]);
      for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    }
    expect(ix.size).toBe(3000);
    expect(ix.upTo).toBe(3000);
    for (let q = 0; q < 200; q++) {
      const keys = draw(8, 5200);
      const want = new Set<number>();
      for (const k of keys) for (const s of bands.get(k) ?? []) want.add(s);
      expect(ix.bandSeqs(keys)).toEqual([...want].sort((a, b) => a - b));

      const terms = draw(5, 45);
      const votes = new Map<number, number>();
      for (const t of terms)
        for (const s of (posted.get(t) ?? []).slice(-RECENT_POSTINGS)) votes.set(s, (votes.get(s) ?? 0) + 1);
      const best = [...votes].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, 64);
      expect(ix.termSeqs(terms, 64)).toEqual(best.map(([s]) => s));

      const t = draw(1, 310)[0];
      expect(ix.documentFrequency(t)).toBe(df.get(t) ?? 0);
    }
    expect(ix.idOf(1234)).toBe('a1234');
    expect(ix.idOf(3001)).toBeUndefined();
  });

  it('counts document frequencies of many distinct terms, through the growth of its table', () => {
    const rnd = generator(11);
    const ix = new LookUpIndex();
    const want = new Map<number, number>();
    const none = new Uint32Array();
    for (let seq = 1; seq <= 4000; seq++) {
      // Terms spread over the whole 32-bit range, some repeated across articles.
      const terms = Uint32Array.from({ length: 60 }, () => (rnd(150_000) * 2654435761) >>> 0);
      ix.add(seq, `a${seq}`, none, none, terms);
      for (const t of new Set(terms)) want.set(t, (want.get(t) ?? 0) + 1);
    }
    expect(want.size).toBeGreaterThan(100_000);
    for (const [t, n] of want) expect(ix.documentFrequency(t)).toBe(n);
    expect(ix.documentFrequency(0xffffffff)).toBe(want.get(0xffffffff) ?? 0);
  });

  it('keeps only the most recent postings of a term in play', () => {
    const ix = new LookUpIndex();
    const none = new Uint32Array();
    for (let seq = 1; seq <= 3 * RECENT_POSTINGS; seq++) ix.add(seq, `a${seq}`, none, Uint32Array.from([9]), none);
    const got = ix.termSeqs(Uint32Array.from([9]), 10 * RECENT_POSTINGS);
    expect(got.length).toBe(RECENT_POSTINGS);
    expect(Math.min(...got)).toBe(2 * RECENT_POSTINGS + 1);
  });

  it('counts an article once per key and term, however often they repeat in it', () => {
    const ix = new LookUpIndex();
    ix.add(1, 'a1', Uint32Array.from([4, 4, 4]), Uint32Array.from([2, 2]), Uint32Array.from([7, 7]));
    ix.add(2, 'a2', Uint32Array.from([4]), Uint32Array.from([2]), Uint32Array.from([7]));
    expect(ix.bandSeqs(Uint32Array.from([4, 4]))).toEqual([1, 2]);
    expect(ix.termSeqs(Uint32Array.from([2]), 5)).toEqual([2, 1]);
    expect(ix.documentFrequency(7)).toBe(2);
  });

  it('reads back from a snapshot what it held, and goes on growing from there', () => {
    const rnd = generator(7);
    const draw = (n: number, range: number) => Uint32Array.from({ length: n }, () => rnd(range) * 0x9e3779b1);
    const articles = Array.from({ length: 2000 }, (_, i) => ({
      seq: i + 1,
      keys: draw(8, 3000),
      posting: draw(4, 60),
      terms: draw(6, 400),
    }));
    const whole = new LookUpIndex(2);
    for (const a of articles) whole.add(a.seq, `a${a.seq}`, a.keys, a.posting, a.terms);
    const half = new LookUpIndex(2);
    for (const a of articles.slice(0, 1000)) half.add(a.seq, `a${a.seq}`, a.keys, a.posting, a.terms);
    const bytes = Buffer.concat(half.toSnapshot({ upTo: 1000, note: 'x' }));
    expect(LookUpIndex.snapshotStamp(bytes)).toEqual({ upTo: 1000, note: 'x' });
    // At an odd offset in memory, as a slice of a larger buffer may be.
    const shifted = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
    const back = LookUpIndex.fromSnapshot(shifted)!;
    expect(back.size).toBe(1000);
    expect(back.upTo).toBe(1000);
    for (const a of articles.slice(1000)) back.add(a.seq, `a${a.seq}`, a.keys, a.posting, a.terms);
    expect(back.size).toBe(whole.size);
    for (let q = 0; q < 100; q++) {
      const keys = draw(8, 3100);
      expect(back.bandSeqs(keys)).toEqual(whole.bandSeqs(keys));
      const terms = draw(5, 65);
      expect(back.termSeqs(terms, 64)).toEqual(whole.termSeqs(terms, 64));
      const t = draw(1, 410)[0];
      expect(back.documentFrequency(t)).toBe(whole.documentFrequency(t));
    }
    expect(back.idOf(1500)).toBe('a1500');
  });

  it('refuses bytes that are not a whole snapshot', () => {
    const ix = new LookUpIndex();
    ix.add(1, 'a1', Uint32Array.from([4]), Uint32Array.from([2]), Uint32Array.from([7]));
    const bytes = Buffer.concat(ix.toSnapshot({}));
    expect(LookUpIndex.fromSnapshot(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(LookUpIndex.fromSnapshot(Buffer.concat([bytes, Buffer.alloc(8)]))).toBeUndefined();
    expect(LookUpIndex.fromSnapshot(Buffer.from('not a snapshot\n'))).toBeUndefined();
    expect(LookUpIndex.snapshotStamp(Buffer.from('{"format":0,"stamp":{},"bytes":[]}\n'))).toBeUndefined();
  });
});
