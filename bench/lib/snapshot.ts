import { storyFactTable } from '../../src/report/facts.js';
import type { Store } from '../../src/store/types.js';

/** A store's stories as sets of article ids, with their relations and fact tables, independent of storage order. */
export interface StoreSnapshot {
  articles: string[];
  relations: string[];
  facts: string[];
}

export async function snapshot(store: Store): Promise<StoreSnapshot[]> {
  const stories = await store.listStories({ limit: 10_000_000 });
  const out: StoreSnapshot[] = [];
  for (const s of stories) {
    const rec = (await store.getStory(s.id))!;
    const articles = await store.getArticles(rec.articles);
    const table = storyFactTable(articles);
    out.push({
      articles: [...rec.articles].sort(),
      relations: rec.relations.map((r) => `${r.from}>${r.to}:${r.kind}:${r.commonSource ?? ''}`).sort(),
      facts: table.rows.map((r) => `${r.key}=${table.articles.map((a) => r.cells[a].status).join(',')}`).sort(),
    });
  }
  return out.sort((a, b) => a.articles[0].localeCompare(b.articles[0]));
}
