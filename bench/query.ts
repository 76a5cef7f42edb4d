/**
 * Query latency on a built store: story lookup (a story with its first page of articles, as the API serves it; and
 * with all of them, as `newstrace show` loads it), article diff (two articles of one story, aligned afresh, as
 * `newstrace diff` does) and search (salient terms through the term index, see lib/search.ts). Each query runs on ids
 * sampled evenly through the store, one after another.
 *
 *   npm run bench -- query --db PATH                      an existing store (e.g. the one bench scale leaves)
 *   npm run bench -- query [--size 10k] [--limit N]       builds a fresh SQLite store from the peer kit's corpus first
 *   options: --queries N (per kind, default 300)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { diffArticles, loadStory } from '../src/engine/queries.js';
import { storyJson } from '../src/report/json.js';
import { DEFAULT_STORY_ARTICLES } from '../src/server/schemas.js';
import { openStore } from '../src/store/open.js';
import { arg, jsonlDocs } from './lib/corpus.js';
import { peersDir } from './lib/peers.js';
import { SEARCH_STORIES, searchStories } from './lib/search.js';
import { latencies, quantile } from './lib/stats.js';

/** Queries timed per kind when not given: enough for a stable p95 (15 samples above it). */
const DEFAULT_QUERIES = 300;
/** Words per search query: a reader types a few words of a headline. */
const SEARCH_WORDS = 4;

