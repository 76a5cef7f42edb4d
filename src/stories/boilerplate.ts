import type { Overlap } from '../model/index.js';
import { overlapOfCounts } from '../match/verify.js';

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

/**
 * A stored article as the boilerplate count sees it. Stories are counted by the story each candidate was first put
 * in (`originStoryId`, else `storyId`): a merge must not make a formula one story's own text. When every article that
 * carries a mailing list's footer or a newsletter's template had been merged into one story, the template counted one
 * story and was reuse again, and each further article carrying it merged another story in (the first 200,000 of
 * corpus-1M: largest story 25,067 articles counted by present story, 9,618 by first; BENCHMARKS.md "Same-story
 * clustering").
 */
export interface BoilerplateCandidate {
  storyId: string;
  originStoryId?: string;
  shingles: Uint32Array;
}

/** Texts longer than this (in shingles) get scratch buffers of their own, not kept between calls. */
const SCRATCH_KEEP = 1 << 20;
let scratchStories = new Int32Array(1024);
let scratchLast = new Int32Array(1024);
let scratchMatched = new Int32Array(4096);

interface Matches {
  /** Shingles each candidate shares with the new article. */
  shared: Int32Array;
  /** Candidate c's matched positions in the new article are matched[start[c]] .. matched[start[c + 1]]. */
  start: Int32Array;
  matched: Int32Array;
  /** Per shingle of the new article: how many distinct stories' candidates carry it. */
  stories: Int32Array;
  /** How many of the new article's shingles are boilerplate (carried by BOILERPLATE_STORIES or more stories). */
  boilerplate: number;
}

/**
 * One merge pass per candidate against the new article's (sorted, distinct) shingles: the shared counts, the matched
 * positions, and per shingle the number of distinct candidate stories carrying it.
 */
function matchShingles(shingles: Uint32Array, candidates: BoilerplateCandidate[]): Matches {
  const nb = shingles.length;
  const nc = candidates.length;
  let cap = 0;
  for (const c of candidates) cap += Math.min(c.shingles.length, nb);
  let matched = scratchMatched;
  if (matched.length < cap) {
    matched = new Int32Array(Math.max(cap, matched.length * 2));
    if (matched.length <= SCRATCH_KEEP) scratchMatched = matched;
  }
  let stories = scratchStories;
  let last = scratchLast;
  if (stories.length < nb) {
    stories = new Int32Array(Math.max(nb, stories.length * 2));
    last = new Int32Array(stories.length);
    if (stories.length <= SCRATCH_KEEP) {
      scratchStories = stories;
      scratchLast = last;
    }
  }
  stories.fill(0, 0, nb);
  last.fill(-1, 0, nb);
  const shared = new Int32Array(nc);
  const start = new Int32Array(nc + 1);
  const storyOf = new Int32Array(nc);
  const storyIndex = new Map<string, number>();
  let top = 0;
  for (let c = 0; c < nc; c++) {
    const cand = candidates[c];
    const story = cand.originStoryId ?? cand.storyId;
    let s = storyIndex.get(story);
    if (s === undefined) storyIndex.set(story, (s = storyIndex.size));
    storyOf[c] = s;
    start[c] = top;
    const a = cand.shingles;
    const na = a.length;
    let i = 0;
    let j = 0;
    // Branch-free steps (the comparisons of hashes are unpredictable): the position is written at every step and
    // kept only on a match.
    while (i < na && j < nb) {
      const x = a[i];
      const y = shingles[j];
      matched[top] = j;
      top += +(x === y);
      i += +(x <= y);
      j += +(y <= x);
    }
    shared[c] = top - start[c];
  }
  start[nc] = top;
  // Distinct stories per shingle: a shingle counts a story once however many of its candidates carry it.
  // Candidates taken story by story (a counting sort by story), so `last` tells a story already counted.
  const ns = storyIndex.size;
  const firstOf = new Int32Array(ns + 1);
  for (let c = 0; c < nc; c++) firstOf[storyOf[c] + 1]++;
  for (let s = 0; s < ns; s++) firstOf[s + 1] += firstOf[s];
  const order = new Int32Array(nc);
  for (let c = 0; c < nc; c++) order[firstOf[storyOf[c]]++] = c;
  let boilerplate = 0;
  for (let o = 0; o < nc; o++) {
    const c = order[o];
    const s = storyOf[c];
    for (let k = start[c]; k < start[c + 1]; k++) {
      const j = matched[k];
      if (last[j] !== s) {
        last[j] = s;
        if (++stories[j] === BOILERPLATE_STORIES) boilerplate++;
      }
    }
  }
  return { shared, start, matched, stories, boilerplate };
}

/**
 * Overlap as reuse evidence, for every candidate against the new article: the exact overlap of the two shingle sets
 * when they are (near-)identical, else the overlap of what is left once the boilerplate shingles (those carried by
 * candidates of BOILERPLATE_STORIES or more distinct stories) are taken out of both. One merge pass per candidate:
 * the boilerplate shingles are the new article's own, so taking them out of both sides removes from a candidate only
 * shingles it shares, and its reduced size, the article's and the shared count follow by counting
 * (`boilerplate.test.ts` checks this against the direct definition).
 */
export function reuseOverlaps(shingles: Uint32Array, candidates: BoilerplateCandidate[]): Overlap[] {
  return reuseMatches(shingles, candidates).overlaps;
}

/**
 * `reuseOverlaps`, and for each candidate the positions (ascending) of the new article's shingles it shares, those its
 * overlap counts: all of them for a (near-)identical pair, else all but the boilerplate ones. Two candidates that
 * share positions carry the same passage of the article.
 */
export function reuseMatches(
  shingles: Uint32Array,
  candidates: BoilerplateCandidate[],
): { overlaps: Overlap[]; positions: Uint32Array[] } {
  const m = matchShingles(shingles, candidates);
  const bp = candidates.length < BOILERPLATE_STORIES ? 0 : m.boilerplate;
  const nb = shingles.length;
  const overlaps: Overlap[] = new Array<Overlap>(candidates.length);
  const positions: Uint32Array[] = new Array<Uint32Array>(candidates.length);
  // One copy of the matched positions (the scratch is reused), each candidate's run of it a view, with the
  // boilerplate positions taken out in place.
  const all = new Uint32Array(m.start[candidates.length]);
  all.set(m.matched.subarray(0, all.length));
  for (let c = 0; c < candidates.length; c++) {
    const na = candidates[c].shingles.length;
    const raw = overlapOfCounts(m.shared[c], na, nb);
    if (bp === 0 || Math.min(raw.containmentA, raw.containmentB) >= NEAR_IDENTICAL) {
      overlaps[c] = raw;
      positions[c] = all.subarray(m.start[c], m.start[c + 1]);
      continue;
    }
    let w = m.start[c];
    for (let x = m.start[c]; x < m.start[c + 1]; x++) {
      const j = all[x];
      if (m.stories[j] < BOILERPLATE_STORIES) all[w++] = j;
    }
    const n = w - m.start[c];
    const k = m.shared[c] - n;
    overlaps[c] = overlapOfCounts(n, na - k, nb - bp);
    positions[c] = all.subarray(m.start[c], w);
  }
  return { overlaps, positions };
}
