import { resolve } from 'node:path';
import { analyzeDocs } from '../src/api.js';
import { onlineCentroids } from './corpora/baseline.js';
import { loadEcbPlus } from './corpora/ecbplus.js';
import { clusterScores, mergedGroups } from './corpora/metrics.js';

/**
 * `npm run bench -- ecbplus --corpus PATH`: every document of an ECB+ folder clustered by the engine's own online
 * story clustering (one run in topic and file order, no tuning at run time), scored against the gold stories (topic
 * × ecb/ecbplus). Last line: JSON with bcubedF1 and pairwiseF1.
 *
 * With --baseline, a plain online TF-IDF centroid clustering (corpora/baseline.ts) of the same documents in the same
 * order is scored beside it at several thresholds, before the JSON line: what words alone give on these topics.
 */
export default async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--corpus');
  const dir = resolve(i >= 0 ? args[i + 1] : '../shared/corpora/ecbplus-dev');
  const docs = loadEcbPlus(dir);
  const t0 = performance.now();
  const report = await analyzeDocs(docs.map((d) => d.doc));
  const sec = (performance.now() - t0) / 1000;
  const story = new Map<string, string>();
  for (const s of report.stories) for (const a of s.articles) story.set(a.source, s.id);
  // Records that share a URL are one article to the engine; score them with the story they were stored in.
  const scored = docs.filter((d) => story.has(d.id));
  const pred = scored.map((d) => story.get(d.id)!);
  const gold = scored.map((d) => d.gold);
  const q = clusterScores(pred, gold);
  const topics = new Set(gold.map((g) => g.split('-')[0])).size;
  const merged = mergedGroups(pred, gold);
  console.log(`ECB+ ${dir}: ${docs.length} documents, ${topics} topics, ${new Set(gold).size} gold stories`);
  console.log(`| measure | precision | recall | F1 |\n|---|---|---|---|`);
  console.log(
    `| BCubed | ${q.bcubed.precision.toFixed(3)} | ${q.bcubed.recall.toFixed(3)} | ${q.bcubed.f1.toFixed(3)} |`,
  );
  console.log(
    `| pairwise | ${q.pairwise.precision.toFixed(3)} | ${q.pairwise.recall.toFixed(3)} | ${q.pairwise.f1.toFixed(3)} |`,
  );
  console.log(
    `predicted stories ${new Set(pred).size}; topics whose two events share a predicted story: ${merged} of ${topics}; documents stored as one with another (same URL): ${docs.length - scored.length}; ${sec.toFixed(1)} s`,
  );
  if (args.includes('--baseline')) {
    const thresholds = [0.15, 0.2, 0.25, 0.3];
    const runs = onlineCentroids(
      docs.map((d) => String(d.doc.content)),
      thresholds,
    );
    const all = docs.map((d) => d.gold);
    console.log('| baseline: online TF-IDF centroids, threshold | BCubed P | R | F1 | pairwise F1 | topics merged |');
    console.log('|---|---|---|---|---|---|');
    runs.forEach((labels, k) => {
      const b = clusterScores(labels, all);
      console.log(
        `| ${thresholds[k]} | ${b.bcubed.precision.toFixed(3)} | ${b.bcubed.recall.toFixed(3)} | ${b.bcubed.f1.toFixed(3)} | ${b.pairwise.f1.toFixed(3)} | ${mergedGroups(labels, all)} |`,
      );
    });
  }
  console.log(
    JSON.stringify({
      documents: docs.length,
      bcubedP: q.bcubed.precision,
      bcubedR: q.bcubed.recall,
      bcubedF1: q.bcubed.f1,
      pairwiseF1: q.pairwise.f1,
      topicsMerged: merged,
      topics,
    }),
  );
}
