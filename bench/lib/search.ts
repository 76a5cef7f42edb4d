import { POSTING_TERMS } from '../../src/engine/engine.js';
import { termVector, topTerms, weigh } from '../../src/stories/terms.js';
import type { Store } from '../../src/store/types.js';

/** Stories returned for a search. */
export const SEARCH_STORIES = 10;
/** Articles read from the term index per search, before grouping them into stories. */
const SEARCH_ARTICLES = 50;

/**
 * Search as the store supports it: the query's salient terms (stemmed, IDF-weighted, the way articles are indexed)
 * looked up in the store's term index, matching articles grouped into their stories, best first. The same path the
 * engine uses to find same-event neighbours, so its latency is what a search endpoint over the store costs.
 */
export async function searchStories(store: Store, query: string, limit = SEARCH_STORIES): Promise<string[]> {
  const vector = termVector(query);
  if (vector.terms.length === 0) return [];
  // Articles stored, as the engine counts them: max(seq) is an index look-up where count(*) would scan.
  const n = (await store.nextSeq()) - 1;
  const df = await store.documentFrequencies(vector.terms);
  const { terms, weights } = weigh(vector, df, n, POSTING_TERMS);
  const ids = await store.termCandidates(topTerms(terms, weights, POSTING_TERMS), SEARCH_ARTICLES);
  const stories: string[] = [];
  for (const s of await store.getSketches(ids)) {
    if (!stories.includes(s.storyId)) stories.push(s.storyId);
    if (stories.length >= limit) break;
  }
  return stories;
}
