import { resolve } from 'node:path';
import type { AssignOptions } from '../src/stories/assign.js';
import type { PairModel } from '../src/stories/scorer.js';
import { onlineCentroids, tfidfAverageLink } from './corpora/baseline.js';
import { loadEcbPlus, type GoldDoc } from './corpora/ecbplus.js';
import { clusterScores, mergedGroups } from './corpora/metrics.js';
import { engineRun } from './lib/engine-run.js';

/**
 * `npm run bench -- ecbplus --corpus PATH`: every document of an ECB+ folder clustered by the engine's own online
 * story clustering (one run in topic and file order, no tuning at run time), scored against the gold stories (topic
 * × ecb/ecbplus). Last line: JSON with bcubedF1 and pairwiseF1.
 *
 * With --baseline, a plain online TF-IDF centroid clustering (corpora/baseline.ts) of the same documents in the same
 * order is scored beside it at several thresholds, before the JSON line: what words alone give on these topics.
 *
 * `--join P` sets the assignment's join probability (stories/assign.ts) for the run.
 *
 * With --cv, five folds of topics: each fold's topics clustered alone by the engine with a pair scorer fitted without
 * them (`npm run train`'s data and fit), beside the plain baselines of the same fold (online TF-IDF centroids at .2,
 * TF-IDF average link at .2 and .3); BCubed F1 per fold, mean and spread. With --boosted, each fold's scorer has
 * monotone boosted trees beside its linear model (`npm run train -- --boosted`).
 */
export default async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--corpus');
  const dir = resolve(i >= 0 ? args[i + 1] : '../shared/corpora/ecbplus-dev');
  const docs = loadEcbPlus(dir);
  if (args.includes('--cv')) return crossValidate(docs, resolve(dir, '../..'));
  const j = args.indexOf('--join');
  const assign = j >= 0 ? { joinProbability: Number(args[j + 1]) } : {};
  const t0 = performance.now();
  const story = await runEngine(docs, undefined, assign);
  const sec = (performance.now() - t0) / 1000;
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

/** The engine's stories of these documents, one run in a fresh store, by document id. */
async function runEngine(
  docs: GoldDoc[],
  model?: PairModel,
  assign: Partial<AssignOptions> = {},
): Promise<Map<string, string>> {
  return engineRun(
    docs.map((d) => d.doc),
    { assign: { ...assign, ...(model ? { model } : {}) } },
    async (_, arts) => new Map(arts.map((a) => [a.source, a.storyId])),
  );
}

async function crossValidate(docs: GoldDoc[], shared: string): Promise<void> {
  const { buildTrainingPairs } = await import('../train/train.js');
  const { folds, trainPairModel } = await import('../train/fit.js');
  const t0 = performance.now();
  const corpora = await buildTrainingPairs(shared);
  const ecb = corpora.find((c) => c.name === 'ecbplus');
  if (!ecb) throw new Error(`no ECB+ training pairs under ${shared}`);
  const topicOf = (d: GoldDoc) => d.gold.replace(/-[^-]*$/, '');
  const f3 = (x: number) => x.toFixed(3);
  console.log(
    `5-fold cross-validation by topic (training pairs built in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  console.log(
    '| fold | topics | documents | engine BCubed F1 | topics merged | centroids .2 | average link .2 | average link .3 |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const rows: number[][] = [];
  for (const [k, fold] of folds(ecb, 5).entries()) {
    const held = new Set(fold);
    const model = trainPairModel(
      corpora,
      { corpus: 'ecbplus', groups: held },
      { boosted: process.argv.includes('--boosted') },
    );
    const part = docs.filter((d) => held.has(topicOf(d)));
    const story = await runEngine(part, model);
    const scored = part.filter((d) => story.has(d.id));
    const pred = scored.map((d) => story.get(d.id)!);
    const gold = scored.map((d) => d.gold);
    const e = clusterScores(pred, gold).bcubed.f1;
    const texts = part.map((d) => String(d.doc.content));
    const all = part.map((d) => d.gold);
    const cent = clusterScores(onlineCentroids(texts, [0.2])[0], all).bcubed.f1;
    const [l2, l3] = tfidfAverageLink(texts, [0.2, 0.3]).map((l) => clusterScores(l, all).bcubed.f1);
    rows.push([e, cent, l2, l3]);
    console.log(
      `| ${k + 1} | ${fold.join(' ')} | ${part.length} | ${f3(e)} | ${mergedGroups(pred, gold)} of ${held.size} | ${f3(cent)} | ${f3(l2)} | ${f3(l3)} |`,
    );
  }
  const col = (c: number) => rows.map((r) => r[c]);
  const stat = (xs: number[]) =>
    `${f3(xs.reduce((a, b) => a + b, 0) / xs.length)} [${f3(Math.min(...xs))}, ${f3(Math.max(...xs))}]`;
  console.log(`| mean [min, max] | | | ${stat(col(0))} | | ${stat(col(1))} | ${stat(col(2))} | ${stat(col(3))} |`);
  console.log(
    JSON.stringify({
      cvBcubedF1Mean: col(0).reduce((a, b) => a + b, 0) / rows.length,
      cvBcubedF1Min: Math.min(...col(0)),
      cvBcubedF1Max: Math.max(...col(0)),
      seconds: (performance.now() - t0) / 1000,
    }),
  );
}
