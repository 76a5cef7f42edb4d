import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { loadReuters } from './corpora/reuters.js';

/**
 * `npm run bench -- reuters --corpus PATH [--limit N] [--sample N]`: every story of Reuters-21578 through the engine on a SQLite
 * store; exact-duplicate body groups counted from the collection itself and checked against the engine's stories
 * (a group is found when all its records sit in one story); near-duplicate groups are the engine's stories of two or
 * more articles joined by reuse. Prints throughput and peak memory; last line JSON. `--sample N` first prints N
 * multi-article stories (every k-th) for reading by hand: every article with the start of its text, and the relations.
 */
export default async function main(args: string[]): Promise<void> {
  const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const dir = resolve(arg('corpus') ?? '../shared/corpora/reuters21578');
  const limit = Number(arg('limit') ?? Infinity);
  const docs = [...loadReuters(dir)].slice(0, limit);
  const tmp = mkdtempSync(join(tmpdir(), 'nt-reuters-'));
  const store = new SqliteStore(join(tmp, 'reuters.db'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const result = await new Engine(store).add(docs.map((d) => d.doc));
  const sec = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const articles = await store.getArticles(result.addedIds);
  const storyOf = new Map(articles.map((a) => [a.id, a.storyId]));
  const idOf = new Map(articles.map((a) => [a.source, a.id]));
  // Exact-duplicate groups: identical bodies (white space normalised).
  const byBody = new Map<string, string[]>();
  for (const d of docs) {
    const k = d.body.replace(/\s+/g, ' ');
    byBody.set(k, [...(byBody.get(k) ?? []), d.id]);
  }
  const groups = [...byBody.values()].filter((g) => g.length > 1);
  const found = groups.filter((g) => new Set(g.map((id) => storyOf.get(idOf.get(id) ?? '') ?? id)).size === 1).length;
  const summaries = await store.listStories({ limit: 1_000_000 });
  const multi = summaries.filter((s) => s.articles > 1);
  const largest = summaries.reduce((m, s) => Math.max(m, s.articles), 0);
  // A check of precision needing no labels: Reuters titles carry the company's ticker ("<TKA>"); two different tickers
  // in one story are most often two companies' unrelated items (sometimes a deal between the two).
  const titles = new Map<string, string[]>();
  for (const a of articles) titles.set(a.storyId, [...(titles.get(a.storyId) ?? []), a.title ?? '']);
  let tickerStories = 0;
  let tickerPairs = 0;
  let mixedTickerPairs = 0;
  for (const ts of titles.values()) {
    const tickers = ts.map((t) => /<([A-Z.]+)>/.exec(t)?.[1]).filter((x): x is string => x !== undefined);
    if (new Set(tickers).size > 1) tickerStories++;
    for (let i = 0; i < tickers.length; i++)
      for (let j = i + 1; j < tickers.length; j++) {
        tickerPairs++;
        if (tickers[i] !== tickers[j]) mixedTickerPairs++;
      }
  }
  let reuseStories = 0;
  for (const s of multi) {
    const rec = await store.getStory(s.id);
    if (rec?.relations.some((r) => r.kind !== 'same-event')) reuseStories++;
  }
  // A sample of multi-article stories to check by hand (deterministic: every k-th story): each article with its
  // collection id, date, title, the start of its text and why it is in the story, then the story's relations between them.
  const sampleSize = Number(arg('sample') ?? 0);
  if (sampleSize > 0) {
    const step = Math.max(1, Math.floor(multi.length / sampleSize));
    for (let i = 0; i < multi.length && i / step < sampleSize; i += step) {
      const rec = (await store.getStory(multi[i].id))!;
      const byId = new Map((await store.getArticles(rec.articles)).map((a) => [a.id, a]));
      const arts = rec.articles.map((id) => byId.get(id)).filter((a) => a !== undefined);
      const name = new Map(arts.map((a) => [a.id, a.source]));
      console.log(`story ${multi[i].id} (${arts.length} articles):`);
      for (const a of arts) {
        // The text as the collection gives it (dateline in front), and what the clean stage took out of it.
        const start = a.raw.content.replace(/\s+/g, ' ').slice(0, 300);
        console.log(`  ${a.source}  ${a.publishedAt ?? 'undated'}  ${a.title ?? '(no title)'}\n      ${start}`);
        const m = a.membership;
        if (m) {
          const closest = m.closest
            ? `, closest ${name.get(m.closest.id) ?? m.closest.id} ${m.closest.score.toFixed(2)}`
            : '';
          console.log(`      [${m.by} ${m.score.toFixed(2)}${closest}: ${m.evidence.join('; ')}]`);
        }
        for (const r of a.removed)
          console.log(`      [removed, ${r.reason}: ${r.text.replace(/\s+/g, ' ').slice(0, 80)}]`);
      }
      for (const r of rec.relations) {
        const conf = r.confidence === undefined ? '' : ` confidence ${r.confidence.toFixed(2)}`;
        const c = r.scores;
        console.log(
          `  ${name.get(r.from) ?? r.from} -> ${name.get(r.to) ?? r.to}: ${r.kind}${conf}` +
            ` (containment ${c.containmentFrom.toFixed(2)}/${c.containmentTo.toFixed(2)}, topical ${c.topical.toFixed(2)})`,
        );
      }
      console.log('');
    }
  }
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
  console.log(
    `Reuters-21578 ${dir}: ${docs.length} stories with a body, ${result.added} stored, ${result.errors} rejected`,
  );
  console.log(`| measure | value |\n|---|---|`);
  console.log(`| exact-duplicate body groups | ${groups.length} |`);
  console.log(`| of them with all members in one story | ${found} |`);
  console.log(`| stories of 2+ articles | ${multi.length} (with a reuse relation: ${reuseStories}) |`);
  console.log(`| largest story | ${largest} articles |`);
  console.log(`| stories whose titles carry two different tickers | ${tickerStories} |`);
  console.log(
    `| pairs of ticker-titled articles in one story with different tickers | ${mixedTickerPairs} of ${tickerPairs} |`,
  );
  console.log(`| articles/s | ${Math.round(docs.length / sec)} (${sec.toFixed(1)} s) |`);
  console.log(`| peak RSS | ${Math.round(peak / 1e6)} MB |`);
  console.log(
    JSON.stringify({
      stories: docs.length,
      exactGroups: groups.length,
      exactGroupsFound: found,
      multiStories: multi.length,
      largestStory: largest,
      tickerStories,
      mixedTickerPairs,
      reuseStories,
      articlesPerSec: docs.length / sec,
      peakRssMB: peak / 1e6,
    }),
  );
}
