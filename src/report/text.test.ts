import { describe, expect, it } from 'vitest';
import { dateLabel, storiesText } from './text.js';

describe('terminal dates', () => {
  it('shows every first-seen date in one form, times in UTC, and keeps the columns aligned', () => {
    const out = storiesText(
      [
        { id: 's1', articles: 3, outlets: 2, firstSeen: '2022-04-11T09:30:00.000Z', title: 'Timed' },
        { id: 's2', articles: 2, outlets: 1, firstSeen: '2022-04-12', title: 'Dated' },
        { id: 's3', articles: 1, outlets: 1, title: 'Undated' },
      ],
      { color: false, width: 100 },
    );
    const rows = out.trimEnd().split('\n');
    expect(rows[1]).toContain('2022-04-11 09:30 UTC');
    expect(rows[1]).not.toContain('T09:30');
    expect(rows[2]).toContain('2022-04-12');
    // The title column starts at the same place on every row, header included.
    const at = rows.map((r, i) => r.indexOf(['title', 'Timed', 'Dated', 'Undated'][i]));
    expect(new Set(at).size).toBe(1);
  });

  it('reads an offset as the UTC time it stands for, and leaves a plain date as it is', () => {
    expect(dateLabel('2022-04-11T23:30:00+02:00')).toBe('2022-04-11 21:30 UTC');
    expect(dateLabel('2022-04-11')).toBe('2022-04-11');
    expect(dateLabel('2022-04')).toBe('2022-04');
  });
});
