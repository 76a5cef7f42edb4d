import modelJson from './pair-model.json' with { type: 'json' };
import { PAIR_FEATURES } from './pair-features.js';

/**
 * The same-story scorer: a logistic regression over the pair features (`pair-features.ts`), trained by
 * `npm run train` from labelled real news (`train/train.ts`; what it was trained on and its cross-validated figures
 * travel in the model file). It turns a pair's evidence into the probability that both articles tell one story, so
 * that story decisions rest on measured weights instead of hand-set gates.
 */
/** A regression tree of boosted trees: a leaf value, or a split on one feature (`x[feature] <= threshold` goes left). */
export type Tree = number | { feature: number; threshold: number; left: Tree; right: Tree };

export interface PairModel {
  /** Feature names, in the order of `weights` (must equal PAIR_FEATURES). */
  features: string[];
  /**
   * Boosted trees (`train/boosted.ts`), monotone in every feature: their log odds are `base` plus `learningRate` times
   * the sum of the trees' leaves. Where present, the probability is the mean of theirs and the linear model's: the
   * trees weigh evidence jointly (names count for more where words are few), the linear model keeps every feature's
   * pull where the trees saw few pairs; cross-validated, the mean beats each alone on the families and keeps most of
   * the trees' gain on ECB+, but joins short wire formulas more readily (BENCHMARKS.md): the shipped model has none.
   */
  boosted?: { base: number; learningRate: number; trees: Tree[] };
  /** Per feature: subtracted, then divided by `scale`, before the weight applies. */
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
  /**
   * The model for a pair in two languages: the same form, fitted on CROSS_LINGUAL_FEATURES alone (the weights of the
   * others are 0). Absent from a model file trained before it: such pairs are then scored by the main model.
   */
  crossLingual?: LinearModel;
  /** How and on what it was trained, for the record. */
  trained?: Record<string, unknown>;
}

/** A logistic regression over standardised features. */
export interface LinearModel {
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
}

/** Throws when a model's features are not the ones this code computes (a stale or foreign model file). */
export function checkModel(m: PairModel): PairModel {
  const want = PAIR_FEATURES.join(',');
  if (m.features.join(',') !== want)
    throw new Error(`pair model features ${m.features.join(',')} do not match the code's ${want}: run npm run train`);
  for (const k of ['mean', 'scale', 'weights'] as const)
    if (m[k].length !== m.features.length) throw new Error(`pair model: ${k} has ${m[k].length} entries`);
  if (m.crossLingual)
    for (const k of ['mean', 'scale', 'weights'] as const)
      if (m.crossLingual[k].length !== m.features.length)
        throw new Error(`pair model: crossLingual.${k} has ${m.crossLingual[k].length} entries`);
  return m;
}

/** The shipped scorer, checked when it loads: a model file trained for other features would score garbage. */
export const PAIR_MODEL: PairModel = checkModel(modelJson as PairModel);

/**
 * Probability (0..1) that the pair with these features tells one story; `crossLingual` for a pair in two languages
 * (its model, where the file has one).
 */
export function sameStoryProbability(x: ArrayLike<number>, m: PairModel = PAIR_MODEL, crossLingual = false): number {
  if (crossLingual && m.crossLingual) return linearProbability(x, m.crossLingual);
  if (m.boosted) {
    let s = m.boosted.base;
    for (const t of m.boosted.trees) {
      let n = t;
      while (typeof n !== 'number') n = x[n.feature] <= n.threshold ? n.left : n.right;
      s += m.boosted.learningRate * n;
    }
    return (1 / (1 + Math.exp(-s)) + linearProbability(x, m)) / 2;
  }
  return linearProbability(x, m);
}

function linearProbability(x: ArrayLike<number>, m: LinearModel): number {
  let z = m.intercept;
  for (let k = 0; k < m.weights.length; k++) z += (m.weights[k] * (x[k] - m.mean[k])) / m.scale[k];
  return 1 / (1 + Math.exp(-z));
}
