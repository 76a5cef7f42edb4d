import type {
  Alignment,
  AttributionValue,
  Fact,
  Overlap,
  Passage,
  QuoteValue,
  Relation,
  RelationKind,
} from '../model/index.js';

/**
 * Provenance of one pair of articles of a story: is one derived from the other (`copy`), do both reproduce a text
 * neither holds in full (`shared-source`), or are they independent reports of one event (`same-event`)?
 * The verdict rests on measured figures that travel with it: aligned coverage of each side, shingle containment,
 * publication dates, and who each side attributes its text to.
 */

/** Below this share of both sides covered by aligned passages, two articles share no text worth a reuse verdict. */
export const MIN_REUSE_COVERAGE = 0.1;
/**
 * Verbatim share (of either side) below which aligned text is what independent reports of one event share — the
 * same quote of an official, the same place names — rather than reuse. The same-event fixtures sit at 2–4%, sibling
 * and copied versions at 10% and above.
 */
export const MIN_VERBATIM_COVERAGE = 0.08;
/**
 * When this share of one side is reused from the other, that side is a copy (reprint, light edit, spin or
 * trimmed version). Chosen as the point where the generated corpus's copy/light/medium variants fall above and
 * rewrites below (see BENCHMARKS.md).
 */
export const COPY_COVERAGE = 0.7;
/** A later version at least this much made of the earlier is derived from it whatever else it says. */
export const WHOLLY_DERIVED = 0.9;
/**
 * Siblings: when both name one source, the later carries at least this share of text not found in the earlier
 * (so it had the source itself) and the earlier at least `SIBLING_UNIQUE_EARLIER` not in the later.
 */
export const SIBLING_UNIQUE_LATER = 0.1;
export const SIBLING_UNIQUE_EARLIER = 0.3;
/** Coverage asymmetry needed to call a direction from text alone when dates do not tell. */
export const DIRECTION_MARGIN = 0.1;

export interface PairSide {
  id: string;
  seq: number;
  publishedAt?: string;
  bodyLength: number;
  facts: Fact[];
  /** How often the text calls its events today's and yesterday's (`dayReferences` of its body). */
  dayRefs?: DayReferences;
}

export interface DayReferences {
  today: number;
  yesterday: number;
}

const NO_DAY_REFS: DayReferences = { today: 0, yesterday: 0 };
const TODAY = /\b(?:today|tonight|this (?:morning|afternoon|evening))\b/gi;
const YESTERDAY = /\b(?:yesterday|last night)\b/gi;

/**
 * Words that date the text against its own writing day. The version written first tells of the day's events as
 * "today" / "tonight", and the one written the next day (a morning paper rewriting the evening's wire copy) as
 * "yesterday" / "last night" — an order when both carry the same date or none.
 */
export function dayReferences(body: string): DayReferences {
  return { today: body.match(TODAY)?.length ?? 0, yesterday: body.match(YESTERDAY)?.length ?? 0 };
}

export interface PairInput {
  a: PairSide;
  b: PairSide;
  overlap: Overlap;
  alignment: Alignment;
  /** Same-event similarity of the two (cosine of salient terms). */
  topical: number;
}

interface SourceUse {
  /** The first text that names it. */
  text: string;
  /** The most informative name the article gives it. */
  display: string;
  mentions: number;
  fromQuote: boolean;
}

/** Canonical source → how the article names it and how often. */
function sourcesOf(facts: Fact[]): Map<string, SourceUse> {
  const out = new Map<string, SourceUse>();
  const add = (key: string, text: string, display: string, isQuote = false) => {
    const u = out.get(key);
    if (!u) out.set(key, { text, display, mentions: 1, fromQuote: isQuote });
    else {
      u.mentions++;
      // Name the source by an attribution ("the ministry said") rather than by a quote it is credited with.
      if (u.fromQuote && !isQuote) Object.assign(u, { text, fromQuote: false });
      if (display.length > u.display.length) u.display = display;
    }
  };
  for (const f of facts) {
    if (f.kind === 'attribution') {
      const v = f.value as AttributionValue;
      if (v.source) add(v.source, f.text, v.display ?? v.source);
    } else if (f.kind === 'quote') {
      const v = f.value as QuoteValue;
      if (v.speaker) add(v.speaker, f.text, v.speaker, true);
    }
  }
  return out;
}

