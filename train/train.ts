import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAIR_FEATURES } from '../src/stories/pair-features.js';
import { sameStoryProbability } from '../src/stories/scorer.js';
import { trainingCorpora } from './corpora.js';
import { corpusPairs, type CorpusPairs } from './dataset.js';
import { folds, L2, trainPairModel } from './fit.js';
import { auc } from './logistic.js';

/**
 * `npm run train`: fits the same-story pair scorer (src/stories/pair-model.json) on the labelled real news of
 * ../shared (trainingCorpora), and reports its cross-validated pair AUC per corpus, each fold scored by a model fitted
 * without it (families: one family a fold; ECB+ topics and METER days: five folds). The clustering figures of the
 * engine with such models are in the benchmarks (`npm run bench -- families --cv`, `ecbplus --cv`).
 * `--out FILE` writes the model elsewhere; `--dry-run` writes nothing; `--boosted` adds monotone boosted trees whose
 * probabilities the scorer averages with the linear model's (not the shipped default: BENCHMARKS.md).
 */
export const FOLDS: Record<string, number> = { families: Infinity, ecbplus: 5, meter: 5 };

/**
 * Corpora whose groups are days: their pairs across groups differ by the date alone (METER's court lists, one a day),
 * and would teach that a story never runs past its first day; only their pairs within a day are used.
 */
const WITHIN_GROUPS_ONLY = new Set(['meter']);

export async function buildTrainingPairs(shared?: string): Promise<CorpusPairs[]> {
  const out: CorpusPairs[] = [];
  for (const [name, docs] of Object.entries(trainingCorpora(shared)))
    out.push(await corpusPairs(name, docs, !WITHIN_GROUPS_ONLY.has(name)));
  return out;
}

async function main(args: string[]): Promise<void> {
  const boosted = args.includes('--boosted');
  const t0 = performance.now();
  const corpora = await buildTrainingPairs();
  if (corpora.length === 0) {
    console.error('no labelled corpora found in ../shared (families, corpora/ecbplus-dev, corpora/meter-courts)');
    process.exit(2);
  }
  const summary: Record<string, unknown> = {};
  console.log(
    '| corpus | documents | pairs | same-story pairs | folds | pair AUC, mean of folds [min, max] | names, figures and dates alone (the cross-lingual model) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const c of corpora) {
    const fs = folds(c, FOLDS[c.name] ?? 5);
    const aucs: number[] = [];
    const crossAucs: number[] = [];
    for (const fold of fs) {
      const held = new Set(fold);
      const m = trainPairModel(corpora, { corpus: c.name, groups: held }, { boosted });
      const test = c.pairs.filter((p) => held.has(c.docs[p.i].group) && held.has(c.docs[p.j].group));
      const labels = test.map((p) => p.y);
      if (!labels.includes(1) || !labels.includes(0)) continue;
      aucs.push(
        auc(
          test.map((p) => sameStoryProbability(p.x, m)),
          labels,
        ),
      );
      crossAucs.push(
        auc(
          test.map((p) => sameStoryProbability(p.x, m, true)),
          labels,
        ),
      );
    }
    const crossMean = crossAucs.reduce((a, b) => a + b, 0) / crossAucs.length;
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    const positives = c.pairs.filter((p) => p.y === 1).length;
    console.log(
      `| ${c.name} | ${c.docs.length} | ${c.pairs.length} | ${positives} | ${fs.length} | ${mean.toFixed(3)} [${Math.min(...aucs).toFixed(3)}, ${Math.max(...aucs).toFixed(3)}] | ${crossMean.toFixed(3)} [${Math.min(...crossAucs).toFixed(3)}, ${Math.max(...crossAucs).toFixed(3)}] |`,
    );
    summary[c.name] = {
      documents: c.docs.length,
      pairs: c.pairs.length,
      positives,
      folds: fs.length,
      pairAucMean: +mean.toFixed(4),
      pairAucMin: +Math.min(...aucs).toFixed(4),
      pairAucMax: +Math.max(...aucs).toFixed(4),
      crossLingualPairAucMean: +crossMean.toFixed(4),
    };
  }
  const model = trainPairModel(corpora, undefined, { boosted });
  console.log(`\n${model.boosted?.trees.length ?? 0} boosted trees; the linear part:`);
  console.log('\n| feature | weight (standardised) |\n|---|---|');
  PAIR_FEATURES.forEach((f, k) => console.log(`| ${f} | ${model.weights[k].toFixed(3)} |`));
  const out = {
    ...model,
    trained: {
      by: 'npm run train (train/train.ts)',
      on: summary,
      crossValidation: 'pair AUC of each fold by a model fitted without it; groups: family, ECB+ topic, METER day',
      l2: L2,
    },
  };
  if (!args.includes('--dry-run')) {
    const i = args.indexOf('--out');
    const file = resolve(i >= 0 ? args[i + 1] : 'src/stories/pair-model.json');
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log(`\nwrote ${file}`);
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
