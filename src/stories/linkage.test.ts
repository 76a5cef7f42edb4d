import { describe, expect, it } from 'vitest';
import { averageLink } from './linkage.js';

describe('averageLink', () => {
  // Two tight groups {0, 1} and {2, 3}, joined at a mean of .6 by one bridging item (4) close to all.
  const sim = [
    [1, 0.9, 0.3, 0.3, 0.9],
    [0.9, 1, 0.3, 0.3, 0.9],
    [0.3, 0.3, 1, 0.9, 0.9],
    [0.3, 0.3, 0.9, 1, 0.9],
    [0.9, 0.9, 0.9, 0.9, 1],
  ];

  it('merges clusters while their mean similarity reaches the threshold', () => {
    expect(new Set(averageLink(sim, 0.5)).size).toBe(1);
    expect(new Set(averageLink(sim, 0.8)).size).toBe(2);
  });

  it('never merges two clusters that hold a cannot-link pair, whatever their mean', () => {
    const label = averageLink(sim, 0.5, (i, j) => (i === 0 && j === 2) || (i === 2 && j === 0));
    expect(label[0]).not.toBe(label[2]);
    expect(label[0]).toBe(label[1]);
    expect(label[2]).toBe(label[3]);
  });
});
