import { beforeAll, describe, expect, it } from 'vitest';
import { hostileDoc, KINDS, timePrepare, type Kind } from '../../bench/lib/hostile.js';

/**
 * Time linear in the input, for every kind of input built to be slow (`npm run bench -- hostile` gives the figures at
 * 1–16 MB): every per-article stage on an input eight times longer takes about eight times as long, not sixty-four,
 * and no kind costs much more per byte than normal text of the same size. Times are the best of three runs, against
 * the noise of a shared machine.
 */
const SMALL = 50_000;
const LARGE = 400_000;
/** Allowed growth of the time for 8× the input: linear gives ≤ 8 (less where a constant part is amortised), quadratic 64. */
const MAX_GROWTH = 20;
/**
 * Allowed cost per byte against normal text at LARGE: a margin over the 3× the benchmark holds at 1–16 MB, since at
 * this size a fixed cost per record weighs more.
 */
const MAX_VS_NORMAL = 4;

function best(kind: Kind, bytes: number): number {
  const doc = hostileDoc(kind, bytes);
  return Math.min(...[0, 1, 2].map(() => timePrepare(doc).seconds));
}

describe('per-article stages take time linear in the input', () => {
  let normal = 0;
  beforeAll(() => {
    // Warm-up: compiles every stage's code and loads its data.
    timePrepare(hostileDoc('repeated-clause', 20_000));
    normal = best('normal', LARGE);
  }, 60_000);

  for (const kind of KINDS.filter((k) => k !== 'normal')) {
    it(`${kind}: ${LARGE / 1000} kB takes < ${MAX_GROWTH}× ${SMALL / 1000} kB, < ${MAX_VS_NORMAL}× normal text`, () => {
      const small = best(kind, SMALL);
      const large = best(kind, LARGE);
      const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
      console.log(`${kind}: ${ms(small)} at ${SMALL} B, ${ms(large)} at ${LARGE} B (normal text ${ms(normal)})`);
      expect(large / Math.max(small, 0.005)).toBeLessThan(MAX_GROWTH);
      expect(large / normal).toBeLessThan(MAX_VS_NORMAL);
    }, 120_000);
  }
});
