import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine, type EngineOptions } from '../src/engine/engine.js';
import type { LookUp } from '../src/engine/lookup.js';
import { jsonRecord } from '../src/ingest/records.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { dot, tfidfAverageLink, tfidfVectors } from './corpora/baseline.js';
import { loadFamilies, type FamilyDoc } from './corpora/families.js';
import { arg } from './lib/corpus.js';
import { quantile } from './lib/stats.js';
import { bodyOf } from './families.js';

/**
 * `npm run bench -- lookup [--corpus ../shared/families] [--cv] [--limit N]`: each article of the families looked up
 * against a store of all the others (`Engine.lookUp`, nothing stored), scored against the labels:
 * - story found: for an article whose event has other articles, the story the look-up names is mostly of its event
 *   (the plurality of the story's members); for one whose event has none, no story is named;
 * - origin: for a labelled copy or spin with a direction, looking up the later one names the earlier as its origin
 *   (or in the chain of copies back to it), and names it as the closest version;
 * - latency of the look-up alone, p50 and p95 (on a store of 126 articles: see BENCHMARKS.md for a large store).
 * Beside it the plain baseline on the same texts: the nearest other article by TF-IDF cosine, its event when the
 * cosine reaches .1/.2/.3, else none. With --cv each article is looked up with a scorer trained without its family
 * (leave-one-family-out), as the families bench does. Last line: JSON.
 *
 * `npm run bench -- lookup --store DB --queries FILE.jsonl [--skip K] [--n N]`: latency alone, on a large store built
 * beforehand (`newstrace add`): records K+1 … K+N of the JSON-lines file looked up one after the other, p50/p95/max.
 */