const dayOf = (iso?: string): string | undefined => iso?.slice(0, 10);

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Share of a side covered, split by passage kind. */
function coverageByKind(
  passages: Passage[],
  side: 'a' | 'b',
  length: number,
): { verbatim: number; paraphrase: number } {
  const sum = { verbatim: 0, paraphrase: 0 };
  if (length === 0) return sum;
  for (const p of passages) sum[p.kind] += p[side][1] - p[side][0];
  return { verbatim: Math.min(1, sum.verbatim / length), paraphrase: Math.min(1, sum.paraphrase / length) };
}

/** Orders the pair as (earlier, later) and says on what grounds. */
function order(input: PairInput): { first: 'a' | 'b'; basis: string } {
  const { a, b, alignment } = input;
  let da = a.publishedAt;
  let db = b.publishedAt;
  // Compare at the precision both have: a day-only date says nothing about the hour.
  if (da && db && (da.length <= 10 || db.length <= 10)) {
    da = da.slice(0, 10);
    db = db.slice(0, 10);
  }
  if (da && db && da !== db) {
    const first = da < db ? 'a' : 'b';
    const [e, l] = first === 'a' ? [da, db] : [db, da];
    return { first, basis: `published ${e} before ${l}` };
  }
  // Same or unknown day: a text that never says "yesterday" was written before one that does; else the one that
  // says "today" more often than "yesterday" by more.
  const ra = a.dayRefs ?? NO_DAY_REFS;
  const rb = b.dayRefs ?? NO_DAY_REFS;
  const lean = (r: DayReferences) => (r.yesterday > 0 ? -1000 : 0) + r.today - r.yesterday;
  if (lean(ra) !== lean(rb)) {
    const first = lean(ra) > lean(rb) ? 'a' : 'b';
    const [e, l] = first === 'a' ? [ra, rb] : [rb, ra];
    return {
      first,
      basis: `${da && db ? `both published ${dayOf(da)}` : 'no publication order known'}; the earlier says "today" ${e.today} and "yesterday" ${e.yesterday} times, the later ${l.today} and ${l.yesterday}`,
    };
  }
  // Same or unknown time: the side that is mostly made of the other's text is the derived one.
  if (alignment.coverageB - alignment.coverageA > DIRECTION_MARGIN) {
    return {
      first: 'a',
      basis: `no publication order known; ${pct(alignment.coverageB)} of the later text comes from the other, only ${pct(alignment.coverageA)} the other way`,
    };
  }
  if (alignment.coverageA - alignment.coverageB > DIRECTION_MARGIN) {
    return {
      first: 'b',
      basis: `no publication order known; ${pct(alignment.coverageA)} of the later text comes from the other, only ${pct(alignment.coverageB)} the other way`,
    };
  }
  return { first: a.seq <= b.seq ? 'a' : 'b', basis: 'no publication order known; ordered by arrival' };
}

