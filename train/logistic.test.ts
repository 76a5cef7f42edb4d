import { describe, expect, it } from 'vitest';
import { auc, fitLogistic, predictLogistic } from './logistic.js';

const logit = (p: number) => Math.log(p / (1 - p));

describe('logistic regression', () => {
  it('recovers the closed form of one binary feature: the log odds of each group', () => {
    // Group 0: 30 of 100 positive; group 1: 80 of 100. The maximum-likelihood fit (no penalty) predicts exactly the
    // group rates, so the slope is the log odds ratio.
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) {
      X.push([0]);
      y.push(i < 30 ? 1 : 0);
      X.push([1]);
      y.push(i < 80 ? 1 : 0);
    }
    const m = fitLogistic(X, y, { l2: 0 });
    expect(predictLogistic(m, [0])).toBeCloseTo(0.3, 6);
    expect(predictLogistic(m, [1])).toBeCloseTo(0.8, 6);
    // On the original scale: slope = logit(.8) - logit(.3).
    expect(m.weights[0] / m.scale[0]).toBeCloseTo(logit(0.8) - logit(0.3), 5);
  });

  it('weighs examples: a doubled example counts as two', () => {
    const X = [[0], [0], [1], [1], [1]];
    const y = [1, 0, 1, 0, 0];
    const twice = fitLogistic([...X, [1]], [...y, 1], { l2: 0 });
    const weighted = fitLogistic(X, y, { l2: 0, sampleWeights: [1, 1, 2, 1, 1] });
    expect(predictLogistic(weighted, [1])).toBeCloseTo(predictLogistic(twice, [1]), 6);
    expect(predictLogistic(weighted, [1])).toBeCloseTo(0.5, 6);
  });

  it('shrinks weights towards zero as the penalty grows', () => {
    const X = Array.from({ length: 200 }, (_, i) => [i % 2, (i * 7) % 5]);
    const y = X.map(([a, b]) => (a + b > 2 ? 1 : 0));
    const loose = fitLogistic(X, y, { l2: 0.01 });
    const tight = fitLogistic(X, y, { l2: 100 });
    expect(Math.abs(tight.weights[0])).toBeLessThan(Math.abs(loose.weights[0]));
  });

  it('computes the area under the ROC curve with ties counted half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 9);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
  });
});
