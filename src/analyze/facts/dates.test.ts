import { describe, expect, it } from 'vitest';
import type { DateValue } from '../../model/index.js';
import { splitSentences } from '../../text/sentences.js';
import { dates } from './dates.js';

const run = (body: string, publishedAt?: string) =>
  dates(body, splitSentences(body), publishedAt).map((f) => {
    expect(body.slice(f.span[0], f.span[1])).toBe(f.text);
    return { text: f.text, ...(f.value as DateValue) };
  });

describe('dates', () => {
  it('reads written dates, months and years at the precision given', () => {
    const got = run('The ceasefire took effect on March 18th, 2019, was extended until June 2019 and ended in 2020.');
    expect(got.map((d) => d.iso)).toEqual(['2019-03-18', '2019-06', '2020']);
    expect(got[0].event).toBe('took effect');
  });

  it('resolves a weekday to the past week of a Thursday paper, or to the coming one in the future tense', () => {
    // 2024-03-14 is a Thursday: "on Sunday" is the 10th, not the 17th.
    expect(run('The ministry said on Sunday that 27 people died.', '2024-03-14')[0].iso).toBe('2024-03-10');
    expect(run('The army said on Thursday the town had fallen.', '2024-03-14')[0].iso).toBe('2024-03-14');
    expect(run('The minister will travel to Paris on Tuesday.', '2024-03-14')[0].iso).toBe('2024-03-19');
  });

  it('resolves months and "last January" against the publication date, and drops them without one', () => {
    expect(run('The convoy reached Gaza last January.', '2024-05-02')[0].iso).toBe('2024-01');
    expect(run('Floods have displaced millions since June.', '2022-09-03')[0].iso).toBe('2022-06');
    expect(run('The talks resumed on Monday.')).toEqual([]);
  });

  it('reads periods as one date with an end', () => {
    expect(run('The operation between June and October of 2017 razed the city.')[0]).toMatchObject({
      iso: '2017-06',
      end: '2017-10',
    });
    expect(run('Strikes hit Syria between May 1 and May 7.', '2019-05-09')[0]).toMatchObject({
      text: 'May 1 and May 7',
      iso: '2019-05-01',
      end: '2019-05-07',
    });
  });

  it('takes no month from inside a word, no date from a count of days since another event', () => {
    expect(run('Inflation reached 211 percent, the statistics agency INDEC said.', '2024-01-12')).toEqual([]);
    expect(run('Rescuers pulled two survivors out nine days after the quake.', '2023-02-15')).toEqual([]);
  });

  it('keeps a month where the text names part of it', () => {
    expect(run('Output cuts were extended until the end of March.', '2024-01-10')[0].iso).toBe('2024-03');
  });
});
