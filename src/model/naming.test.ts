import { describe, expect, it } from 'vitest';
import { centrality, ledeName, type NamingMember, storyName } from './naming.js';

/** A member whose vector has weight 1 on each of the given terms. */
function member(seq: number, terms: number[], extra: Partial<NamingMember> = {}): NamingMember {
  return {
    seq,
    terms: Uint32Array.from(terms),
    weights: Float32Array.from(terms.map(() => 1)),
    ...extra,
  };
}

describe('story names', () => {
  it('the title of the member closest to the centre, not the earliest titled one', () => {
    const members = [
      member(1, [1, 9, 10, 11], { title: 'Off-topic early piece', publishedAt: '2024-01-01' }),
      member(2, [1, 2, 3, 4], { title: 'Central report', publishedAt: '2024-01-02' }),
      member(3, [1, 2, 3, 5], { title: 'Another report', publishedAt: '2024-01-03' }),
      member(4, [1, 2, 3, 6], { publishedAt: '2024-01-04' }),
    ];
    const c = centrality(members);
    expect(c[1]).toBeGreaterThan(c[0]);
    const n = storyName(members, () => undefined);
    expect(n).toMatchObject({ from: 'title', seq: 2 });
    // Members 2 and 3 are equally central: the earlier one names the story.
    expect(n!.name).toBe('Central report');
  });

  it('among members about as central, the earliest dated one; a headline the page printed before slug words', () => {
    const members = [
      member(1, [1, 2, 3], { title: 'Words of a slug', titleFromUrl: true, publishedAt: '2024-01-01' }),
      member(2, [1, 2, 3], { title: 'Undated headline' }),
      member(3, [1, 2, 3], { title: 'Dated headline', publishedAt: '2024-01-05' }),
    ];
    expect(storyName(members, () => undefined)!.name).toBe('Dated headline');
    expect(storyName(members.slice(0, 1), () => undefined)!.name).toBe('Words of a slug');
  });

  it('is recomputed from the members as the story grows', () => {
    const first = [member(1, [7, 8, 9], { title: 'First take' })];
    expect(storyName(first, () => undefined)!.name).toBe('First take');
    const grown = [
      ...first,
      member(2, [1, 2, 3], { title: 'The story as most tell it' }),
      member(3, [1, 2, 3, 4]),
      member(4, [1, 2, 3, 5]),
    ];
    expect(storyName(grown, () => undefined)!.name).toBe('The story as most tell it');
  });

  it('without titles, the first words of the most central member’s lede; never empty', () => {
    const members = [member(1, [1, 2]), member(2, [1, 2, 3])];
    const ledes = new Map([
      [1, 'Short one.'],
      [2, 'The port authority on Monday approved plans for a new container terminal that would double capacity.'],
    ]);
    const n = storyName(members, (seq) => ledes.get(seq))!;
    expect(n.from).toBe('lede');
    expect(n.name).toBe(ledeName(ledes.get(n.seq)!));
    expect(ledeName(ledes.get(2)!)).toBe('The port authority on Monday approved plans for a new container terminal…');
    expect(ledeName('Floods hit the valley. Officials said more.')).toBe('Floods hit the valley');
    expect(storyName([member(1, [])], () => '')!.name).toBe('Story of 1 article');
    expect(storyName([], () => undefined)).toBeUndefined();
  });
});
