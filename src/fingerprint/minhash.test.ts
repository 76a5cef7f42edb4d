import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32 } from './hash.js';
import { minhash, SIGNATURE_SIZE } from './minhash.js';

/** The reference: the signature as computed before the mixing was written out and the probes tabled. */
function referenceMinhash(shingles: Uint32Array): Uint32Array {
  const EMPTY = 0xffffffff;
  const out = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  for (const x of shingles) {
    const bin = fmix32(x) >>> (32 - Math.log2(SIGNATURE_SIZE));
    const v = fmix32(x ^ 0x9747b28c);
    if (v < out[bin]) out[bin] = v;
  }
  if (shingles.length === 0) return out;
  const src = out.slice();
  for (let i = 0; i < out.length; i++) {
    if (src[i] !== EMPTY) continue;
    for (let attempt = 1; ; attempt++) {
      const j = fmix32(Math.imul(i + 1, 0x9e3779b1) ^ attempt) & (out.length - 1);
      if (src[j] !== EMPTY) {
        out[i] = src[j];
        break;
      }
    }
  }
  return out;
}

describe('minhash against the reference signature', () => {
  it('gives the same values for sets of every size, sparse ones (most bins borrowed) included', () => {
    const reused = new Uint32Array(SIGNATURE_SIZE);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uniqueArray(fc.nat({ max: 0xffffffff }), { maxLength: 8 }),
          fc.uniqueArray(fc.nat({ max: 0xffffffff }), { maxLength: 600 }),
        ),
        (xs) => {
          const set = Uint32Array.from(xs).sort();
          const want = Array.from(referenceMinhash(set));
          expect(Array.from(minhash(set))).toEqual(want);
          expect(Array.from(minhash(set, reused))).toEqual(want);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
