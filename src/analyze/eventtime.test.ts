import { describe, expect, it } from 'vitest';
import { analyze } from './index.js';
import { dayOf } from './eventtime.js';

const et = (body: string, publishedAt?: string) => analyze(body, { publishedAt }).eventTime;

describe('event time', () => {
  it('rests on the publication date, with the latest day the text names in the days before it', () => {
    const e = et('The ministry said on Monday that the talks had failed.', '2024-03-14');
    expect(e.basis).toBe('published');
    expect(e.hi).toBe(dayOf('2024-03-14'));
    expect(e.lo).toBe(dayOf('2024-03-14')! - 14);
    expect(e.day).toBe(dayOf('2024-03-11'));
    expect(e.named).toBe(dayOf('2024-03-11'));
    expect(e.evidence).toHaveLength(1);
  });

  it('names no day where the text writes only a month', () => {
    const e = et('Sales fell in March, the company said.', '2024-04-02');
    expect(e.basis).toBe('published');
    expect(e.named).toBeUndefined();
    expect(et('The deal was announced in March 2024 and its terms are not known.').named).toBeUndefined();
  });

  it('bounds an undated text by the latest past date it writes out with its year', () => {
    const body =
      'The deal, first announced on Oct. 14, 2022, was called off on Dec. 11, 2024. It was valued at $24.6 billion.';
    const e = et(body);
    expect(e.basis).toBe('text');
    expect(e.day).toBe(dayOf('2024-12-11'));
    expect(e.named).toBe(dayOf('2024-12-11'));
    expect(e.lo).toBe(dayOf('2024-12-11'));
    expect(e.hi).toBeUndefined();
    expect(body.slice(...e.evidence[0])).toContain('2024');
    expect(e.years).toEqual([2022, 2024]);
  });

  it('leaves dates of what is to come out', () => {
    const e = et('The merger is expected to close in early 2024. Kroger agreed to buy Albertsons on Oct. 14, 2022.');
    expect(e.day).toBe(dayOf('2022-10-14'));
  });

  it('flags a page date the text contradicts and takes the text instead', () => {
    const e = et('The court sentenced him on March 28, 2024 to 25 years.', '2023-11-03');
    expect(e.contradicted?.published).toBe('2023-11-03');
    expect(e.basis).toBe('text');
    expect(e.day).toBe(dayOf('2024-03-28'));
  });

  it('does not take a date without its year, read against the page date, as contradicting it', () => {
    const e = et('The split is subject to approval at the April 23 annual meeting. Pay April 30.', '1987-03-12');
    expect(e.contradicted).toBeUndefined();
    expect(e.basis).toBe('published');
    expect(e.hi).toBe(dayOf('1987-03-12'));
  });

  it('knows nothing of an undated text that names no date, but keeps its years', () => {
    const e = et('Perry starred in Friends from 1994 to 2004. Tributes poured in.');
    expect(e.basis).toBe('none');
    expect(e.day).toBeUndefined();
    expect(e.years).toEqual([1994, 2004]);
  });

  it('does not read amounts and shares as years', () => {
    expect(et('Rates rose from 2025 to 2.2% while 2,024 people and $2030 were counted; 2019.5 too.').years).toEqual([
      2025,
    ]);
  });
});

describe('event time of a text in another language', () => {
  it('is read from the full dates it writes in its language, not from weekdays, nor from dates to come', () => {
    const fr = analyze(
      "Le convoi a été visé le 18 mars 2019 près d'al-Baghouz, a rappelé mardi le ministère, qui attend une réponse d'ici le 30 juin.",
      { publishedAt: '2022-04-19' },
      'fra',
    );
    expect(fr.facts).toEqual([]);
    expect(fr.eventTime.day).toBe(dayOf('2022-04-19'));
    expect(fr.eventTime.basis).toBe('published');
    // Undated: the latest full date it writes.
    const undated = analyze(
      'Der Konvoi wurde am 18. März 2019 bei Baghus angegriffen, teilte das Ministerium mit.',
      {},
      'deu',
    );
    expect(undated.eventTime.basis).toBe('text');
    expect(undated.eventTime.day).toBe(dayOf('2019-03-18'));
    expect(analyze('El convoy fue atacado el martes.', {}, 'spa').eventTime.basis).toBe('none');
  });
});
