/**
 * Whole pipeline on the generated corpus of the peer kit: ingest → extract → clean → analyze → fingerprint → match →
 * stories → SQLite writes, one process, through `Engine.add`. Prints throughput, peak memory, articles/s of each
 * per-article stage run alone, what is left for the store side (matching, stories, writes), a CPU profile of the
 * whole run summed by stage and by function, and same-story quality (BCubed and pairwise) against the generator's
 * story labels.
 *
 *   npm run bench -- pipeline [--size 10k|50k] [--limit N] [--corpus FILE --truth FILE] [--no-profile] [--top N]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { analyze } from '../src/analyze/index.js';
import { clean } from '../src/clean/index.js';
import { prepare } from '../src/engine/prepare.js';
import { extract } from '../src/extract/index.js';
import { fingerprint } from '../src/fingerprint/index.js';
import type { Cleaned, Extracted } from '../src/model/index.js';
import { termVector } from '../src/stories/terms.js';
import type { RawDoc } from '../src/model/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { clusterScores } from './corpora/metrics.js';
import { arg } from './lib/corpus.js';
import { labelledCorpus } from './lib/peers.js';
import { profiled, profileTable, type ProfileSummary } from './lib/profile.js';
import { rssSampler } from './lib/stats.js';

export default async function main(args: string[]): Promise<void> {
  const files = labelledCorpus((name) => arg(args, name));
  if (!files) return;
  const { corpus, truth: truthFile } = files;
  const limit = Number(arg(args, 'limit') ?? Infinity);
  const docs: RawDoc[] = [];
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (!line || docs.length >= limit) continue;
    const o = JSON.parse(line) as { id: string; text: string };
    docs.push({ source: o.id, format: 'text', content: o.text, meta: { id: o.id } });
  }
  const gold = new Map<string, string>();
  for (const line of readFileSync(truthFile, 'utf8').split('\n')) {
    if (!line) continue;
    const o = JSON.parse(line) as { id: string; story: number };
    gold.set(o.id, String(o.story));
  }
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.content), 0);

  // Each per-article stage alone, in pipeline order, on the previous stage's output (no store).
  const stageSec: Array<[string, number]> = [];
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    stageSec.push([name, (performance.now() - t0) / 1000]);
    return r;
  };
  const extracted = time('extract', () => docs.map((d) => extract(d)).flatMap((r) => (r.ok ? [r.value] : [])));
  const cleaned = time('clean', () =>
    extracted.map((x: Extracted) => clean({ text: x.text, title: x.title, captions: x.captions })),
  );
  time('analyze (sentences, facts)', () =>
    cleaned.forEach((c: Cleaned, i) => analyze(c.body, { publishedAt: extracted[i].publishedAt })),
  );
  time('fingerprint (shingles, MinHash)', () => cleaned.forEach((c: Cleaned) => fingerprint(c.body)));
  time('salient terms', () => cleaned.forEach((c: Cleaned, i) => termVector(c.body, extracted[i].title)));
  // All of them together as the engine calls them (prepare adds the stable id).
  let t = performance.now();
  for (const d of docs) prepare(d);
  const prepSec = (performance.now() - t) / 1000;

  const tmp = mkdtempSync(join(tmpdir(), 'nt-bench-'));
  const store = new SqliteStore(join(tmp, 'bench.db'));
  const rss = rssSampler();
  t = performance.now();
  const cpu0 = process.cpuUsage();
  let profile: ProfileSummary | undefined;
  let result;
  if (args.includes('--no-profile'))
    result = await new Engine(store, { threads: Number(arg(args, 'threads') ?? 0) }).add(docs);
  else
    ({ result, profile } = await profiled(() =>
      new Engine(store, { threads: Number(arg(args, 'threads') ?? 0) }).add(docs),
    ));
  const wall = (performance.now() - t) / 1000;
  // CPU time of the process (all threads): on a machine shared with other work, articles per CPU-second is the
  // figure that does not depend on how long the process waited for a core.
  const cpuUse = process.cpuUsage(cpu0);
  const cpu = (cpuUse.user + cpuUse.system) / 1e6;
  const peak = rss.stop() * 1e6;

  const predicted = new Map<string, string>();
  for (const s of await store.getSketches(result.addedIds)) predicted.set(s.id, s.storyId);
  const byRecord = new Map<string, string>();
  const articles = await store.getArticles(result.addedIds);
  for (const a of articles) byRecord.set(a.source, predicted.get(a.id) ?? a.id);
  await store.close();
  rmSync(tmp, { recursive: true, force: true });

  const ids = docs.map((d) => d.source).filter((id) => byRecord.has(id) && gold.has(id));
  const q = clusterScores(
    ids.map((id) => byRecord.get(id)!),
    ids.map((id) => gold.get(id)!),
  );
  const rows = [
    ['articles', String(docs.length)],
    ['MB of text', (bytes / 1e6).toFixed(1)],
    ['added / rejected', `${result.added} / ${result.errors}`],
    ['per-article stages alone, s', prepSec.toFixed(2)],
    ['per-article stages, articles/s', Math.round(docs.length / prepSec).toString()],
    ['whole pipeline, s', wall.toFixed(2)],
    ['whole pipeline, articles/s', Math.round(docs.length / wall).toString()],
    [
      'whole pipeline, CPU s (all threads) / articles per CPU-second',
      `${cpu.toFixed(1)} / ${Math.round(docs.length / cpu)}`,
    ],
    ['peak RSS, MB', Math.round(peak / 1e6).toString()],
    ['stories (predicted / gold)', `${new Set(byRecord.values()).size} / ${new Set(ids.map((i) => gold.get(i))).size}`],
    [
      'BCubed P / R / F1',
      `${q.bcubed.precision.toFixed(3)} / ${q.bcubed.recall.toFixed(3)} / ${q.bcubed.f1.toFixed(3)}`,
    ],
    [
      'pairwise P / R / F1',
      `${q.pairwise.precision.toFixed(3)} / ${q.pairwise.recall.toFixed(3)} / ${q.pairwise.f1.toFixed(3)}`,
    ],
  ];
  console.log(`| pipeline on ${corpus} | |\n|---|---|`);
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  const n = docs.length;
  console.log(`\n| stage (${n} articles) | s | articles/s | share of whole pipeline |\n|---|---|---|---|`);
  const stageRow = (name: string, sec: number) =>
    console.log(`| ${name} | ${sec.toFixed(2)} | ${Math.round(n / sec)} | ${((100 * sec) / wall).toFixed(1)}% |`);
  for (const [name, sec] of stageSec) stageRow(name, sec);
  stageRow('all per-article stages (prepare)', prepSec);
  stageRow('store side: candidates, matching, stories, alignment, SQLite writes (whole − prepare)', wall - prepSec);
  stageRow('whole pipeline', wall);
  if (profile) {
    const top = Number(arg(args, 'top') ?? 12);
    console.log(
      `\nCPU profile of the whole pipeline run (${(profile.totalMs / 1000).toFixed(1)} s sampled, self time):\n`,
    );
    console.log(profileTable('by stage or package', profile.byGroup, top));
    console.log('');
    console.log(profileTable('by function', profile.byFunction, top));
  }
  console.log(
    JSON.stringify({
      articles: docs.length,
      articlesPerSec: docs.length / wall,
      articlesPerCpuSec: docs.length / cpu,
      prepareArticlesPerSec: docs.length / prepSec,
      stagesPerSec: Object.fromEntries(stageSec.map(([k, v]) => [k, Math.round(docs.length / v)])),
      profile: profile?.byGroup.slice(0, 8).map((r) => [r.name, +r.share.toFixed(3)]),
      peakRssMB: peak / 1e6,
      bcubedF1: q.bcubed.f1,
      pairwiseF1: q.pairwise.f1,
    }),
  );
}
