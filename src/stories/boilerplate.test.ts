import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlap } from '../match/verify.js';
import type { Overlap } from '../model/index.js';
import { BOILERPLATE_STORIES, NEAR_IDENTICAL, reuseMatches, reuseOverlaps } from './boilerplate.js';

type Candidate = { storyId: string; originStoryId?: string; shingles: Uint32Array };

/** The direct definition: boilerplate shingles by a set of story ids per shingle, then overlaps without them. */
function reference(shingles: Uint32Array, candidates: Candidate[]): Overlap[] {
  const boilerplate = new Set<number>();
  if (candidates.length >= BOILERPLATE_STORIES) {
    for (const h of shingles) {
      const stories = new Set(
        candidates.filter((c) => c.shingles.includes(h)).map((c) => c.originStoryId ?? c.storyId),
      );
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
        fc.array(
          fc.record(
            {
              storyId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
              originStoryId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
              shingles: setArb,
            },
            { requiredKeys: ['storyId', 'shingles'] },
          ),
          { maxLength: 12 },
        ),
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

  it("counts the stories the candidates were first put in: a merge does not make a template one story's text", () => {
    // A mailing list's footer, carried by three threads that have since been merged into one story.
    const footer = [1, 2, 3, 4, 5, 6];
    const reply = Uint32Array.from([...footer, 20, 21]);
    const thread = (origin: string, own: number[]) => ({
      storyId: 's1',
      originStoryId: origin,
      shingles: Uint32Array.from([...footer, ...own]),
    });
    const merged = [thread('s1', [30]), thread('s2', [31]), thread('s3', [32])];
    expect(reuseOverlaps(reply, merged).map((o) => o.shared)).toEqual([0, 0, 0]);
    // Three versions of one story carry its text: reuse.
    const versions = merged.map((c) => ({ ...c, originStoryId: 's1' }));
    expect(reuseOverlaps(reply, versions).map((o) => o.shared)).toEqual([6, 6, 6]);
  });

  it('gives the positions of the shared shingles that the overlap counts', () => {
    const article = Uint32Array.from([1, 2, 3, 10, 11, 12]);
    const { overlaps, positions } = reuseMatches(article, [
      { storyId: 's1', shingles: Uint32Array.from([1, 2, 3, 10]) },
      { storyId: 's2', shingles: Uint32Array.from([1, 2, 3, 11]) },
      { storyId: 's3', shingles: Uint32Array.from([1, 2, 3, 12, 40]) },
    ]);
    // 1, 2, 3 are boilerplate (three stories carry them).
    expect(positions.map((p) => Array.from(p))).toEqual([[3], [4], [5]]);
    expect(overlaps.map((o) => o.shared)).toEqual([1, 1, 1]);
  });
});
