/**
 * Chaining: where same-story decisions go wrong on the generated corpus. Runs the engine on the first N documents
 * with its decision hook (`EngineOptions.onDecision`) and, against the generator's story labels, counts the joins
 * whose partner is of another gold story (by how the article joined — reuse or same event — and by the article's
 * variant type), the merges of two stories whose gold majorities differ, and how the largest story was built.
 *
 *   npm run bench -- chaining [--size 10k|50k] [--corpus FILE --truth FILE] [--docs N] [--db PATH] [--samples K]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import type { StoryDecision } from '../src/stories/cluster.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { clusterScores, count } from './corpora/metrics.js';
import { arg, jsonlDocs } from './lib/corpus.js';
import { labelledCorpus } from './lib/peers.js';

interface Truth {
  story: string;
  type: string;
  parent: string | null;
}

/** A join, for the table and the samples. */
interface Join {
  source: string;
  partner: string;
  by: 'reuse' | 'event';
  score: number;
  containmentA: number;
  containmentB: number;
  shared: number;
  right: boolean;
}

/** Story ids merged away point at the story that took them in (union-find with path halving). */
class Stories {
  private readonly into = new Map<string, string>();
  find(id: string): string {
    let x = id;
    for (let up = this.into.get(x); up !== undefined; up = this.into.get(x)) {
      const next = this.into.get(up);
      if (next !== undefined) this.into.set(x, next);
      x = up;
    }
    return x;
  }
  merge(from: string, to: string): void {
    if (from !== to) this.into.set(from, to);
  }
}

const band = (x: number, edges: number[]) => {
  let i = 0;
  while (i < edges.length && x >= edges[i]) i++;
  return i === 0 ? `<${edges[0]}` : i === edges.length ? `>=${edges[i - 1]}` : `${edges[i - 1]}-${edges[i]}`;
};

