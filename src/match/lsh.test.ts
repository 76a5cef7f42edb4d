import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minhash, SIGNATURE_SIZE } from '../fingerprint/minhash.js';
import { bandKeys, candidateProbability, STORE_ROWS } from './lsh.js';

/** Sorted sets of distinct 32-bit values with `shared` common elements, from a seeded xorshift generator. */
function pair(shared: number, only: number, seed: number): [Uint32Array, Uint32Array] {
  let s = seed >>> 0 || 1;
  const used = new Set<number>();
  const fresh = (n: number) => {
    const out: number[] = [];
    while (out.length < n) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const v = s >>> 0;
      if (!used.has(v)) {
        used.add(v);
        out.push(v);
      }
    }
    return out;
  };
  const common = fresh(shared);
  return [Uint32Array.from([...common, ...fresh(only)]).sort(), Uint32Array.from([...common, ...fresh(only)]).sort()];
}

function candidates(a: Uint32Array, b: Uint32Array, rows: number): boolean {
  const ka = bandKeys(minhash(a), rows);
  const kb = bandKeys(minhash(b), rows);
  for (let i = 0; i < ka.length; i++) if (ka[i] === kb[i]) return true;
  return false;
}

describe('bandKeys', () => {
  it('gives one key per band, equal exactly when the band is equal (up to 32-bit collisions)', () => {
    fc.assert(
      fc.property(
        fc.uint32Array({ minLength: SIGNATURE_SIZE, maxLength: SIGNATURE_SIZE }),
        fc.integer({ min: 0, max: SIGNATURE_SIZE - 1 }),
        fc.integer({ min: 1, max: 8 }),
        (sig, pos, rows) => {
          const keys = bandKeys(sig, rows);
          expect(keys.length).toBe(Math.floor(SIGNATURE_SIZE / rows));
          const other = sig.slice();
          other[pos] = (other[pos] + 1) >>> 0;
          const keys2 = bandKeys(other, rows);
          for (let b = 0; b < keys.length; b++) {
            const inBand = pos >= b * rows && pos < (b + 1) * rows;
            expect(keys2[b] === keys[b]).toBe(!inBand);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(bandKeys(new Uint32Array(SIGNATURE_SIZE)).length).toBe(SIGNATURE_SIZE / STORE_ROWS);
  });

  it('makes candidates at the rate 1 − (1 − J^rows)^bands predicts', () => {
    // 300 random pairs per Jaccard level; a binomial rate over 300 trials has a standard error ≤ 0.029, so 0.1 is
    // over 3 standard errors, while a wrong layout (rows off by one) moves the rate by 0.1–0.4 at these levels.
    const trials = 300;
    for (const [rows, shared, only] of [
      [4, 100, 50], // J = 0.5
      [5, 120, 40], // J = 0.6
      [3, 60, 90], // J = 0.25
      [8, 150, 25], // J = 0.75
    ]) {
      const j = shared / (shared + 2 * only);
      let hits = 0;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(shared, only, 7919 * (t + 1) + rows);
        if (candidates(a, b, rows)) hits++;
      }
      const expected = candidateProbability(j, rows, Math.floor(SIGNATURE_SIZE / rows));
      expect(Math.abs(hits / trials - expected)).toBeLessThan(0.1);
    }
  });
});
