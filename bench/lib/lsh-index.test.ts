import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_SIZE } from '../../src/fingerprint/minhash.js';
import { candidateProbability } from '../../src/match/lsh.js';
import { overlap } from '../../src/match/verify.js';
import { BandIndex, jaccardAtLeast, layoutFor } from './lsh-index.js';

/** Sorted distinct values. */
const sorted = (xs: number[]) => Uint32Array.from(new Set(xs)).sort();

describe('layoutFor', () => {
  it('returns the longest bands that still reach the recall at the threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (t, r) => {
          const { rows, bands } = layoutFor(t, r, SIGNATURE_SIZE);
          expect(bands).toBe(Math.floor(SIGNATURE_SIZE / rows));
          if (rows > 1) expect(candidateProbability(t, rows, bands)).toBeGreaterThanOrEqual(r);
          expect(candidateProbability(t, rows + 1, Math.floor(SIGNATURE_SIZE / (rows + 1)))).toBeLessThan(r);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('BandIndex', () => {
  /** The reference: a map from key to documents, each pair of a bucket once (as the bench's harness did). */
  function mapPairs(docs: number[][]): Set<string> {
    const buckets = new Map<number, number[]>();
    docs.forEach((keys, d) => {
      for (const k of keys) {
        const list = buckets.get(k);
        if (list) list.push(d);
        else buckets.set(k, [d]);
      }
    });
    const out = new Set<string>();
    for (const list of buckets.values())
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (list[i] !== list[j]) out.add(`${Math.min(list[i], list[j])} ${Math.max(list[i], list[j])}`);
    return out;
  }

  it('visits every pair of documents sharing a key exactly once, a < b', () => {
    // Keys from a small range collide often, across bands and within one document's bands too.
    const key = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.nat({ max: 0xffffffff }));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(key, { minLength: 6, maxLength: 6 }), { maxLength: 40 }),
        (bands, rows) => {
          const docs = rows.map((r) => r.slice(0, bands));
          const index = new BandIndex(bands, 2);
          docs.forEach((k, d) => expect(index.add(Uint32Array.from(k))).toBe(d));
          expect(index.size).toBe(docs.length);
          const got: string[] = [];
          const n = index.forEachCandidate((a, b) => {
            expect(a).toBeLessThan(b);
            got.push(`${a} ${b}`);
          });
          expect(n).toBe(got.length);
          expect(new Set(got).size).toBe(got.length);
          expect(new Set(got)).toEqual(mapPairs(docs));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds nothing in an empty index', () => {
    expect(new BandIndex(4).forEachCandidate(() => expect.unreachable())).toBe(0);
  });
});

describe('jaccardAtLeast', () => {
  it('is the exact Jaccard of overlap() when that reaches the threshold, else -1', () => {
    const values = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.nat({ max: 0xffffffff }));
    const threshold = fc.oneof(fc.constantFrom(0, 0.5, 1, 1 / 3, 0.9), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(values, { maxLength: 120 }), fc.array(values, { maxLength: 120 }), threshold, (a, b, t) => {
        const sa = sorted(a);
        const sb = sorted(b);
        const want = overlap(sa, sb).jaccard;
        expect(jaccardAtLeast(sa, sb, t)).toBe(want >= t ? want : -1);
      }),
      { numRuns: 3000 },
    );
  });

  it('decides pairs right at the threshold', () => {
    // 2 shared of 4 distinct: J = 0.5 exactly; 2 of 5: 0.4.
    expect(jaccardAtLeast(Uint32Array.of(1, 2, 3), Uint32Array.of(1, 2, 4), 0.5)).toBe(0.5);
    expect(jaccardAtLeast(Uint32Array.of(1, 2, 3), Uint32Array.of(1, 2, 4, 5), 0.5)).toBe(-1);
    expect(jaccardAtLeast(new Uint32Array(0), new Uint32Array(0), 0.5)).toBe(-1);
  });
});
