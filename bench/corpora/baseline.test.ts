import { describe, expect, it } from 'vitest';
import { onlineCentroids } from './baseline.js';

describe('onlineCentroids', () => {
  const texts = [
    'Bettie Page, the pin-up model of the 1950s, died in Los Angeles at 85 after a heart attack.',
    'Pin-up queen Bettie Page has died at the age of 85 in a Los Angeles hospital, her agent said.',
    'Microsoft released an emergency patch for a flaw in Internet Explorer that hackers exploited.',
    'Hackers exploited the Internet Explorer flaw before Microsoft released its emergency patch.',
  ];

  it('puts texts of one subject in one story and keeps other subjects apart', () => {
    const [labels] = onlineCentroids(texts, [0.2]);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[2]).toBe(labels[3]);
    expect(labels[0]).not.toBe(labels[2]);
  });

  it('starts a story for every text when the threshold cannot be reached, and labels in arrival order', () => {
    const [strict, loose] = onlineCentroids(texts, [1.01, 0]);
    expect(strict).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(loose[0]).toBe('c0');
  });
});