export default async function main(args: string[]): Promise<void> {
  const queries = Number(arg(args, 'queries') ?? DEFAULT_QUERIES);
  let db = arg(args, 'db');
  let tmp: string | undefined;
  if (!db) {
    const dir = peersDir();
    const corpus =
      arg(args, 'corpus') ?? (dir ? join(dir, 'data', `corpus-${arg(args, 'size') ?? '10k'}.jsonl`) : undefined);
    if (!corpus) {
      console.log(
        'peer kit not found: copy ../shared/peers to /tmp/peers and run its setup.sh, or pass --db or --corpus',
      );
      return;
    }
    tmp = mkdtempSync(join(tmpdir(), 'nt-query-'));
    db = join(tmp, 'query.db');
    const store = await openStore(db);
    const t = performance.now();
    const r = await new Engine(store).add(jsonlDocs(corpus, Number(arg(args, 'limit') ?? Infinity)));
    console.log(`built ${db}: ${r.added} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await store.close();
  }
  const store = await openStore(db);
  let closed = false;
  try {
    const articles = (await store.nextSeq()) - 1;
    const stories = await store.listStories({ limit: 10_000_000 });
    if (stories.length === 0) {
      console.log(`no stories in ${db}`);
      return;
    }
    // Ids sampled evenly through the store, so old and new stories count alike.
    const pick = <T>(xs: T[], i: number, n: number) => xs[Math.floor(((i + 0.5) * xs.length) / n)];
    const storyIds = Array.from({ length: queries }, (_, i) => pick(stories, i, queries).id);
    const multi = stories.filter((s) => s.articles >= 2);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < Math.min(queries, multi.length); i++) {
      const rec = (await store.getStory(pick(multi, i, Math.min(queries, multi.length)).id))!;
      pairs.push([rec.articles[0], rec.articles[rec.articles.length - 1]]);
    }
    // Search queries: words of an article's title or first line, the way a reader types a few words of a headline.
    const texts: string[] = [];
    for (const id of storyIds) {
      const rec = (await store.getStory(id))!;
      const a = (await store.getArticle(rec.articles[0]))!;
      const words = (a.title ?? a.body).match(/[\p{L}\p{N}]{3,}/gu) ?? [];
      texts.push(words.slice(0, SEARCH_WORDS).join(' '));
    }
    // The store's own full-text search where it has one (optional in the Store interface).
    const fullText = (store as { findStories?: (f: { text: string; limit: number }) => Promise<Array<{ id: string }>> })
      .findStories;

    let found = 0;
    // As the API serves a story (its first page of articles, DEFAULT_STORY_ARTICLES, with their relations and facts)
    // and as `newstrace show` loads it (every article), timed in turn on each story, the order alternating, so that
    // neither gains from the pages the other has read.
    const page = { offset: 0, limit: DEFAULT_STORY_ARTICLES };
    const story: number[] = [];
    const whole: number[] = [];
    const lookUp = async (id: string, p?: typeof page) => {
      const t = performance.now();
      const s = await loadStory(store, id, p);
      if (s) storyJson(s.story, s.articles);
      return performance.now() - t;
    };
    for (const [i, id] of storyIds.entries()) {
      if (i % 2 === 0) {
        story.push(await lookUp(id, page));
        whole.push(await lookUp(id));
      } else {
        whole.push(await lookUp(id));
        story.push(await lookUp(id, page));
      }
    }
    const diff = await latencies(pairs.length, (i) => diffArticles(store, pairs[i][0], pairs[i][1]));
    // The first term look-up of a process loads the SQLite store's in-memory look-up index; timed apart.
    const t0 = performance.now();
    await store.documentFrequencies(Uint32Array.from([0]));
    const firstLookUpMs = performance.now() - t0;
    const lookUpSource = (store as { lookUpSource?: string }).lookUpSource;
    const search = await latencies(texts.length, async (i) => {
      const hits = await searchStories(store, texts[i]);
      if (hits.includes(storyIds[i])) found++;
    });
    let foundText = 0;
    const textSearch = fullText
      ? await latencies(texts.length, async (i) => {
          const hits = await fullText.call(store, { text: texts[i], limit: SEARCH_STORIES });
          if (hits.some((h) => h.id === storyIds[i])) foundText++;
        })
      : undefined;

    // Closing writes the SQLite store's look-up snapshot when the index holds articles the snapshot lacks.
    const tc = performance.now();
    await store.close();
    closed = true;
    const closeSec = (performance.now() - tc) / 1000;

    const row = (name: string, xs: number[]) =>
      `| ${name} | ${xs.length} | ${quantile(xs, 0.5).toFixed(2)} | ${quantile(xs, 0.95).toFixed(2)} | ${Math.max(...xs).toFixed(2)} |`;
    console.log(
      `\n| query on ${articles.toLocaleString('en')} articles, ${stories.length.toLocaleString('en')} stories (${store.kind}) | n | p50 ms | p95 ms | max ms |`,
    );
    console.log('|---|---|---|---|---|');
    console.log(row(`story lookup (first ${DEFAULT_STORY_ARTICLES} articles, JSON, as the API serves it)`, story));
    console.log(row('whole story (every article, JSON, as `newstrace show` loads it)', whole));
    console.log(row('article diff (align two articles of a story)', diff));
    console.log(row(`search by salient terms (term index, top ${SEARCH_STORIES} stories)`, search));
    if (textSearch)
      console.log(row(`search by words (store's findStories, top ${SEARCH_STORIES} stories)`, textSearch));
    console.log(
      `first term look-up of the process (loads the look-up index where the store keeps one in memory): ${(firstLookUpMs / 1000).toFixed(2)} s` +
        (lookUpSource ? ` (from ${lookUpSource === 'snapshot' ? 'the snapshot file' : 'the article rows'})` : ''),
    );
    console.log(`store closed in ${closeSec.toFixed(2)} s (with the look-up snapshot, where one is written)`);
    console.log(`query texts: ${SEARCH_WORDS} words of a story's first title or line, e.g. "${texts[0]}"`);
    console.log(
      `the story a query came from was in the results: salient terms ${found} of ${texts.length}` +
        (textSearch ? `, findStories ${foundText} of ${texts.length}` : ''),
    );
    const q = (xs: number[]) => ({ p50: +quantile(xs, 0.5).toFixed(2), p95: +quantile(xs, 0.95).toFixed(2) });
    console.log(
      JSON.stringify({
        articles,
        stories: stories.length,
        story: q(story),
        wholeStory: q(whole),
        diff: q(diff),
        search: q(search),
        searchHit: found / texts.length,
        firstLookUpMs: Math.round(firstLookUpMs),
        lookUpSource,
        textSearch: textSearch && q(textSearch),
      }),
    );
  } finally {
    if (!closed) await store.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