export default async function main(args: string[]): Promise<void> {
  if (arg(args, 'store')) return onStore(args);
  const root = resolve(arg(args, 'corpus') ?? '../shared/families');
  const fam = loadFamilies(root);
  if (!fam) {
    console.log(`no families at ${root}: pass --corpus PATH (../shared/families)`);
    return;
  }
  const { docs, pairs } = fam;
  const limit = Number(arg(args, 'limit') ?? docs.length);
  const cv = args.includes('--cv');
  const models = new Map<string, EngineOptions>();
  if (cv) {
    const { buildTrainingPairs } = await import('../train/train.js');
    const { trainPairModel } = await import('../train/fit.js');
    const corpora = await buildTrainingPairs(resolve(root, '..'));
    for (const f of new Set(docs.map((d) => d.family)))
      models.set(f, {
        assign: { model: trainPairModel(corpora, { corpus: 'families', groups: new Set([f]) }) },
      });
  }
  const urlOf = new Map(docs.map((d) => [d.file, d.url]));
  const eventOfUrl = new Map(docs.map((d) => [d.url, d.event]));
  const others = (d: FamilyDoc) => docs.filter((o) => o !== d && o.event === d.event).length;
  // Labelled derivations: the later article's url → the earlier's.
  const sourceOf = new Map<string, string>();
  for (const p of pairs)
    if ((p.relation === 'copy' || p.relation === 'spin') && p.direction === 'a->b') sourceOf.set(p.b, p.a);

  const rows: Array<{
    doc: FamilyDoc;
    found: boolean;
    /** What the look-up named: no story, or the events of the story's members. */
    named: string;
    /** The closest version named is of the article's event. */
    closestSame: boolean;
    originRight?: boolean;
    closestRight?: boolean;
    origin?: string;
    ms: number;
  }> = [];
  const t0 = performance.now();
  for (const doc of docs.slice(0, limit)) {
    const tmp = mkdtempSync(join(tmpdir(), 'nt-lookup-'));
    const store = new SqliteStore(join(tmp, 'lookup.db'));
    try {
      const engine = new Engine(store, models.get(doc.family) ?? {});
      await engine.add(docs.filter((o) => o !== doc).map((o) => o.doc));
      const t = performance.now();
      const r = await engine.lookUp(doc.doc);
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`${doc.file}: ${r.error.reason}`);
      const l: LookUp = r.value;
      const urlOfId = async (id: string) => {
        const a = await store.getArticle(id);
        return a ? urlOf.get(a.source) : undefined;
      };
      let found: boolean;
      let named = 'no story';
      if (!l.story) found = others(doc) === 0;
      else {
        const record = await store.getStory(l.story.id);
        const votes = new Map<string, number>();
        for (const id of record?.articles ?? []) {
          const e = eventOfUrl.get((await urlOfId(id)) ?? '');
          if (e) votes.set(e, (votes.get(e) ?? 0) + 1);
        }
        const top = Math.max(0, ...votes.values());
        found = others(doc) > 0 && (votes.get(doc.event) ?? 0) === top;
        named = [...votes].map(([e, k]) => `${e} ${k}`).join(', ');
      }
      const nearUrl = l.closest ? await urlOfId(l.closest.article.id) : undefined;
      const closestSame = nearUrl ? eventOfUrl.get(nearUrl) === doc.event : others(doc) === 0;
      const row: (typeof rows)[number] = { doc, found, named, closestSame, ms };
      const src = sourceOf.get(doc.url);
      if (src) {
        const o = l.origin;
        const chain = o?.kind === 'article' ? o.chain : o?.kind === 'first-report' ? [o.id] : [];
        const urls = await Promise.all(chain.map(urlOfId));
        const closest = l.closest ? await urlOfId(l.closest.article.id) : undefined;
        row.originRight = urls.includes(src);
        row.closestRight = closest === src;
        row.origin = `${o?.kind ?? 'none'} ${urls.join(' ← ')}${o?.kind === 'outside' ? o.name : ''}; ${l.closest?.relation.kind}`;
      }
      rows.push(row);
    } finally {
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const sec = (performance.now() - t0) / 1000;

  // The baseline: nearest other article by TF-IDF cosine.
  const vecs = tfidfVectors(docs.map((d) => bodyOf(d.doc.content)));
  const thresholds = [0.1, 0.2, 0.3];
  const base = thresholds.map((th) => {
    let found = 0;
    let origin = 0;
    for (const doc of docs.slice(0, limit)) {
      const i = docs.indexOf(doc);
      let best = -1;
      let bestCos = -1;
      docs.forEach((_, j) => {
        if (j === i) return;
        const c = dot(vecs[i], vecs[j]);
        if (c > bestCos) [best, bestCos] = [j, c];
      });
      const near = bestCos >= th ? docs[best] : undefined;
      if (near ? near.event === doc.event : others(doc) === 0) found++;
      if (sourceOf.get(doc.url) && near?.url === sourceOf.get(doc.url)) origin++;
    }
    return { th, found, origin };
  });
  // The plain method at the look-up's own task: the other texts clustered (TF-IDF average link at .3, the families
  // bench's best cut), the text joins the cluster of its nearest neighbour when their cosine reaches .1.
  let clusterFound = 0;
  for (const doc of docs.slice(0, limit)) {
    const i = docs.indexOf(doc);
    const rest = docs.filter((_, j) => j !== i);
    const [labels] = tfidfAverageLink(
      rest.map((d) => bodyOf(d.doc.content)),
      [0.3],
    );
    let best = -1;
    let bestCos = 0.1;
    rest.forEach((o) => {
      const c = dot(vecs[i], vecs[docs.indexOf(o)]);
      if (c >= bestCos) [best, bestCos] = [rest.indexOf(o), c];
    });
    if (best < 0) {
      if (others(doc) === 0) clusterFound++;
      continue;
    }
    const votes = new Map<string, number>();
    rest.forEach((o, j) => {
      if (labels[j] === labels[best]) votes.set(o.event, (votes.get(o.event) ?? 0) + 1);
    });
    if ((votes.get(doc.event) ?? 0) === Math.max(...votes.values())) clusterFound++;
  }

  const n = rows.length;
  const withOthers = rows.filter((r) => others(r.doc) > 0);
  const alone = rows.filter((r) => others(r.doc) === 0);
  const derived = rows.filter((r) => r.originRight !== undefined);
  const f3 = (x: number) => x.toFixed(3);
  const share = (xs: typeof rows, f: (r: (typeof rows)[number]) => boolean | undefined) =>
    xs.length ? xs.filter(f).length / xs.length : NaN;
  const ms = rows.map((r) => r.ms);
  console.log(
    `look-up on ${root}: ${n} articles, each against a store of the other ${docs.length - 1}${cv ? ', scorer trained without its family' : ''}; ${sec.toFixed(0)} s`,
  );
  console.log(
    '| method | story of its event found | of those with other articles | stays alone (no other) | closest version of its event | origin of labelled copies | closest version is the labelled source |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| engine look-up | ${f3(share(rows, (r) => r.found))} | ${f3(share(withOthers, (r) => r.found))} (${withOthers.length}) | ${alone.filter((r) => r.found).length} of ${alone.length} | ${f3(share(rows, (r) => r.closestSame))} | ${derived.filter((r) => r.originRight).length} of ${derived.length} | ${derived.filter((r) => r.closestRight).length} of ${derived.length} |`,
  );
  console.log(
    `| TF-IDF average link .3 of the others, the nearest's cluster (cosine ≥ .1) | ${f3(clusterFound / n)} | | | | | |`,
  );
  for (const b of base)
    console.log(
      `| TF-IDF nearest neighbour ≥ ${b.th} | ${f3(b.found / n)} | | | ${f3(b.found / n)} | | ${b.origin} of ${derived.length} |`,
    );
  const wrong = rows.filter((r) => !r.found);
  if (wrong.length) console.log('\nstory not found (event; what the look-up named):');
  for (const r of wrong)
    console.log(`- ${r.doc.file} (${r.doc.event}${r.doc.hardNegative ? ', hard negative' : ''}): ${r.named}`);
  const wrongOrigin = derived.filter((r) => !r.originRight);
  if (wrongOrigin.length) console.log('origin not the labelled source (what the look-up named):');
  for (const r of wrongOrigin) console.log(`- ${r.doc.file}: ${r.origin}`);
  console.log(
    `\nlook-up latency on the ${docs.length - 1}-article store: p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      articles: n,
      storyFound: share(withOthers, (r) => r.found),
      closestOfEvent: share(rows, (r) => r.closestSame),
      aloneRight: alone.filter((r) => r.found).length,
      alone: alone.length,
      originRight: derived.filter((r) => r.originRight).length,
      closestRight: derived.filter((r) => r.closestRight).length,
      labelledCopies: derived.length,
      baselineClusterFound: clusterFound / n,
      baselineNearestFound: Math.max(...base.map((b) => b.found / n)),
      p50ms: quantile(ms, 0.5),
      p95ms: quantile(ms, 0.95),
    }),
  );
}

/** Look-up latency on an existing store: each query once, in file order, after one look-up to warm the store. */
async function onStore(args: string[]): Promise<void> {
  const file = arg(args, 'store')!;
  const queries = arg(args, 'queries');
  if (!queries) throw new Error('--store needs --queries FILE.jsonl');
  const skip = Number(arg(args, 'skip') ?? 0);
  const n = Number(arg(args, 'n') ?? 200);
  // Streamed: a corpus of a million records is larger than one string may be.
  const lines: string[] = [];
  let at = 0;
  for await (const line of createInterface({ input: createReadStream(queries) })) {
    if (at++ < skip || !line.trim()) continue;
    lines.push(line);
    if (lines.length === n) break;
  }
  const docs = lines.flatMap((l, i) => {
    const it = jsonRecord(JSON.parse(l), `${queries}#L${skip + i + 1}`); // 1-based, blank lines counted
    return it.ok ? [it.doc] : [];
  });
  const t0 = performance.now();
  const store = new SqliteStore(file);
  const engine = new Engine(store);
  const articles = await store.countArticles();
  await engine.lookUp(docs[0]);
  const openSec = (performance.now() - t0) / 1000;
  const ms: number[] = [];
  let joined = 0;
  for (const d of docs) {
    const t = performance.now();
    const r = await engine.lookUp(d);
    ms.push(performance.now() - t);
    if (r.ok && r.value.story) joined++;
  }
  await store.close();
  console.log(`| look-up on a store of ${articles} articles (${file}) | |\n|---|---|`);
  console.log(`| opening the store and its index, first look-up, s | ${openSec.toFixed(1)} |`);
  console.log(`| look-ups (records ${skip + 1}–${skip + docs.length} of ${queries}) | ${docs.length} |`);
  console.log(`| naming a story | ${joined} |`);
  console.log(
    `| p50 / p95 / max ms | ${quantile(ms, 0.5).toFixed(1)} / ${quantile(ms, 0.95).toFixed(1)} / ${Math.max(...ms).toFixed(1)} |`,
  );
  console.log(
    JSON.stringify({
      articles,
      lookups: docs.length,
      joined,
      p50ms: quantile(ms, 0.5),
      p95ms: quantile(ms, 0.95),
      maxMs: Math.max(...ms),
    }),
  );
}
