import { describe, expect, it } from 'vitest';
import { inferredSources, isOrganisationSource, wireOfOutlet } from './sources.js';

describe('inferred sources', () => {
  it('reads wire credits where wires print them, and a wire site as its own source', () => {
    const body = 'WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill after a long debate in the chamber.';
    const s = inferredSources(body, 'local-paper.com');
    expect(s).toEqual([{ name: 'AP', kind: 'wire', span: [11, 15], strong: true }]);
    expect(body.slice(11, 15)).toBe('(AP)');
    expect(inferredSources('Prices rose.', 'www.reuters.com')).toEqual([
      { name: 'Reuters', kind: 'wire', strong: true },
    ]);
    expect(wireOfOutlet('english.news.cn')).toBe('Xinhua');
    expect(wireOfOutlet('apnewsletter.org')).toBeUndefined();
  });
  it('finds closing credits, releases and statements, and leaves a bare "AP" alone', () => {
    const body = `${'x '.repeat(300)}The company said in a statement it would appeal. Reporting by Jane Roe; Editing by Bo Li`;
    const names = inferredSources(body).map((s) => `${s.name}:${s.strong}`);
    expect(names).toContain('Reuters:true');
    expect(names).toContain('a statement:false');
    expect(inferredSources('AP courses are offered in many schools.')).toEqual([]);
  });
  it('tells organisations from people and bare generic nouns', () => {
    expect(isOrganisationSource('Syrian foreign ministry')).toBe(true);
    expect(isOrganisationSource('foreign ministry')).toBe(true);
    expect(isOrganisationSource('SANA')).toBe(true);
    expect(isOrganisationSource('County of Los Angeles Department of Medical Examiner')).toBe(true);
    expect(isOrganisationSource('NASA Administrator Bill Nelson')).toBe(false);
    expect(isOrganisationSource('Kaplan')).toBe(false);
    expect(isOrganisationSource('the company')).toBe(false);
  });
});
