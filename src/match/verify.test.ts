import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaccardAtLeast, overlap } from './verify.js';

/** Exact overlap by JavaScript sets: the reference the merge pass must equal. */
function setOverlap(a: number[], b: number[]) {
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  const union = sa.size + sb.size - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containmentA: sa.size === 0 ? 0 : shared / sa.size,
    containmentB: sb.size === 0 ? 0 : shared / sb.size,
    shared,
  };
}

const sorted = (xs: number[]) => Uint32Array.from(new Set(xs)).sort();

describe('overlap', () => {
  it('equals the Set-based Jaccard and containments on random sets', () => {
    // A small value range makes shared elements common; the full range checks unsigned order above 2^31.
    const values = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.nat({ max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(values, { maxLength: 200 }), fc.array(values, { maxLength: 200 }), (a, b) => {
        const got = overlap(sorted(a), sorted(b));
        const want = setOverlap(a, b);
        expect(got.shared).toBe(want.shared);
        expect(got.jaccard).toBeCloseTo(want.jaccard, 12);
        expect(got.containmentA).toBeCloseTo(want.containmentA, 12);
        expect(got.containmentB).toBeCloseTo(want.containmentB, 12);
      }),
      { numRuns: 500 },
    );
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
