import { overlap } from '../src/match/verify.js';
import type { RawDoc } from '../src/model/index.js';
import type { StoredArticle } from '../src/store/types.js';
import { ASSIGN_DEFAULTS } from '../src/stories/assign.js';
import { Neighbourhood, pairFeatures, type PairSide } from '../src/stories/pair-features.js';
import { cosine, nameCosine } from '../src/stories/terms.js';
import { engineRun } from '../bench/lib/engine-run.js';

/**
 * Labelled pairs for the same-story scorer, with the features the engine computes: each corpus is added to a fresh
 * store by the engine itself (so terms, weights, figures and event times are what it stores), then every pair of
 * articles in one group (a family, an ECB+ topic, a METER day) and a sample of the pairs across groups get their
 * features and a label: same story or not.
 */
export interface LabelledDoc {
  /** The record's source. */
  key: string;
  /** The unit of cross-validation: pairs of one group are held out together. */
  group: string;
  /** The gold story. */
  gold: string;
  raw: RawDoc;
}

export interface Pair {
  i: number;
  j: number;
  x: Float64Array;
  y: 0 | 1;
}

export interface CorpusPairs {
  name: string;
  docs: Array<Omit<LabelledDoc, 'raw'>>;
  pairs: Pair[];
}

/** One pair across groups in this many is kept: they are easy negatives, and there are many. */
export const CROSS_GROUP_SAMPLE = 8;

/** A deterministic hash of a pair of indices, to sample pairs the same way on every run. */
const pairHash = (i: number, j: number) => (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b)) >>> 0;

async function stored(raws: RawDoc[]): Promise<Map<string, StoredArticle>> {
  return engineRun(raws, {}, async (_, arts) => new Map(arts.map((a) => [a.source, a])));
}

const side = (a: StoredArticle): PairSide => ({
  terms: a.terms,
  weights: a.weights,
  figures: a.cues.figures,
  eventTime: a.cues.eventTime,
});

/**
 * `crossGroups` false keeps only the pairs within a group: for a corpus whose groups are days (METER), every pair
 * across groups differs by its date alone and would teach the scorer that a story never runs past one day.
 */
export async function corpusPairs(name: string, input: LabelledDoc[], crossGroups = true): Promise<CorpusPairs> {
  const arts = await stored(input.map((d) => d.raw));
  const docs = input.filter((d) => arts.has(d.raw.source));
  const a = docs.map((d) => arts.get(d.raw.source)!);
  const sides = a.map(side);
  // The neighbourhood of each article as the engine sees it when the article arrives: itself and the closest of the
  // articles stored before it.
  const hood = a.map((x, i) => {
    const earlier = a
      .map((y, j) => ({ j, c: cosine(x.terms, x.weights, y.terms, y.weights) }))
      .filter(({ j }) => a[j].seq < x.seq)
      .sort((p, q) => q.c - p.c || p.j - q.j)
      .slice(0, ASSIGN_DEFAULTS.neighbourhoodSize);
    return new Neighbourhood([sides[i], ...earlier.map(({ j }) => sides[j])]);
  });
  const pairs: Pair[] = [];
  for (let i = 0; i < docs.length; i++)
    for (let j = i + 1; j < docs.length; j++) {
      if (docs[i].group !== docs[j].group && (!crossGroups || pairHash(i, j) % CROSS_GROUP_SAMPLE !== 0)) continue;
      const later = a[i].seq > a[j].seq ? i : j;
      const x = pairFeatures(
        sides[i],
        sides[j],
        cosine(a[i].terms, a[i].weights, a[j].terms, a[j].weights),
        nameCosine(a[i].terms, a[i].weights, a[j].terms, a[j].weights),
        overlap(a[i].shingles, a[j].shingles),
        hood[later],
      );
      pairs.push({ i, j, x, y: docs[i].gold === docs[j].gold ? 1 : 0 });
    }
  return { name, docs: docs.map(({ key, group, gold }) => ({ key, group, gold })), pairs };
}
