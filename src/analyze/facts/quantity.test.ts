import { describe, expect, it } from 'vitest';
import type { QuantityValue } from '../../model/index.js';
import { splitSentences } from '../../text/sentences.js';
import { quantities } from './quantity.js';
import { factLabel } from '../../stories/facts.js';

const run = (body: string) =>
  quantities(body, splitSentences(body)).map((f) => {
    expect(body.slice(f.span[0], f.span[1])).toBe(f.text);
    return { text: f.text, ...(f.value as QuantityValue) };
  });

describe('quantities', () => {
  it('reads what a figure counts and the event it belongs to', () => {
    const [q] = run('Syria condemned the killing and injuring of 240 civilians in Raqqa.');
    expect(q).toMatchObject({ value: 240, unit: 'civilian', event: 'killing and injuring' });
  });

  it('takes the counted thing from before the figure where the figure says "ones"', () => {
    const [q] = run('NGOs have estimated the casualties in Raqqa at 774 ones.');
    expect(q).toMatchObject({ value: 774, unit: 'casualty' });
  });

  it('keeps an order of magnitude in its own words, shown so, never as a figure the text does not state', () => {
    const got = run('Thousands of civilians fled. Tens of thousands of people marched. Dozens of houses burned.');
    expect(got.map((q) => [q.vague, q.value, q.unit])).toEqual([
      ['thousands', 1000, 'civilian'],
      ['tens of thousands', 10000, 'people'],
      ['dozens', 24, 'house'],
    ]);
    const f = quantities('Thousands of civilians fled.', splitSentences('Thousands of civilians fled.'))[0];
    expect(factLabel(f)).toBe('thousands civilian');
  });

  it('reads words, ranges, approximations, percentages and money', () => {
    const got = run(
      'Eighty families fled. Between 30 and 40 migrants were rescued. Thousands of civilians fled. ' +
        'Turnout was 67.4 percent. The court ordered it to pay €4.1 million. Two dozen soldiers were wounded.',
    );
    expect(got.map(({ value, unit }) => [value, unit])).toEqual([
      [80, 'family'],
      [30, 'migrant'],
      [1000, 'civilian'],
      [67.4, 'percent'],
      [4_100_000, 'eur'],
      [24, 'soldier'],
    ]);
    expect(got[1].max).toBe(40);
    expect(got[2].approximate).toBe(true);
  });

  it('skips rank adjectives and irregular plurals to the noun counted', () => {
    const got = run('Two senior officials said 3.2 million children had missed vaccinations.');
    expect(got.map(({ value, unit }) => [value, unit])).toEqual([
      [2, 'official'],
      [3_200_000, 'child'],
    ]);
  });

  it('leaves out years, day numbers and figures on a scale', () => {
    expect(run('A magnitude 6.8 earthquake struck on March 18, 2019, a Category 4 storm followed in 2020.')).toEqual(
      [],
    );
  });

  it('gives a participle the noun counted before it: "42 people were killed and 120 injured"', () => {
    const got = run('At least 42 people were killed and 120 injured.');
    expect(got[1]).toMatchObject({ value: 120, unit: 'people', event: 'injured' });
  });
});