export function classifyPair(input: PairInput): Relation {
  const { first, basis } = order(input);
  const swap = first === 'b';
  const from = swap ? input.b : input.a;
  const to = swap ? input.a : input.b;
  const passages: Passage[] = swap
    ? input.alignment.passages.map((p) => ({ a: p.b, b: p.a, kind: p.kind, score: p.score }))
    : input.alignment.passages;
  const covFrom = swap ? input.alignment.coverageB : input.alignment.coverageA;
  const covTo = swap ? input.alignment.coverageA : input.alignment.coverageB;
  const contFrom = swap ? input.overlap.containmentB : input.overlap.containmentA;
  const contTo = swap ? input.overlap.containmentA : input.overlap.containmentB;
  const scores = {
    jaccard: input.overlap.jaccard,
    containmentFrom: contFrom,
    containmentTo: contTo,
    coverageFrom: covFrom,
    coverageTo: covTo,
    topical: input.topical,
  };
  const evidence: string[] = [];
  let kind: RelationKind;
  let commonSource: string | undefined;

  const vFrom = coverageByKind(passages, 'a', from.bodyLength).verbatim;
  const vTo = coverageByKind(passages, 'b', to.bodyLength).verbatim;
  // Paraphrase alone is what two independent reports of one event look like; reuse needs verbatim text too.
  const reused =
    passages.length > 0 &&
    Math.max(covFrom, covTo) >= MIN_REUSE_COVERAGE &&
    Math.max(vFrom, vTo) >= MIN_VERBATIM_COVERAGE;
  if (!reused) {
    kind = 'same-event';
    evidence.push(
      `no reused passage; same-event similarity ${input.topical.toFixed(2)} (salient words, names, figures)`,
    );
    const d1 = dayOf(from.publishedAt);
    const d2 = dayOf(to.publishedAt);
    if (d1 && d2) evidence.push(d1 === d2 ? `both published ${d1}` : `published ${d1} and ${d2}`);
  } else {
    const kTo = coverageByKind(passages, 'b', to.bodyLength);
    const srcFrom = sourcesOf(from.facts);
    const srcTo = sourcesOf(to.facts);
    // The common source both lean on most.
    const common = [...srcFrom.keys()]
      .filter((s) => srcTo.has(s))
      .sort(
        (x, y) => srcTo.get(y)!.mentions + srcFrom.get(y)!.mentions - srcTo.get(x)!.mentions - srcFrom.get(x)!.mentions,
      );
    const reuseLine = `${pct(covTo)} of the later text is reused from the earlier (verbatim ${pct(kTo.verbatim)}, paraphrased ${pct(kTo.paraphrase)}); ${pct(covFrom)} of the earlier is in the later`;
    const unique = `each carries text the other lacks (${pct(1 - covFrom)} of the earlier, ${pct(1 - covTo)} of the later), so neither holds the common text in full`;
    if (covTo >= WHOLLY_DERIVED) {
      kind = 'copy';
      evidence.push(basis, reuseLine, `the later version is wholly derived from the earlier`);
    } else if (common.length > 0 && 1 - covTo >= SIBLING_UNIQUE_LATER && 1 - covFrom >= SIBLING_UNIQUE_EARLIER) {
      kind = 'shared-source';
      const f = srcFrom.get(common[0])!;
      const t = srcTo.get(common[0])!;
      commonSource = t.display.length > f.display.length ? t.display : f.display;
      evidence.push(unique, reuseLine, `both attribute it to ${commonSource} ("${f.text}" / "${t.text}")`);
    } else if (covTo >= COPY_COVERAGE || covFrom >= COPY_COVERAGE) {
      kind = 'copy';
      evidence.push(basis, reuseLine);
      if (covFrom < COPY_COVERAGE) evidence.push(`the later version drops ${pct(1 - covFrom)} of the earlier`);
      if (covTo < COPY_COVERAGE) evidence.push(`the later version adds ${pct(1 - covTo)} of new text`);
    } else {
      kind = 'copy';
      evidence.push(
        basis,
        reuseLine,
        `partial reuse: the later version rewrites or adds ${pct(1 - covTo)} and no common source is named`,
      );
    }
    evidence.push(
      `word 5-shingle containment: ${pct(contFrom)} of the earlier's shingles in the later, ${pct(contTo)} the other way; Jaccard ${input.overlap.jaccard.toFixed(2)}`,
    );
  }
  return { from: from.id, to: to.id, kind, commonSource, evidence, scores, passages };
}
