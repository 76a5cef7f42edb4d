import type { Relation } from '../model/index.js';
import { pageIds, type Store, type StoredArticle, type StoryPage, type StoryRecord } from '../store/types.js';
import { relate } from './engine.js';
import { cosine } from '../stories/terms.js';

export interface LoadedStory {
  story: StoryRecord;
  articles: StoredArticle[];
}

/**
 * A story with its articles, or with one page of them: a story of tens of thousands of versions is read a page at a
 * time (its record lists every member; only the page's articles, and the relations between them, are read).
 */
export async function loadStory(store: Store, id: string, page?: StoryPage): Promise<LoadedStory | undefined> {
  const story = await store.getStory(id, page);
  if (!story) return undefined;
  const ids = page ? pageIds(story.articles, page) : story.articles;
  return { story, articles: await store.getArticles(ids) };
}

/** The stories that hold any of the given articles, in first-seen order. */
export async function storiesOf(store: Store, articleIds: string[]): Promise<LoadedStory[]> {
  const ids = new Set<string>();
  for (const s of await store.getSketches(articleIds)) ids.add(s.storyId);
  const out: LoadedStory[] = [];
  for (const id of ids) {
    const s = await loadStory(store, id);
    if (s) out.push(s);
  }
  return out.sort(
    (x, y) =>
      (x.story.firstSeen ?? '\uffff').localeCompare(y.story.firstSeen ?? '\uffff') ||
      x.story.id.localeCompare(y.story.id),
  );
}

export interface LoadedDiff {
  a: StoredArticle;
  b: StoredArticle;
  /** The relation as seen from A to B, computed afresh (articles of different stories can be compared too). */
  relation: Relation;
}

export async function diffArticles(store: Store, idA: string, idB: string): Promise<LoadedDiff | { missing: string }> {
  const a = await store.getArticle(idA);
  if (!a) return { missing: idA };
  const b = await store.getArticle(idB);
  if (!b) return { missing: idB };
  const relation = relate(a, b, cosine(a.terms, a.weights, b.terms, b.weights));
  return { a, b, relation };
}