export default async function main(args: string[]): Promise<void> {
  const files = labelledCorpus((name) => arg(args, name));
  if (!files) return;
  const { corpus, truth: truthFile } = files;
  const docs = Number(arg(args, 'docs') ?? Infinity);
  const samples = Number(arg(args, 'samples') ?? 10);
  const truth = new Map<string, Truth>();
  for (const line of readFileSync(truthFile, 'utf8').split('\n')) {
    if (!line) continue;
    const o = JSON.parse(line) as { id: string; story: number; type: string; parent: string | null };
    truth.set(o.id, { story: String(o.story), type: o.type, parent: o.parent });
  }

  const sourceOf = new Map<string, string>();
  const storyAtJoin = new Map<string, string>();
  const stories = new Stories();
  /** Gold-story counts of each live predicted story, to judge merges by their majorities. */
  const goldCounts = new Map<string, Map<string, number>>();
  const joins: Join[] = [];
  const merges: Array<{ sizes: number[]; right: boolean }> = [];
  /** How each article of a story came in: 'new', 'join', 'wrong-join', or via a merge (the article's own way). */
  const way = new Map<string, string>();
  const majority = (m: Map<string, number>) => {
    let best = '';
    let n = -1;
    for (const [g, c] of m) if (c > n) [best, n] = [g, c];
    return best;
  };
  const onDecision = (a: { id: string; source: string }, d: StoryDecision, storyId: string) => {
    sourceOf.set(a.id, a.source);
    const gold = truth.get(a.source)?.story ?? '?';
    if (d.join !== undefined) {
      const all = [d.join, ...d.merge].map((s) => stories.find(s));
      const live = new Set(all);
      if (live.size > 1) {
        const maj = new Set([...live].map((s) => majority(goldCounts.get(s) ?? new Map())));
        merges.push({ sizes: [...live].map((s) => sum(goldCounts.get(s))), right: maj.size === 1 });
      }
      const target = stories.find(storyId);
      const counts = goldCounts.get(target) ?? new Map<string, number>();
      for (const s of live) {
        if (s === target) continue;
        for (const [g, c] of goldCounts.get(s) ?? []) counts.set(g, (counts.get(g) ?? 0) + c);
        goldCounts.delete(s);
        stories.merge(s, target);
      }
      counts.set(gold, (counts.get(gold) ?? 0) + 1);
      goldCounts.set(target, counts);
      const w = d.why!;
      const partner = sourceOf.get(w.partner.id) ?? '?';
      const right = truth.get(partner)?.story === gold;
      joins.push({
        source: a.source,
        partner,
        by: w.by,
        score: w.score,
        containmentA: w.partner.overlap.containmentA,
        containmentB: w.partner.overlap.containmentB,
        shared: w.partner.overlap.shared,
        right,
      });
      way.set(a.id, right ? 'join' : 'wrong-join');
    } else {
      goldCounts.set(storyId, new Map([[gold, 1]]));
      way.set(a.id, 'new');
    }
    storyAtJoin.set(a.id, storyId);
  };

  let tmp: string | undefined;
  let db = arg(args, 'db');
  if (!db) {
    tmp = mkdtempSync(join(tmpdir(), 'nt-chaining-'));
    db = join(tmp, 'chaining.db');
  }
  const store = new SqliteStore(db);
  const t = performance.now();
  const r = await new Engine(store, { onDecision }).add(jsonlDocs(corpus, docs));
  const sec = (performance.now() - t) / 1000;
  await store.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });

  const pred = new Map<string, string>();
  const gold = new Map<string, string>();
  for (const [id, s] of storyAtJoin) {
    const src = sourceOf.get(id)!;
    pred.set(src, stories.find(s));
    gold.set(src, truth.get(src)?.story ?? '?');
  }
  const scores = clusterScores(pred, gold, (g) => g);
  const sizes = count([...pred.values()]);
  const [largest, largestSize] = [...sizes].sort((x, y) => y[1] - x[1])[0] ?? ['', 0];
  const inLargest = [...storyAtJoin.keys()].filter((id) => stories.find(storyAtJoin.get(id)!) === largest);
  const largestWays = count(inLargest.map((id) => way.get(id)!));
  const largestGold = new Set(inLargest.map((id) => gold.get(sourceOf.get(id)!)));

  console.log(`${r.added} articles (${r.errors} errors) in ${sec.toFixed(1)} s; ${sizes.size} stories`);
  console.log(
    `BCubed F1 ${scores.bcubed.f1.toFixed(3)} (P ${scores.bcubed.precision.toFixed(3)}, R ${scores.bcubed.recall.toFixed(3)}); ` +
      `pairwise F1 ${scores.pairwise.f1.toFixed(3)}`,
  );
  console.log(`largest story: ${largestSize} articles of ${largestGold.size} gold stories; ${fmt(largestWays)}`);
  console.log('');
  console.log('| joins | all | wrong | wrong share |');
  console.log('|---|---|---|---|');
  const rows = new Map<string, { all: number; wrong: number }>();
  for (const j of joins) {
    const type = truth.get(j.source)?.type ?? '?';
    const c = Math.max(j.containmentA, j.containmentB);
    for (const key of [
      `by ${j.by}`,
      `by ${j.by}, type ${type}`,
      j.by === 'reuse'
        ? `reuse, containment ${band(c, [0.2, 0.5, 0.8])}`
        : `event, score ${band(j.score, [0.3, 0.4, 0.5, 0.6])}`,
      j.by === 'reuse'
        ? `reuse, partner's share ${j.containmentB >= j.containmentA ? 'B' : 'A'} (${band(c, [0.5])})`
        : '',
    ]) {
      if (!key) continue;
      const row = rows.get(key) ?? { all: 0, wrong: 0 };
      row.all++;
      if (!j.right) row.wrong++;
      rows.set(key, row);
    }
  }
  for (const [k, v] of [...rows].sort((x, y) => x[0].localeCompare(y[0])))
    console.log(`| ${k} | ${v.all} | ${v.wrong} | ${(v.wrong / v.all).toFixed(3)} |`);
  const wrongMerges = merges.filter((m) => !m.right);
  console.log('');
  console.log(
    `merges: ${merges.length}, of stories with different gold majorities ${wrongMerges.length} ` +
      `(articles in the smaller side: ${wrongMerges.reduce((s, m) => s + Math.min(...m.sizes), 0)})`,
  );
  const wrong = joins.filter((j) => !j.right);
  console.log('');
  console.log(`wrong joins, ${Math.min(samples, wrong.length)} of ${wrong.length} (evenly through the run):`);
  for (let i = 0; i < Math.min(samples, wrong.length); i++) {
    const j = wrong[Math.floor(((i + 0.5) * wrong.length) / Math.min(samples, wrong.length))];
    const ta = truth.get(j.source);
    const tb = truth.get(j.partner);
    console.log(
      `  ${j.source} (${ta?.type}, story ${ta?.story}) -> ${j.partner} (${tb?.type}, story ${tb?.story}) by ${j.by} ` +
        `score ${j.score.toFixed(3)} cA ${j.containmentA.toFixed(3)} cB ${j.containmentB.toFixed(3)} shared ${j.shared}`,
    );
  }
  console.log(
    JSON.stringify({
      articles: r.added,
      stories: sizes.size,
      bcubedF1: scores.bcubed.f1,
      pairwiseF1: scores.pairwise.f1,
      largestStory: largestSize,
      joins: joins.length,
      wrongJoins: wrong.length,
      wrongReuseJoins: wrong.filter((j) => j.by === 'reuse').length,
      wrongEventJoins: wrong.filter((j) => j.by === 'event').length,
      merges: merges.length,
      wrongMerges: wrongMerges.length,
    }),
  );
}

function sum(m: Map<string, number> | undefined): number {
  let s = 0;
  for (const c of m?.values() ?? []) s += c;
  return s;
}

function fmt(m: Map<string, number>): string {
  return [...m]
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
