import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlap } from '../match/verify.js';
import type { Overlap } from '../model/index.js';
import { BOILERPLATE_STORIES, NEAR_IDENTICAL, reuseOverlaps } from './boilerplate.js';

type Candidate = { storyId: string; shingles: Uint32Array };

/** The direct definition: boilerplate shingles by a set of story ids per shingle, then overlaps without them. */
function reference(shingles: Uint32Array, candidates: Candidate[]): Overlap[] {
  const boilerplate = new Set<number>();
  if (candidates.length >= BOILERPLATE_STORIES) {
    for (const h of shingles) {
      const stories = new Set(candidates.filter((c) => c.shingles.includes(h)).map((c) => c.storyId));
      if (stories.size >= BOILERPLATE_STORIES) boilerplate.add(h);
    }
  }
  const without = (s: Uint32Array) => s.filter((h) => !boilerplate.has(h));
  return candidates.map((c) => {
    const raw = overlap(c.shingles, shingles);
    if (boilerplate.size === 0 || Math.min(raw.containmentA, raw.containmentB) >= NEAR_IDENTICAL) return raw;
    return overlap(without(c.shingles), without(shingles));
  });
}

/** A sorted, distinct set of small hashes, so that sets meet often. */
const setArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 })
  .map((xs) => Uint32Array.from(xs).sort());

describe('reuseOverlaps', () => {
  it('equals the direct definition: boilerplate shingles of 3+ stories left out, near-identical pairs kept whole', () => {
    fc.assert(
      fc.property(
        setArb,
        fc.array(fc.record({ storyId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'), shingles: setArb }), {
          maxLength: 12,
        }),
        (shingles, candidates) => {
          expect(reuseOverlaps(shingles, candidates)).toEqual(reference(shingles, candidates));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('takes a formula three stories share out of the evidence, but not the text of one story', () => {
    const formula = [1, 2, 3, 4, 5, 6];
    const article = Uint32Array.from([...formula, 20, 21]);
    const notice = (id: string, own: number[]) => ({ storyId: id, shingles: Uint32Array.from([...formula, ...own]) });
    const [a, , , copy] = reuseOverlaps(article, [
      notice('s1', [30]),
      notice('s2', [31]),
      notice('s3', [32]),
      { storyId: 's4', shingles: Uint32Array.from([...formula, 20, 21]) },
    ]);
    expect(a.shared).toBe(0);
    expect(copy.containmentA).toBe(1);
  });
});
