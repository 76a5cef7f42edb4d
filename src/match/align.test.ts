import { describe, expect, it } from 'vitest';
import { splitSentences } from '../text/sentences.js';
import { align } from './align.js';

const side = (body: string) => ({ body, sentences: splitSentences(body) });

describe('align', () => {
  it('finds the verbatim runs around a small edit, and the edit as a substitution, with exact spans on both sides', () => {
    const a = side(
      'The council met on Friday. Officials said the new bridge over the river will open to traffic in the spring of next year after long delays. Nothing else was decided.',
    );
    const b = side(
      'Residents welcomed the news. Officials said the new bridge across the river will open to traffic in the spring of next year after long delays, the paper reported.',
    );
    const r = align(a, b);
    const v = r.passages.filter((p) => p.kind === 'verbatim');
    expect(v).toHaveLength(2);
    expect(a.body.slice(v[0].a[0], v[0].a[1])).toBe('Officials said the new bridge');
    expect(b.body.slice(v[0].b[0], v[0].b[1])).toBe('Officials said the new bridge');
    expect(a.body.slice(v[1].a[0], v[1].a[1])).toBe(
      'the river will open to traffic in the spring of next year after long delays',
    );
    const s = r.passages.filter((p) => p.kind === 'substitution');
    expect(s.map((p) => [a.body.slice(p.a[0], p.a[1]), b.body.slice(p.b[0], p.b[1])])).toEqual([['over', 'across']]);
    expect(v[0].score).toBe(1);
    expect(r.coverageA).toBeGreaterThan(0.5);
  });
  it('does not take a shared reporting phrase for reuse, but keeps a short phrase of content words', () => {
    const a = side('The ministry said that prices of bread had doubled. Private and public properties were lost.');
    const b = side(
      'In Aleppo, the ministry said that the curfew was lifted. They counted private and public properties.',
    );
    const v = align(a, b).passages.filter((p) => p.kind === 'verbatim');
    expect(v.map((p) => b.body.slice(p.b[0], p.b[1]))).toEqual(['private and public properties']);
  });
  it('pairs paraphrased sentences by their content words', () => {
    const a = side('The storm destroyed more than 200 homes in the coastal town of Bayside on Sunday, officials said.');
    const b = side(
      'On Sunday, over 200 houses in coastal Bayside were destroyed by the storm, according to officials.',
    );
    const r = align(a, b);
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0].kind).toBe('paraphrase');
    expect(r.passages[0].score).toBeGreaterThan(0.35);
  });
  it('aligns a sentence rewritten around short kept phrases as one paraphrase', () => {
    const a = side(
      'The volume of losses in the infrastructure, private and public properties and the number of casualties showed that the coalition had perpetrated war crimes and crimes against humanity in the city.',
    );
    const b = side(
      'The ministry said the coalition perpetrated war crimes and crimes against humanity, wrecking the infrastructure, private and public properties of the city.',
    );
    const r = align(a, b);
    const p = r.passages.filter((x) => x.kind === 'paraphrase');
    expect(p).toHaveLength(1);
    expect(b.body.slice(p[0].b[0], p[0].b[1])).toBe(b.body);
  });
  it('finds nothing between unrelated texts', () => {
    const r = align(
      side('The central bank raised interest rates by half a point to curb inflation, its governor said.'),
      side('The football club signed a new striker from Brazil for a record fee on Tuesday night.'),
    );
    expect(r.passages).toEqual([]);
    expect(r.coverageA).toBe(0);
  });
});

describe('substitutions inside reused text', () => {
  it('splits a verbatim passage at a changed number and marks the change with both spans', () => {
    const a =
      'Rescuers at the scene said four workers were trapped under the collapsed roof of the warehouse near the port on Friday.';
    const b =
      'Rescuers at the scene said five workers were trapped under the collapsed roof of the warehouse near the port on Friday.';
    const al = align({ body: a, sentences: [[0, a.length]] }, { body: b, sentences: [[0, b.length]] });
    const subs = al.passages.filter((p) => p.kind === 'substitution');
    expect(subs).toHaveLength(1);
    expect(a.slice(subs[0].a[0], subs[0].a[1])).toBe('four');
    expect(b.slice(subs[0].b[0], subs[0].b[1])).toBe('five');
    for (const p of al.passages.filter((p) => p.kind === 'verbatim'))
      expect(a.slice(p.a[0], p.a[1])).toBe(b.slice(p.b[0], p.b[1]));
    expect(al.coverageB).toBeGreaterThan(0.95);
  });
});
