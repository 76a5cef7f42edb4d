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

  it('takes two capitalised words for a person by a given name or an initial, not a rare word before a common plural, a place or a numeral', () => {
    const people = (body: string) =>
      run(body)
        .filter((e) => e[0] === 'person')
        .map((e) => e[1]);
    expect(people('Both Powerball and Mega Millions have raised ticket prices.')).toEqual([]);
    expect(people('Messi began his Inter Miami career with a free kick.')).toEqual([]);
    expect(people('Officials met Imran Khan on Monday.')).toEqual(['Imran Khan']);
    expect(people('The contract covers two INTELSAT VI spacecraft.')).toEqual([]);
    expect(people('Stars like LeBron James were in the crowd.')).toEqual(['LeBron James']);
    expect(people('Ducommun Inc said W. Donald Bell resigned as president.')).toEqual(['W. Donald Bell']);
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

describe('companies known by what is said of them', () => {
  it('takes a traded, owned or valued name for an organisation, not a person or a place', () => {
    const kinds = (body: string) => run(body).map((e) => `${e[0]}:${e[1]}`);
    expect(kinds('Shares in Rolls-Royce fell 4% in London after the warning.')).toEqual([
      'organisation:Rolls-Royce',
      'place:London',
    ]);
    expect(kinds('The offer values Darktrace at about $5.3 billion, the buyer said.')).toEqual([
      'organisation:Darktrace',
    ]);
    expect(kinds('Last year Siemens reported revenue of 77.8 billion euros.')).toEqual(['organisation:Siemens']);
    expect(kinds('The carmaker Stellantis will cut 2,000 jobs in Italy.')).toEqual([
      'organisation:Stellantis',
      'place:Italy',
    ]);
    expect(kinds('A spokesperson for Unilever declined to comment.')).toEqual(['organisation:Unilever']);
    expect(kinds('The fund bought Vodafone shares worth 300 million pounds.')).toEqual(['organisation:Vodafone']);
  });

  it('still reads a person after a title and a place after a preposition', () => {
    expect(run('Chief Executive Tim Cook spoke in Cupertino.').map((e) => `${e[0]}:${e[1]}`)).toEqual([
      'person:Tim Cook',
      'place:Cupertino',
    ]);
  });
});
