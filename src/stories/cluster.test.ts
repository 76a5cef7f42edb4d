import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neighbourCosines } from './cluster.js';
import { cosine, NAME_BIT, nameCosine, nameNorm } from './terms.js';

/** A sorted term vector with some name terms (high bit set) and positive float32 weights. */
const vecArb = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }).map((x) => (x | NAME_BIT) >>> 0),
    ),
    {
      maxLength: 30,
    },
  )
  .chain((terms) =>
    fc
      .array(fc.float({ min: Math.fround(0.01), max: 1, noNaN: true }), {
        minLength: terms.length,
        maxLength: terms.length,
      })
      .map((w) => ({ terms: Uint32Array.from(terms).sort(), weights: Float32Array.from(w) })),
  );

describe('neighbourCosines', () => {
  it('gives cosine and nameCosine in one pass, to the bit', () => {
    fc.assert(
      fc.property(vecArb, vecArb, (a, b) => {
        const out = new Float64Array(2);
        neighbourCosines(a.terms, a.weights, b.terms, b.weights, nameNorm(b.terms, b.weights), out);
        expect(out[0]).toBe(cosine(a.terms, a.weights, b.terms, b.weights));
        expect(out[1]).toBe(nameCosine(a.terms, a.weights, b.terms, b.weights));
      }),
      { numRuns: 2000 },
    );
  });
});
