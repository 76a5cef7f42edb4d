/**
 * Whole pipeline on the generated corpus of the peer kit: ingest → extract → clean → analyze → fingerprint → match →
 * stories → SQLite writes, one process. Prints throughput, peak memory, the time of the per-article stages alone,
 * and same-story quality (BCubed and pairwise) against the generator's story labels.
 *
 *   npm run bench -- pipeline [--size 10k|50k] [--limit N] [--corpus FILE --truth FILE]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { prepare } from '../src/engine/prepare.js';
import type { RawDoc } from '../src/model/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { clusterScores } from './corpora/metrics.js';
import { peersDir } from './lib/peers.js';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export default async function main(args: string[]): Promise<void> {
  const size = arg(args, 'size') ?? '10k';
  const limit = Number(arg(args, 'limit') ?? Infinity);
  const dir = peersDir();
  if (!arg(args, 'corpus') && !dir) {
    console.log(
      'peer kit not found: copy ../shared/peers to /tmp/peers and run its setup.sh, or pass --corpus and --truth',
    );
    return;
  }
  const corpus = arg(args, 'corpus') ?? join(dir!, 'data', `corpus-${size}.jsonl`);
  const truthFile = arg(args, 'truth') ?? join(dir!, 'data', `truth-${size}.jsonl`);
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

  // Per-article stages alone (no store): what the pure part of the pipeline costs.
  let t = performance.now();
  for (const d of docs) prepare(d);
  const prepSec = (performance.now() - t) / 1000;

  const tmp = mkdtempSync(join(tmpdir(), 'nt-bench-'));
  const store = new SqliteStore(join(tmp, 'bench.db'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  t = performance.now();
  const result = await new Engine(store).add(docs);
  const wall = (performance.now() - t) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);

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
  console.log(
    JSON.stringify({
      articles: docs.length,
      articlesPerSec: docs.length / wall,
      prepareArticlesPerSec: docs.length / prepSec,
      peakRssMB: peak / 1e6,
      bcubedF1: q.bcubed.f1,
      pairwiseF1: q.pairwise.f1,
    }),
  );
}
