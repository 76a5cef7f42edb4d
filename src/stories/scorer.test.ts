import { describe, expect, it } from 'vitest';
import { checkModel, PAIR_MODEL } from './scorer.js';

describe('pair model file', () => {
  it('the shipped model is for the features the code computes', () => {
    expect(checkModel(PAIR_MODEL)).toBe(PAIR_MODEL);
  });

  it('a model trained for other features is refused with the reason', () => {
    const stale = { ...PAIR_MODEL, features: PAIR_MODEL.features.slice(1) };
    expect(() => checkModel(stale)).toThrow(/do not match the code's .*npm run train/);
  });
});
