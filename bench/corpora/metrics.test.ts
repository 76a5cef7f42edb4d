import { describe, expect, it } from 'vitest';
import { bcubed, clusterScores, macroF1, mergedGroups, pairwise } from './metrics.js';

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
  it('Map form: gold decides the items; an item left unclustered is a singleton', () => {
    const gold = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    // b missing: clusters {a, c} {b}; precision a 1/2, b 1, c 1/2 → 2/3; recall a 1/2, b 1/2, c 1 → 2/3
    const s = bcubed(
      new Map([
        ['a', '1'],
        ['c', '1'],
        ['zzz', '1'],
      ]),
      gold,
    );
    expect(s.precision).toBeCloseTo(2 / 3, 10);
    expect(s.recall).toBeCloseTo(2 / 3, 10);
  });
  it('clusterScores counts ECB+ topics whose two events share a cluster', () => {
    const gold = new Map([
      ['1_1ecb.xml', '1-ecb'],
      ['1_1ecbplus.xml', '1-ecbplus'],
      ['2_1ecb.xml', '2-ecb'],
      ['2_2ecb.xml', '2-ecb'],
      ['2_1ecbplus.xml', '2-ecbplus'],
    ]);
    const pred = new Map([
      ['1_1ecb.xml', 'A'],
      ['1_1ecbplus.xml', 'A'],
      ['2_1ecb.xml', 'B'],
      ['2_2ecb.xml', 'B'],
      ['2_1ecbplus.xml', 'C'],
    ]);
    const q = clusterScores(pred, gold);
    expect(q.mergedGroups).toBe(1);
    // predicted pairs: (1_1ecb,1_1ecbplus) wrong, (2_1ecb,2_2ecb) right; gold pairs: only (2_1ecb,2_2ecb)
    expect(q.pairwise.precision).toBe(0.5);
    expect(q.pairwise.recall).toBe(1);
    // precision: 1/2 + 1/2 + 1 + 1 + 1 = 4 of 5; recall: all 1
    expect(q.bcubed.precision).toBeCloseTo(4 / 5, 10);
    expect(q.bcubed.recall).toBe(1);
  });
});
