import { asciiLower, ENTITY_KINDS, matchesTokens, searchTokens } from '../store/search.js';
import type { Store, StoredArticle, StoryFilter, StorySummary } from '../store/types.js';
import type { EntityValue } from '../model/index.js';

/** Stories read per page when scanning a store that has no search of its own. */
const SCAN_PAGE = 100;

const hasFilter = (f: StoryFilter) => !!(f.text?.trim() || f.outlet || f.from || f.to || f.entity || f.language);

/**
 * Stories matching a search. The store's own `findStories` (SQLite: FTS5 and SQL) when it has one; otherwise a scan
 * of every story's articles with the same rules, so any store answers the same way.
 */
export async function searchStories(store: Store, f: StoryFilter): Promise<StorySummary[]> {
  if (!hasFilter(f)) return store.listStories({ limit: f.limit, offset: f.offset });
  if (store.findStories) return store.findStories(f);
  return scanStories(store, f);
}

/** True when the article satisfies every filter given (the rules `SqliteStore.findStories` applies in SQL). */
export function articleMatches(a: StoredArticle, f: StoryFilter): boolean {
  const tokens = f.text ? searchTokens(f.text) : [];
  if (tokens.length && !matchesTokens(tokens, `${a.title ?? ''}\n${a.body}`)) return false;
  if (f.outlet && (a.outlet === undefined || asciiLower(a.outlet) !== asciiLower(f.outlet))) return false;
  const day = a.publishedAt?.slice(0, 10);
  if (f.from && (day === undefined || day < f.from)) return false;
  if (f.to && (day === undefined || day > f.to)) return false;
  if (f.language && a.cues.language !== f.language) return false;
  if (f.entity) {
    const want = asciiLower(f.entity);
    const names = a.facts.some(
      (x) =>
        (ENTITY_KINDS as readonly string[]).includes(x.kind) &&
        asciiLower((x.value as EntityValue).canonical ?? '').includes(want),
    );
    if (!names) return false;
  }
  return true;
}

export async function scanStories(store: Store, f: StoryFilter): Promise<StorySummary[]> {
  const hits: StorySummary[] = [];
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const page = await store.listStories({ limit: SCAN_PAGE, offset });
    for (const s of page) {
      const story = await store.getStory(s.id);
      if (!story) continue;
      const articles = await store.getArticles(story.articles);
      if (articles.some((a) => articleMatches(a, f))) hits.push(s);
    }
    if (page.length < SCAN_PAGE) break;
  }
  const from = f.offset ?? 0;
  return f.limit === undefined ? hits.slice(from) : hits.slice(from, from + f.limit);
}
