import { describe, expect, it } from 'vitest';
import type { AttributionValue, DateValue, QuantityValue } from '../../model/index.js';
import { analyze } from '../index.js';

/** The precision cases of issue 22: what the fact table showed that the text does not say. */

const facts = (text: string, publishedAt?: string) => analyze(text, { publishedAt }).facts;
const qs = (text: string) =>
  facts(text)
    .filter((f) => f.kind === 'quantity')
    .map((f) => ({ text: f.text, ...(f.value as QuantityValue) }));

describe('quantities are read with the meaning the text gives them', () => {
  it('does not join a year and a figure into a range ("2025 to 2.2%")', () => {
    const q = qs('The bank cut its forecast for 2025 to 2.2% on Thursday.');
    expect(q).toEqual([expect.objectContaining({ value: 2.2, unit: 'percent' })]);
    expect(q[0].max).toBeUndefined();
  });

  it('keeps a real range and reads a score as no range', () => {
    expect(qs('The drug’s half-life is 3 to 4 hours.')[0]).toMatchObject({ value: 3, max: 4, unit: 'hour' });
    expect(qs('Miami beat Cruz Azul 2-1 on Friday.')).toEqual([]);
  });

  it('reads wire abbreviations, fractions and cents', () => {
    expect(qs('Circle K has 52.6 mln shares outstanding.')[0]).toMatchObject({ value: 52_600_000 });
    expect(qs('The stock fell to 11-3/4 dlrs.')[0]).toMatchObject({ value: 11.75, unit: 'usd' });
    expect(qs('It earned 19 cts a share.')[0]).toMatchObject({ value: 0.19, unit: 'usd' });
    expect(qs('Unemployment rose to 11.1 pct.')[0]).toMatchObject({ value: 11.1, unit: 'percent' });
  });

  it('leaves identifiers, clock times and spans back from now to other kinds', () => {
    expect(qs('A 911 call was placed at 4.07pm local time.')).toEqual([]);
    expect(qs('The Nielsen 1-20 well was tested.')).toEqual([]);
    expect(qs('Workers three weeks ago rejected the offer.')).toEqual([]);
    expect(qs('The firm develops 3D software.')).toEqual([]);
  });

  it('reads an age between commas', () => {
    expect(qs('Derek Brushett, 55, was jailed.')[0]).toMatchObject({ value: 55, unit: 'year', event: 'age' });
  });
});

describe('entities are typed by rules and gazetteers', () => {
  const kinds = (text: string) =>
    Object.fromEntries(
      facts(text)
        .filter((f) => ['person', 'place', 'organisation'].includes(f.kind))
        .map((f) => [f.text, f.kind]),
    );

  it('types a name with a company suffix as an organisation, not a person', () => {
    expect(kinds('A fire broke out at a plant run by Chimex Industries near the river.')['Chimex Industries']).toBe(
      'organisation',
    );
    expect(kinds('Officials said Conquest Exploration Co will not extend the date.')['Conquest Exploration Co']).toBe(
      'organisation',
    );
  });

  it('types cities of the gazetteer as places', () => {
    expect(kinds('The tickets were sold in Gardena, Beaumont and San Francisco.')['San Francisco']).toBe('place');
    expect(kinds('Industrial Equity is a Hong Kong investment firm.')['Hong Kong']).toBe('place');
  });

  it('takes no title, currency, nationality adjective or heading for a name', () => {
    const k = kinds('Merger Background - Canadian scientists paid $5 USD to the CEO of Tesla Inc.');
    expect(k['Merger Background']).toBeUndefined();
    expect(k.Canadian).toBeUndefined();
    expect(k.USD).toBeUndefined();
    expect(k.CEO).toBeUndefined();
    expect(k['Tesla Inc']).toBe('organisation');
  });

  it('reads a person after Mr or Miss without a full stop', () => {
    expect(kinds('Mr Kirkby was alarmed by the noise.').Kirkby).toBe('person');
  });
});

describe('attributions name a speaker, never a clause', () => {
  const srcs = (text: string) =>
    facts(text)
      .filter((f) => f.kind === 'attribution')
      .map((f) => (f.value as AttributionValue).display ?? (f.value as AttributionValue).source);

  it('does not take "it was cooperating with investigators" for a source', () => {
    expect(
      srcs('The plant’s owner, Chimex Industries, confirmed the fire, and said it was cooperating with investigators.'),
    ).not.toContain('it was cooperating with investigators');
    expect(srcs('“We are shocked,” said it was cooperating with investigators.')).toEqual([]);
  });

  it('reads a speaker before an apposition and after a title with a full stop', () => {
    expect(srcs('Norman Trew, head of the NCIS unit, said the law was clear.')).toContain('Norman Trew');
    expect(srcs('“It is the bedrock of democracy,” said Mr. Musk.')).toEqual(['Mr. Musk']);
  });

  it('reads a speaker past a bracketed acronym or ticker, an adverb, a document read out and "per the"', () => {
    expect(srcs('Unemployment rose, the National Statistics Institute (INSEE) said.')).toEqual([
      'National Statistics Institute',
    ]);
    expect(srcs('Reed International Plc <REED.L> said it had no comment.')).toEqual(['Reed International Plc']);
    expect(srcs('The United States Coast Guard has now confirmed the debris was part of the Titan.')).toHaveLength(1);
    expect(srcs('The deal was valued at $44 billion, the announcement read.')).toHaveLength(1);
    expect(srcs('Per the autopsy, the cause was an accident.')).toHaveLength(1);
    expect(srcs('Each share is worth $54.20 per share.')).toEqual([]);
  });

  it('does not read naming for saying', () => {
    expect(srcs('It opened a centre in Pensacola, called Palm Gardens of Pensacola.')).toEqual([]);
  });
});

describe('dates', () => {
  const ds = (text: string, publishedAt: string) =>
    facts(text, publishedAt)
      .filter((f) => f.kind === 'date')
      .map((f) => [f.text, (f.value as DateValue).iso]);

  it('reads "last year" and a year after a possessive, and no date in "now-bankrupt"', () => {
    expect(ds('He was convicted last year of fraud.', '2024-03-29')).toEqual([['last year', '2023']]);
    expect(ds('It stems from FTX’s 2022 collapse.', '2024-03-29')).toEqual([['2022', '2022']]);
    expect(ds('He stole from customers of the now-bankrupt exchange.', '2024-03-29')).toEqual([]);
  });

  it('puts a yearless month of a past report before the article', () => {
    expect(ds('Inspectors visited the fields in February and found sheep dead.', '1999-11-02')).toEqual([
      ['February', '1999-02'],
    ]);
  });
});
