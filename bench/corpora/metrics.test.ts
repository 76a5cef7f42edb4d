import { describe, expect, it } from 'vitest';
import { bcubed, macroF1, mergedGroups, pairwise } from './metrics.js';

describe('metrics', () => {
  it('BCubed by hand: clusters {a,b,c} {d,e} against classes {a,b} {c,d,e}', () => {
    const pred = ['1', '1', '1', '2', '2'];
    const gold = ['x', 'x', 'y', 'y', 'y'];
    // precision per item: a 2/3, b 2/3, c 1/3, d 1, e 1 → 11/15; recall: a 1, b 1, c 1/3, d 2/3, e 2/3 → 11/15
    const s = bcubed(pred, gold);
    expect(s.precision).toBeCloseTo(11 / 15, 10);
    expect(s.recall).toBeCloseTo(11 / 15, 10);
  });
  it('pairwise by hand', () => {
    // predicted pairs: ab ac bc de (4); gold pairs: ab cd ce de (4); shared: ab de (2)
    const s = pairwise(['1', '1', '1', '2', '2'], ['x', 'x', 'y', 'y', 'y']);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
  });
  it('perfect and all-singleton clusterings', () => {
    expect(bcubed(['1', '1', '2'], ['a', 'a', 'b']).f1).toBe(1);
    const singletons = bcubed(['1', '2', '3'], ['a', 'a', 'a']);
    expect(singletons.precision).toBe(1);
    expect(singletons.recall).toBeCloseTo(1 / 3, 10);
  });
  it('counts gold groups whose classes share a predicted cluster', () => {
    expect(
      mergedGroups(['1', '1', '2', '3'], ['1-ecb', '1-ecbplus', '2-ecb', '2-ecbplus'], (g) => g.split('-')[0]),
    ).toBe(1);
  });
  it('macro F1 over classes', () => {
    const r = macroF1([
      { gold: 'a', pred: 'a' },
      { gold: 'a', pred: 'b' },
      { gold: 'b', pred: 'b' },
    ]);
    expect(r.perClass.a.f1).toBeCloseTo(2 / 3, 10);
    expect(r.perClass.b.f1).toBeCloseTo(2 / 3, 10);
    expect(r.macroF1).toBeCloseTo(2 / 3, 10);
  });
});
