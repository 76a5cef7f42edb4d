import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Overlap } from '../model/index.js';
import {
  type ArticleTerms,
  decideStory,
  figureShare,
  type Neighbour,
  neighbourCosines,
  seriesItem,
  subjectCarried,
  titleName,
} from './cluster.js';
import { cosine, NAME_BIT, nameCosine, nameNorm } from './terms.js';

/** A sorted term vector with some name terms (high bit set) and positive float32 weights. */
const vecArb = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }).map((x) => (x | NAME_BIT) >>> 0),
    ),
    {
      maxLength: 30,
    },
  )
  .chain((terms) =>
    fc
      .array(fc.float({ min: Math.fround(0.01), max: 1, noNaN: true }), {
        minLength: terms.length,
        maxLength: terms.length,
      })
      .map((w) => ({ terms: Uint32Array.from(terms).sort(), weights: Float32Array.from(w) })),
  );

describe('neighbourCosines', () => {
  it('gives cosine and nameCosine in one pass, to the bit', () => {
    fc.assert(
      fc.property(vecArb, vecArb, (a, b) => {
        const out = new Float64Array(2);
        neighbourCosines(a.terms, a.weights, b.terms, b.weights, nameNorm(b.terms, b.weights), out);
        expect(out[0]).toBe(cosine(a.terms, a.weights, b.terms, b.weights));
        expect(out[1]).toBe(nameCosine(a.terms, a.weights, b.terms, b.weights));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A unit vector over sorted terms, all weights equal. */
function unit(terms: number[]): { terms: Uint32Array; weights: Float32Array } {
  const t = Uint32Array.from(terms).sort();
  return { terms: t, weights: new Float32Array(t.length).fill(1 / Math.sqrt(t.length)) };
}

const NO_REUSE: Overlap = { jaccard: 0, containmentA: 0, containmentB: 0, shared: 0 };
/** A series' wording, with the name it is about ("Bank of England"). */
const FORMULA = [11, 12, 13, 14, 15, 16, (50 | NAME_BIT) >>> 0];
/** Figure terms ("#800", "#350") carry the name bit, as in the body of an article. */
const F800 = (901 | NAME_BIT) >>> 0;
const F350 = (902 | NAME_BIT) >>> 0;

function member(terms: number[], publishedAt: string, overlap: Overlap = NO_REUSE): Neighbour {
  const v = unit(terms);
  return {
    id: 'a1',
    seq: 1,
    storyId: 's1',
    publishedAt,
    overlap,
    topical: 0,
    names: 0,
    terms: v.terms,
    weights: v.weights,
  };
}

/** The article's terms and, of them, its figures. */
function article(terms: number[], figures: number[]): ArticleTerms {
  return { ...unit(terms), figures: Uint32Array.from(figures).sort() };
}

describe('decideStory across news cycles', () => {
  const first = '1987-03-02T05:10:00Z';
  it('joins an item of the same formula in the same news cycle', () => {
    const d = decideStory(
      [member([...FORMULA, F800], first)],
      '1987-03-02T09:00:00Z',
      5,
      article([...FORMULA, F350], [F350]),
    );
    expect(d.join).toBe('s1');
  });
  it('keeps the next day’s item of a series, with that day’s figures, out of the story', () => {
    const d = decideStory(
      [member([...FORMULA, F800], first)],
      '1987-03-03T05:00:00Z',
      5,
      article([...FORMULA, F350], [F350]),
    );
    expect(d.join).toBeUndefined();
  });
  it('joins a later report that restates the story’s figures', () => {
    const d = decideStory(
      [member([...FORMULA, F800], first)],
      '1987-03-04T05:00:00Z',
      5,
      article([...FORMULA, F800], [F800]),
    );
    expect(d.join).toBe('s1');
  });
  it('needs LATER_EVENT_SIMILARITY, not SAME_EVENT_SIMILARITY, past NEAR_EVENT_DAYS', () => {
    // Shares 3 of 7 terms with the member, figure included (cosine .43), 1 of its 3 names (name cosine .58): .50,
    // between the two thresholds.
    const a = article([11, 12, F800, (41 | NAME_BIT) >>> 0, (42 | NAME_BIT) >>> 0, 31, 32], [F800]);
    const m = [member([11, 12, 13, 14, 15, 16, F800], first)];
    expect(decideStory(m, '1987-03-02T08:00:00Z', 5, a).join).toBe('s1');
    expect(decideStory(m, '1987-03-03T08:00:00Z', 5, a).join).toBeUndefined();
  });
  it('keeps a partial copy of another day out, but joins a near copy or an identical text', () => {
    const partial: Overlap = { jaccard: 0.3, containmentA: 0.45, containmentB: 0.45, shared: 20 };
    const near: Overlap = { jaccard: 0.8, containmentA: 0.9, containmentB: 0.9, shared: 40 };
    const same: Overlap = { jaccard: 1, containmentA: 1, containmentB: 1, shared: 40 };
    const a = article([21, 22, 23, 24, 25, 26, F350], [F350]);
    const later = '1987-03-09T05:00:00Z';
    expect(decideStory([member([...FORMULA, F800], first, partial)], later, 5, a).join).toBeUndefined();
    expect(decideStory([member([...FORMULA, F800], first, same)], later, 5, a).join).toBe('s1');
    // A near copy with the figures of the member: a repeat.
    const repeat = article([21, 22, 23, 24, 25, 26, F800], [F800]);
    expect(decideStory([member([...FORMULA, F800], first, near)], later, 5, repeat).join).toBe('s1');
    // A near copy with other figures: the next item of a series.
    expect(decideStory([member([...FORMULA, F800], first, near)], later, 5, a).join).toBeUndefined();
  });
  it('is not applied without dates', () => {
    const d = decideStory([member([...FORMULA, F800], '')], undefined, 5, article([...FORMULA, F350], [F350]));
    expect(d.join).toBe('s1');
  });
});

describe('decideStory same-event joins', () => {
  const N = [(61 | NAME_BIT) >>> 0, (62 | NAME_BIT) >>> 0];
  const words = (from: number) => Array.from({ length: 10 }, (_, i) => from + i);
  it('needs the words to agree (MIN_EVENT_TOPICAL), not the names alone', () => {
    // Same two names, no word in common: cosine 2/12 (.17), name cosine 1, score .58 without the gate.
    const m = [member([...words(100), ...N], '')];
    expect(decideStory(m, undefined, 5, article([...words(200), ...N], [])).join).toBeUndefined();
    // Three words in common as well: cosine 5/12 (.42), one event.
    const a = article([...words(100).slice(0, 3), ...words(203).slice(0, 7), ...N], []);
    expect(decideStory(m, undefined, 5, a).join).toBe('s1');
  });
});

describe('decideStory merges', () => {
  const copy: Overlap = { jaccard: 0.8, containmentA: 0.9, containmentB: 0.9, shared: 90 };
  // A short item of another story, one of whose sentences the article carries: most of the item is in the article.
  const pasted: Overlap = { jaccard: 0.1, containmentA: 0.8, containmentB: 0.1, shared: 12 };
  const story = [11, 12, 13, 14, 15, 16, (50 | NAME_BIT) >>> 0];
  const a = article(story, []);
  function nb(id: string, storyId: string, terms: number[], overlap: Overlap, topical: number): Neighbour {
    return { ...member(terms, '', overlap), id, storyId, topical, names: topical };
  }
  it('merges a second story the article reuses and also tells', () => {
    const d = decideStory(
      [nb('a1', 's1', story, copy, 1), nb('a2', 's2', [11, 12, 13, 14, 21, (50 | NAME_BIT) >>> 0], pasted, 0.6)],
      undefined,
      5,
      a,
    );
    expect(d.join).toBe('s1');
    expect(d.merge).toEqual(['s2']);
  });
  it('does not merge a story whose text it carries but which is about something else', () => {
    const d = decideStory(
      [nb('a1', 's1', story, copy, 1), nb('a2', 's2', [31, 32, 33, 34, 12, (60 | NAME_BIT) >>> 0], pasted, 0.1)],
      undefined,
      5,
      a,
    );
    expect(d.join).toBe('s1');
    expect(d.merge).toEqual([]);
    expect(d.related.map((n) => n.id)).toEqual(['a1']);
  });
  // Two neighbours, one of s1 and one of s2, with the positions of the article's shingles each carries.
  const range = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_, i) => from + i);
  const other = [11, 12, 13, 14, 21, (50 | NAME_BIT) >>> 0];
  const twoStories = (o1: Overlap, p1: Uint32Array, o2: Overlap, p2: Uint32Array) =>
    decideStory(
      [
        { ...nb('a1', 's1', story, o1, 1), passage: p1 },
        { ...nb('a2', 's2', other, o2, 0.6), passage: p2 },
      ],
      undefined,
      5,
      a,
    );
  it('merges two stories only where the article carries the same passage of both', () => {
    // A digest or a spun copy: the first half of the article is one item's text, the second half another's.
    const half: Overlap = { jaccard: 0.4, containmentA: 0.5, containmentB: 0.9, shared: 20 };
    const side = twoStories(half, range(0, 20), half, range(20, 40));
    expect(side.join).toBe('s1');
    expect(side.merge).toEqual([]);
    // A wire copy of which both stories carry the same sentences: one story.
    expect(twoStories(half, range(0, 20), half, range(10, 30)).merge).toEqual(['s2']);
  });
  it('does not merge the story of a long text that carries the short article as a pasted sentence or two', () => {
    const copy: Overlap = { jaccard: 0.9, containmentA: 0.9, containmentB: 0.95, shared: 19 };
    // All of the article is in the long text, which is a tenth the article's text.
    const pastedInto: Overlap = { jaccard: 0.1, containmentA: 0.1, containmentB: 0.95, shared: 19 };
    const d = twoStories(copy, range(0, 19), pastedInto, range(0, 19));
    expect(d.join).toBe('s1');
    expect(d.merge).toEqual([]);
  });
});

describe('figureShare', () => {
  it('weighs the figures the members carry, 1 without any', () => {
    const a = article([11, F800, F350], [F800, F350]);
    expect(figureShare(a, [unit([F800])])).toBeCloseTo(0.5);
    expect(figureShare(a, [unit([F800]), unit([F350])])).toBe(1);
    expect(figureShare(a, [unit([11])])).toBe(0);
    expect(figureShare(article([11, 12], []), [unit([11])])).toBe(1);
    // Only the article's kept terms count: a figure it lost to heavier terms says nothing.
    expect(figureShare({ ...a, figures: Uint32Array.from([F800, (903 | NAME_BIT) >>> 0]) }, [unit([F800])])).toBe(1);
  });
});

describe('seriesItem', () => {
  const partial: Overlap = { jaccard: 0.3, containmentA: 0.45, containmentB: 0.45, shared: 20 };
  const a = article([...FORMULA, F350], [F350]);
  const at = '1987-03-04T05:00:00Z';
  const partner = (id: string, storyId: string, publishedAt: string, terms: number[]) => ({
    ...member(terms, publishedAt, partial),
    id,
    storyId,
  });
  it('is an article partly the text of articles of two earlier news cycles that lack its figures', () => {
    const two = [
      partner('a1', 's1', '1987-03-02T05:00:00Z', [...FORMULA, F800]),
      partner('a2', 's2', '1987-03-03T05:00:00Z', [...FORMULA, F800]),
    ];
    expect(seriesItem(two, at, a)).toBe(true);
    // One earlier cycle (two articles within half a day of each other): a follow-up reusing a paragraph.
    const one = [
      partner('a1', 's1', '1987-03-03T01:00:00Z', [...FORMULA, F800]),
      partner('a2', 's2', '1987-03-03T05:00:00Z', [...FORMULA, F800]),
    ];
    expect(seriesItem(one, at, a)).toBe(false);
    // Partners that carry its figures: a reprint of a report, not the next item of a formula.
    const reprint = [
      partner('a1', 's1', '1987-03-02T05:00:00Z', [...FORMULA, F350]),
      partner('a2', 's2', '1987-03-03T05:00:00Z', [...FORMULA, F350]),
    ];
    expect(seriesItem(reprint, at, a)).toBe(false);
    expect(seriesItem(two, undefined, a)).toBe(false);
  });
  it('keeps a series item out of a story of another news cycle even when that story carries its figures', () => {
    const story = { ...member([...FORMULA, F350], '1987-03-03T05:00:00Z'), id: 'a3', storyId: 's3' };
    expect(decideStory([story], at, 5, a).join).toBe('s3');
    const series = [
      partner('a1', 's1', '1987-03-02T05:00:00Z', [...FORMULA, F800]),
      partner('a2', 's2', '1987-03-03T05:00:00Z', [...FORMULA, F800]),
      story,
    ];
    expect(decideStory(series, at, 5, a).join).toBeUndefined();
  });
});

describe('subjectCarried for a short titled article', () => {
  // "USDA ESTIMATES CANADIAN CROPS" against a story of Australia's estimate: the same formula and kind of subject.
  const USDA = (70 | NAME_BIT) >>> 0;
  const CANADA = (71 | NAME_BIT) >>> 0;
  const AUSTRALIA = (72 | NAME_BIT) >>> 0;
  const CROP = 73;
  const terms = [USDA, CANADA, CROP, 11, 12, F350];
  const a: ArticleTerms = {
    terms: Uint32Array.from(terms).sort(),
    // Of the title, Canada heaviest, then USDA and crop: a story with USDA and crop carries its subject (MIN_SUBJECT_SHARE).
    weights: new Float32Array(0),
    title: Uint32Array.from([USDA, CANADA, CROP]).sort(),
    figures: Uint32Array.from([F350]),
  };
  const w = new Map([
    [CANADA, 0.45],
    [F350, 0.5],
    [USDA, 0.4],
    [CROP, 0.4],
    [11, 0.2],
    [12, 0.2],
  ]);
  a.weights = Float32Array.from(a.terms, (t) => w.get(t)!);
  it('takes the heaviest name of the title', () => {
    expect(titleName(a)).toBe(CANADA);
    expect(titleName({ ...a, title: Uint32Array.from([CROP]) })).toBeUndefined();
  });
  it('needs the title’s name or the figures in the story', () => {
    expect(subjectCarried(a, [unit([USDA, AUSTRALIA, CROP, 11, 12, F800])])).toBe(false);
    expect(subjectCarried(a, [unit([USDA, CANADA, CROP, 11, 12, F800])])).toBe(true);
    expect(subjectCarried(a, [unit([USDA, AUSTRALIA, CROP, 11, 12, F350])])).toBe(true);
  });
});
