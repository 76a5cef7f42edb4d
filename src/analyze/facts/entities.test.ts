import { describe, expect, it } from 'vitest';
import type { EntityValue } from '../../model/index.js';
import { splitSentences } from '../../text/sentences.js';
import { canonicalEntity, entities } from './entities.js';

const run = (body: string) =>
  entities(body, splitSentences(body)).map((f) => {
    expect(body.slice(f.span[0], f.span[1])).toBe(f.text);
    return [f.kind, f.text, (f.value as EntityValue).canonical];
  });

describe('entities', () => {
  it('gives outlets’ variants of one name one canonical form', () => {
    const canon = (s: string) => canonicalEntity(s, 'organisation').canonical;
    expect(new Set(['U.S.-led coalition', 'US-led coalition', 'so-called international coalition'].map(canon))).toEqual(
      new Set(['US-led coalition']),
    );
    expect(new Set(['QSD', 'SDF', 'Syrian Democratic Forces'].map(canon))).toEqual(
      new Set(['Syrian Democratic Forces']),
    );
    expect(canonicalEntity('al-Baghouz', 'place').canonical).toBe(canonicalEntity('Baghouz', 'place').canonical);
  });

  it('reads places in lists, with their particles', () => {
    expect(run('Strikes hit Raqqa, Deir-ez-Zor, Ayn al-Arab and al-Baghouz.').map((e) => e[0])).toEqual([
      'place',
      'place',
      'place',
      'place',
    ]);
    expect(run('The truce was brokered by Qatar and Egypt.')).toEqual([
      ['place', 'Qatar', 'Qatar'],
      ['place', 'Egypt', 'Egypt'],
    ]);
  });

  it('takes the person after a title and leaves the title out', () => {
    expect(run('German Chancellor Olaf Scholz met Prime Minister Rishi Sunak in London.')).toEqual([
      ['person', 'Olaf Scholz', 'Olaf Scholz'],
      ['person', 'Rishi Sunak', 'Rishi Sunak'],
      ['place', 'London', 'London'],
    ]);
  });

  it('does not take names of bodies and seas for people', () => {
    const got = run(
      'The Federal Reserve held rates. Ships in the Red Sea were attacked. Cases rose, according to Doctors Without Borders.',
    );
    expect(got).toEqual([
      ['organisation', 'Federal Reserve', 'Federal Reserve'],
      ['place', 'Red Sea', 'Red Sea'],
      ['organisation', 'Doctors Without Borders', 'Doctors Without Borders'],
    ]);
  });

  it('splits a possessive off the name it qualifies and knows an apposition describes a person', () => {
    expect(run("Yemen's Houthis attacked a ship.")[0]).toEqual(['place', 'Yemen', 'Yemen']);
    expect(run('"We lost everything," said Fatima, a mother of four.')).toEqual([['person', 'Fatima', 'Fatima']]);
  });
});
