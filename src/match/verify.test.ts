import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlap } from './verify.js';

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
