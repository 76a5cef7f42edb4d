import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import type { QuantityValue } from '../model/index.js';
import { diffFacts, factTable, type CompareArticle } from './compare.js';

const DIR = 'test/fixtures/facts/versions';

/** A version from its fixture file (families format: outlet and date lines, a blank line, the text). */
function version(name: string): CompareArticle {
  const raw = readFileSync(`${DIR}/${name}.txt`, 'utf8');
  const cut = raw.indexOf('\n\n');
  const head = raw.slice(0, cut);
  const body = raw.slice(cut + 2).trim();
  const publishedAt = /^date (\S+)$/m.exec(head)?.[1];
  return {
    id: name,
    body,
    outlet: /^outlet: (.+)$/m.exec(head)?.[1],
    publishedAt,
    facts: analyze(body, { publishedAt: publishedAt?.slice(0, 10) }).facts,
  };
}

describe('fact diff and conflicts by meaning (issue 22)', () => {
  it('does not mark three outlets printing 2.2% as conflicting, nor 4 percent against 3.75%', () => {
    const table = factTable(['rate-a', 'rate-b', 'rate-c'].map(version));
    const statuses = table.rows.flatMap((r) => Object.values(r.cells).map((c) => c.status));
    expect(statuses).not.toContain('conflicting');
    const rate = table.rows.find((r) => r.key === 'quantity|percent|2.2')!;
    expect(Object.values(rate.cells).map((c) => c.status)).toEqual(['carried', 'carried', 'carried']);
    expect(diffFacts(version('rate-a'), version('rate-b')).changed).toEqual([]);
  });

  it('does not drop a place the later text names with its qualifier, nor an acronym it spells out', () => {
    const d = diffFacts(version('blast-1'), version('blast-2'));
    const dropped = d.dropped.map((f) => f.text);
    expect(dropped).not.toContain('Saint-Fons');
    expect(dropped).not.toContain('WHO');
    expect(dropped).not.toContain('Lyon');
    // The other way round: the expansion is carried by the acronym.
    expect(diffFacts(version('blast-2'), version('blast-1')).dropped.map((f) => f.text)).not.toContain(
      'World Health Organization',
    );
    // A place written inside another phrase ("the Saint-Fons chemical plant") is carried by the text.
    expect(diffFacts(version('blast-1'), version('blast-3')).dropped.map((f) => f.text)).not.toContain('Saint-Fons');
  });

  it('shows a toll that rises in a later version of the same wire story as an update, with both values', () => {
    const d = diffFacts(version('blast-1'), version('blast-2'));
    expect(d.changed).toEqual([]);
    expect(d.updated!.map((u) => [(u.from.value as QuantityValue).value, (u.to.value as QuantityValue).value])).toEqual(
      [[4, 5]],
    );
    const table = factTable(['blast-1', 'blast-2'].map(version));
    const toll = table.rows.find((r) => r.key.startsWith('quantity|people|4'))!;
    expect(toll.cells['blast-2']).toMatchObject({ status: 'updated', against: { article: 'blast-1' } });
    expect(toll.cells['blast-2'].fact!.text).toMatch(/^Five people/);
  });

  it('keeps a conflict between two sources at the same time, with both spans', () => {
    const table = factTable(['blast-1', 'blast-3'].map(version));
    const toll = table.rows.find((r) => r.key.startsWith('quantity|people|4'))!;
    const cell = toll.cells['blast-3'];
    expect(cell.status).toBe('conflicting');
    expect(cell.fact!.text).toMatch(/^Six people/);
    expect(cell.against!.fact.text).toMatch(/^Four people/);
  });

  it('lists no attribution to a clause', () => {
    const sources = version('blast-1')
      .facts.filter((f) => f.kind === 'attribution')
      .map((f) => f.text);
    expect(sources.join(' | ')).not.toMatch(/cooperating with investigators/);
  });
});

describe('facts of a text not in English', () => {
  const english = analyze('A ferry carrying 212 people ran aground off Brač on Tuesday, injuring 14 passengers.');
  const french =
    'Un ferry transportant 212 personnes s’est échoué à environ 800 mètres du port, blessant 14 passagers.';
  const en: CompareArticle = { id: 'en', body: '', facts: english.facts, cues: { language: 'eng' } };
  // As the engine stores it: the extractor's English rules are not run on it (analyze given its language).
  const fr: CompareArticle = {
    id: 'fr',
    body: french,
    facts: analyze(french, {}, 'fra').facts,
    cues: { language: 'fra' },
  };

  it('are not read: English rules would read "800 mètres" as 800 million', () => {
    expect(fr.facts).toEqual([]);
    const misread = analyze(french).facts.filter((f) => f.kind === 'quantity');
    expect(misread.some((f) => (f.value as QuantityValue).value >= 1e6)).toBe(true);
  });

  it('are not compared: no fact is dropped or added between the two', () => {
    const d = diffFacts(en, fr);
    expect(d.unread).toEqual([{ article: 'fr', language: 'fra' }]);
    expect([d.dropped, d.added, d.changed, d.attributionChanges].every((l) => l.length === 0)).toBe(true);
    expect(diffFacts(en, { ...en, id: 'en2' }).unread).toBeUndefined();
  });

  it('leave it out of the fact table rather than mark it as omitting every fact', () => {
    const t = factTable([en, fr]);
    expect(t.articles).toEqual(['en']);
    expect(t.unread).toEqual([{ article: 'fr', language: 'fra' }]);
    for (const r of t.rows) expect(r.cells.fr).toBeUndefined();
  });
});
