import { describe, expect, it } from 'vitest';
import { storyQuery } from '../server/schemas.js';
import { extract } from './index.js';

/** A date the record gives that is not one is reported with the record, not dropped; the API refuses one too. */
describe('invalid dates', () => {
  const text = 'The council said on Monday that the bridge would reopen after repairs.';

  it('a text file whose date line is not a calendar day is rejected, naming the file and the value', () => {
    const r = extract({ source: 'news/bridge.txt', format: 'text', content: `date 2024-13-45\n\n${text}\n`, meta: {} });
    expect(r).toEqual({
      ok: false,
      error: { source: 'news/bridge.txt', reason: expect.stringContaining('date line "2024-13-45" is not a date') },
    });
  });

  it('a record whose published field is not a date is rejected, naming the record and the value', () => {
    for (const published of ['not a date', '2024-02-30']) {
      const r = extract({ source: 'in.jsonl#L3', format: 'text', content: text, meta: { published } });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error).toMatchObject({ source: 'in.jsonl#L3', reason: expect.stringContaining(`"${published}"`) });
    }
  });

  it('valid dates, a month alone, and no date at all still go in', () => {
    for (const published of ['2024-02-29', '2024-05-01T10:00:00Z', 'May 2024', undefined]) {
      expect(extract({ source: 'x', format: 'text', content: text, meta: { published } }).ok).toBe(true);
    }
    expect(extract({ source: 'x', format: 'text', content: `date 2024-02-29\n\n${text}`, meta: {} }).ok).toBe(true);
  });

  it('/api/stories refuses a from or to that is not a day of the calendar', () => {
    expect(storyQuery.safeParse({ from: '2024-13-01' }).success).toBe(false);
    expect(storyQuery.safeParse({ to: '2024-02-30' }).success).toBe(false);
    expect(storyQuery.safeParse({ from: '2024-02-29', to: '2024-12-31' }).success).toBe(true);
  });
});
