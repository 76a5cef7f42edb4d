import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import type { FactTable } from '../model/index.js';
import { diffFacts, factTable, type CompareArticle } from './compare.js';

const article = (id: string, body: string, publishedAt?: string): CompareArticle => ({
  id,
  facts: analyze(body, { publishedAt }).facts,
});
const row = (t: FactTable, pred: (key: string) => boolean) => t.rows.find((r) => pred(r.key));

const A_TEXT =
  'The ministry said the strikes killed 240 civilians in Raqqa. The ceasefire took effect on March 18, 2019. ' +
  'Thousands of civilians fled to al-Baghouz.';
const A = article('a', A_TEXT);
const B = article(
  'b',
  'NGOs have estimated that the strikes killed 774 civilians in Raqqa, in a heinous extermination. ' +
    'Thousands of civilians fled.',
);
const C = article('c', 'The ceasefire took effect on March 19, 2019 in Baghouz, officials said.');

describe('fact table', () => {
  const t = factTable([A, B, C]);

  it('has one column per article, in the order given', () => {
    expect(t.articles).toEqual(['a', 'b', 'c']);
    for (const r of t.rows) expect(Object.keys(r.cells).sort()).toEqual(['a', 'b', 'c']);
  });

  it('marks another figure for the same thing as conflicting, with its attribution', () => {
    const r240 = row(t, (k) => k === 'quantity|civilian|240')!;
    expect(r240.cells.a).toMatchObject({ status: 'carried', attributedTo: 'ministry' });
    expect(r240.cells.b.status).toBe('conflicting');
    expect(r240.cells.b.fact?.text).toContain('774');
    expect(r240.cells.b.attributedTo).toBe('ngos');
    expect(r240.cells.c.status).toBe('omitted');
  });

  it('marks another date for the same event as conflicting', () => {
    const d = row(t, (k) => k === 'date|2019-03-18')!;
    expect(d.cells.a.status).toBe('carried');
    expect(d.cells.b.status).toBe('omitted');
    expect(d.cells.c.status).toBe('conflicting');
    expect(d.cells.c.fact?.text).toBe('March 19, 2019');
  });

  it('matches variants of a name and approximate figures across versions', () => {
    const baghouz = row(t, (k) => k === 'place|baghouz')!;
    expect([baghouz.cells.a.status, baghouz.cells.b.status, baghouz.cells.c.status]).toEqual([
      'carried',
      'omitted',
      'carried',
    ]);
    const thousands = row(t, (k) => k === 'quantity|civilian|1000~')!;
    expect([thousands.cells.a.status, thousands.cells.b.status]).toEqual(['carried', 'carried']);
  });
});

describe('fact diff', () => {
  it('lists what B drops, adds and changes against A, its attribution changes and loaded wording', () => {
    const d = diffFacts(A, B);
    expect(d.changed.map((c) => [c.from.text, c.to.text])).toEqual([['240 civilians', '774 civilians']]);
    expect(d.dropped.map((f) => f.text)).toEqual(expect.arrayContaining(['March 18, 2019', 'al-Baghouz']));
    expect(d.loadedAdded.map((f) => f.text)).toEqual(['heinous', 'extermination']);
    expect(d.loadedRemoved).toEqual([]);
    expect(d.attributionChanges.map((c) => (c.from ?? c.to)!.text)).toEqual([
      'The ministry said',
      'NGOs have estimated',
    ]);
    // Nothing B carries is both added and changed.
    for (const c of d.changed) expect(d.added).not.toContain(c.to);
  });

  it('does not take counts of different events of one noun for a conflict', () => {
    const x = article('x', 'Twelve people were killed in the attack.');
    const y = article('y', 'Doctors treated 30 people injured in the attack.');
    const d = diffFacts(x, y);
    expect(d.changed).toEqual([]);
    expect(d.dropped.map((f) => f.text)).toEqual(['Twelve people']);
    expect(d.added.map((f) => f.text)).toEqual(['30 people']);
  });

  it('finds nothing between two copies', () => {
    const d = diffFacts(A, article('a2', A_TEXT));
    expect([d.dropped, d.added, d.changed, d.attributionChanges, d.loadedAdded, d.loadedRemoved]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});
