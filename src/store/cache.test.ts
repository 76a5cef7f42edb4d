import { describe, expect, it } from 'vitest';
import { RecentCache } from './cache.js';

describe('RecentCache', () => {
  it('keeps at least the most recently used half of its capacity and never holds more than it', () => {
    const c = new RecentCache<number, string>(100);
    for (let i = 0; i < 1000; i++) {
      c.set(i, `v${i}`);
      // Entry 7 is used again and again: it stays however much else comes in.
      expect(c.get(7) ?? (i >= 7 ? 'lost' : undefined)).not.toBe('lost');
      expect(c.size).toBeLessThanOrEqual(100);
      // The 48 latest entries besides 7 and i itself are among the 50 most recently used (read in the last round).
      for (let j = Math.max(0, i - 47); j <= i; j++) expect(c.get(j)).toBe(`v${j}`);
    }
    expect(c.get(990)).toBe('v990');
    // Not used since: gone.
    expect(c.get(100)).toBeUndefined();
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get(999)).toBeUndefined();
  });
});
