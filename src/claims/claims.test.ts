import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { storyClaims, subjectOf } from './claims.js';
import type { CompareArticle } from './compare.js';

function version(name: string): CompareArticle {
  const raw = readFileSync(`test/fixtures/facts/versions/${name}.txt`, 'utf8');
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

describe('claim records', () => {
  it('counts killed-and-injured people and casualties as one count, the dead as another', () => {
    expect(subjectOf({ value: 240, unit: 'civilian', event: 'killing and injuring' })).toBe('casualties');
    expect(subjectOf({ value: 774, unit: 'casualty' })).toBe('casualties');
    expect(subjectOf({ value: 4, unit: 'people', event: 'killed' })).toBe('deaths');
    expect(subjectOf({ value: 38, unit: 'incident' })).toBe('incident');
  });

  it('keeps a toll a wire story raises over time as an update of its source, and another source’s toll as a dispute', () => {
    const records = storyClaims(
      ['blast-1', 'blast-3', 'blast-2'].map(version).sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!)),
    );
    const deaths = records.find((r) => r.subject === 'deaths')!;
    expect(deaths.claims.map((c) => [c.value, c.sourceDisplay])).toEqual([
      [4, 'fire service'],
      [6, 'regional prefecture'],
      [5, 'fire service'],
    ]);
    expect(deaths).toMatchObject({ low: 4, high: 6, conservative: 4 });
    expect(deaths.updates.map((u) => [u.from.value, u.to.value])).toEqual([[4, 5]]);
    expect(deaths.disputes.map((d) => d.values)).toEqual([[4, 5], [6]]);
  });
});
