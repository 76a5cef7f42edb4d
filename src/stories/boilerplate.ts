import type { Overlap } from '../model/index.js';
import { overlap } from '../match/verify.js';

/**
 * Boilerplate shingles: word 5-shingles of a new article that many unrelated stored articles also carry — the
 * fixed phrasing of formulaic wire items ("qtly div 25 cts vs 25 cts prior", "pay April one record March 15"),
 * disclaimers, standard paragraphs. Their document frequency is estimated on the candidates the look-up retrieved
 * (the articles most like the new one, so the ones that share its formula), counted by distinct story: copies of one
 * story share their text without it being boilerplate. Text reuse is then measured without them, so two companies'
 * dividend notices written to one formula are not a copy of each other, while a reprint still is.
 */

/**
 * A shingle carried by candidates of at least this many distinct stories is boilerplate. On Reuters-21578 a formula
 * is shared by hundreds of notices; three unrelated stories saying the same five words in a row is already a formula
 * rather than reuse (BENCHMARKS.md, Reuters hand check).
 */
export const BOILERPLATE_STORIES = 3;
/**
 * Containment (both ways) at which a pair is a copy whatever its phrasing: exact and near-exact duplicates of a
 * formulaic item are made of boilerplate alone and must stay together.
 */
export const NEAR_IDENTICAL = 0.9;

/** The new article's shingles (sorted) that candidates of BOILERPLATE_STORIES or more distinct stories carry. */
export function boilerplateShingles(
  shingles: Uint32Array,
  candidates: Array<{ storyId: string; shingles: Uint32Array }>,
): Uint32Array {
  if (candidates.length < BOILERPLATE_STORIES) return new Uint32Array(0);
  const stories = new Map<number, Set<string>>();
  for (const c of candidates) {
    const a = c.shingles;
    let i = 0;
    let j = 0;
    while (i < a.length && j < shingles.length) {
      if (a[i] === shingles[j]) {
        const s = stories.get(shingles[j]);
        if (s) s.add(c.storyId);
        else stories.set(shingles[j], new Set([c.storyId]));
        i++;
        j++;
      } else if (a[i] < shingles[j]) i++;
      else j++;
    }
  }
  const out: number[] = [];
  for (const [h, s] of stories) if (s.size >= BOILERPLATE_STORIES) out.push(h);
  return Uint32Array.from(out).sort();
}

/** `set` without the (sorted) `remove` hashes. */
function without(set: Uint32Array, remove: Uint32Array): Uint32Array {
  if (remove.length === 0) return set;
  const out = new Uint32Array(set.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < set.length; i++) {
    while (j < remove.length && remove[j] < set[i]) j++;
    if (j < remove.length && remove[j] === set[i]) continue;
    out[n++] = set[i];
  }
  return out.subarray(0, n);
}

/**
 * Overlap as reuse evidence: the exact overlap of the two shingle sets when they are (near-)identical, else the
 * overlap of what is left once the boilerplate shingles are taken out of both.
 */
export function reuseOverlap(stored: Uint32Array, incoming: Uint32Array, boilerplate: Uint32Array): Overlap {
  const raw = overlap(stored, incoming);
  if (boilerplate.length === 0 || Math.min(raw.containmentA, raw.containmentB) >= NEAR_IDENTICAL) return raw;
  return overlap(without(stored, boilerplate), without(incoming, boilerplate));
}
