import { describe, expect, it } from 'vitest';
import { sameStoryProbability, type PairModel } from '../src/stories/scorer.js';
import { mulberry32 } from '../test/lib/random.js';
import { fitBoosted, predictBoosted } from './boosted.js';
import { auc, fitLogistic, predictLogistic } from './logistic.js';

describe('boosted trees', () => {
  it('learn an interaction a linear model cannot: one class where both features are high', () => {
    const r = mulberry32(7);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const x = [r(), r()];
      X.push(x);
      y.push(x[0] > 0.5 === x[1] > 0.5 ? 1 : 0);
    }
    const trees = fitBoosted(X, y, { rounds: 50, depth: 2 });
    const linear = fitLogistic(X, y, { l2: 0 });
    const treesAuc = auc(
      X.map((x) => predictBoosted(trees, x)),
      y,
    );
    const linearAuc = auc(
      X.map((x) => predictLogistic(linear, x)),
      y,
    );
    expect(treesAuc).toBeGreaterThan(0.95);
    expect(linearAuc).toBeLessThan(0.6);
  });

  it('keep a monotone constraint where the data would bend it', () => {
    // Positives rise with x up to .8, then fall: constrained to rise, the prediction never falls as x grows.
    const r = mulberry32(11);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const x = r();
      X.push([x]);
      y.push(r() < (x < 0.8 ? x : 1.6 - x) ? 1 : 0);
    }
    const free = fitBoosted(X, y, { rounds: 60, depth: 2 });
    const rising = fitBoosted(X, y, { rounds: 60, depth: 2, monotone: [1] });
    const grid = Array.from({ length: 101 }, (_, i) => [i / 100]);
    const drops = (m: typeof free) =>
      grid.some((x, i) => i > 0 && predictBoosted(m, x) < predictBoosted(m, grid[i - 1]) - 1e-12);
    expect(drops(free)).toBe(true);
    expect(drops(rising)).toBe(false);
  });

  it('score the same in the product as in training, the mean of the trees and the linear model', () => {
    const r = mulberry32(3);
    const X = Array.from({ length: 500 }, () => [r(), r()]);
    const y = X.map((x) => (x[0] + 0.3 * x[1] + 0.2 * r() > 0.7 ? 1 : 0));
    const trees = fitBoosted(X, y, { rounds: 20 });
    const linear = fitLogistic(X, y);
    const model: PairModel = { features: ['a', 'b'], ...linear, boosted: trees };
    for (const x of X.slice(0, 20))
      expect(sameStoryProbability(x, model)).toBeCloseTo(
        (predictBoosted(trees, x) + predictLogistic(linear, x)) / 2,
        12,
      );
  });
});
