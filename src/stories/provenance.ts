import type { Alignment, Fact, Overlap, Passage, QuoteValue, Relation, RelationKind, Span } from '../model/index.js';
import { reversed } from '../model/index.js';
import type { SwappedWord } from '../model/story.js';
import { stemmer } from 'stemmer';
import { isStopword } from '../text/stopwords.js';
import { isNamed, isOrganisationSource, type InferredSource } from './sources.js';
import type { Translation } from './translation.js';
import { languageName } from '../analyze/language.js';

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
/**
 * Share of either side's word 5-shingles found in the other below which aligned text is not reuse: copied text keeps
 * long runs of words, while independent reports of one event share names, short formulas and the same quoted lines
 * of the same officials (the families' same-event pairs reach 9% on quotes alone; their reprints of one text 11% and
 * above, most over 30%), unless a long passage is verbatim anyway (MIN_VERBATIM_COVERAGE × 2). Set on the families'
 * labelled pairs (BENCHMARKS.md gives the relation figures at .05 and .1).
 */
export const MIN_REUSE_CONTAINMENT = 0.1;
/**
 * Spin: a rewrite that keeps the sentences and their order and swaps words. At least this many single-word swaps per
 * aligned word of the later text (one content word in 65: a light edit changes a word or two of a story and its tenses,
 * a synonym spinner one content word in ten to forty; the families' two spun pairs sit at 1.5–3%, their copies and
 * reprints under 1%), and at least SPIN_MIN_SWAPS of them.
 */
export const SPIN_SWAP_RATE = 0.015;
export const SPIN_MIN_SWAPS = 3;

export interface PairSide {
  id: string;
  seq: number;
  publishedAt?: string;
  bodyLength: number;
  facts: Fact[];
  /** How often the text calls its events today's and yesterday's (`dayReferences` of its body). */
  dayRefs?: DayReferences;
  /** The clean body, for the words a rewrite swapped (`swappedWords`); without it no spin is looked for. */
  body?: string;
  /** The outlet (host name), when known: two versions of one outlet are revisions, a wire's own site the origin. */
  outlet?: string;
  /** Sources the text credits or its outlet is (`inferredSources`). */
  sources?: InferredSource[];
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
  /** `a` is the earlier whatever the dates say (the wire's own text against a reprint). */
  forceFirst?: boolean;
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
      const v = f.value;
      if (v.source) add(v.source, f.text, v.display ?? v.source);
    } else if (f.kind === 'quote') {
      const v = f.value;
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
  for (const p of passages)
    if (p.kind === 'verbatim' || p.kind === 'paraphrase') sum[p.kind] += p[side][1] - p[side][0];
  return { verbatim: Math.min(1, sum.verbatim / length), paraphrase: Math.min(1, sum.paraphrase / length) };
}

/** What the order of a pair rests on, from the grounds `order` gives: publication times, the texts, or nothing. */
function directionOf(basis: string): Relation['direction'] {
  return basis.startsWith('published') ? 'dated' : /ordered by arrival/.test(basis) ? 'unknown' : 'textual';
}

/** Orders the pair as (earlier, later) and says on what grounds. */
function order(input: PairInput): { first: 'a' | 'b'; basis: string } {
  const { a, b, alignment } = input;
  if (input.forceFirst) return { first: 'a', basis: `${a.outlet ?? 'the earlier'} is the origin of its own text` };
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
  const passages: Passage[] = swap ? reversed(input.alignment.passages) : input.alignment.passages;
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
  // Paraphrase alone is what two independent reports of one event look like; reuse needs verbatim text too, in runs
  // of words (shingles) rather than shared names.
  const reused =
    passages.length > 0 &&
    Math.max(covFrom, covTo) >= MIN_REUSE_COVERAGE &&
    Math.max(vFrom, vTo) >= MIN_VERBATIM_COVERAGE &&
    (Math.max(contFrom, contTo) >= MIN_REUSE_CONTAINMENT || Math.max(vFrom, vTo) >= 2 * MIN_VERBATIM_COVERAGE);
  let confidence: number;
  let spin: SwappedWord[] | undefined;
  const direction = directionOf(basis);
  const quoted = reused ? undefined : sharedQuotation(from, to, passages);
  if (quoted) {
    // Little shared text, but what is shared is one organisation's or document's own words, quoted by both: each
    // reproduces that source, the pair is its siblings (a ministry letter, a lottery's statement, an autopsy report).
    kind = 'shared-source';
    commonSource = quoted.source;
    confidence = 0.6;
    evidence.push(
      `both quote ${quoted.source} word for word ("${quoted.text}")`,
      `little else is shared (${pct(Math.max(contFrom, contTo))} of word 5-shingles, verbatim ${pct(Math.max(vFrom, vTo))}): each had the source, neither copied the other`,
    );
  } else if (!reused) {
    kind = 'same-event';
    evidence.push(
      `no reused passage (${pct(Math.max(contFrom, contTo))} of word 5-shingles shared, verbatim ${pct(Math.max(vFrom, vTo))}); same-event similarity ${input.topical.toFixed(2)} (salient words, names, figures)`,
    );
    const d1 = dayOf(from.publishedAt);
    const d2 = dayOf(to.publishedAt);
    if (d1 && d2) evidence.push(d1 === d2 ? `both published ${d1}` : `published ${d1} and ${d2}`);
    confidence = Math.max(contFrom, contTo) < MIN_REUSE_CONTAINMENT / 2 ? 0.8 : 0.6;
  } else {
    const kTo = coverageByKind(passages, 'b', to.bodyLength);
    const srcFrom = sourcesOf(from.facts);
    const srcTo = sourcesOf(to.facts);
    const common = commonSources(from, to, srcFrom, srcTo);
    const reuseLine = `${pct(covTo)} of the later text is reused from the earlier (verbatim ${pct(kTo.verbatim)}, paraphrased ${pct(kTo.paraphrase)}); ${pct(covFrom)} of the earlier is in the later`;
    // Only a pair reused enough to be a rewrite is diffed word by word (the diff costs the product of the lengths).
    const swaps =
      from.body !== undefined && to.body !== undefined && Math.max(covFrom, covTo) >= COPY_COVERAGE
        ? swappedWords(from.body, to.body, passages)
        : [];
    const aligned = () => passages.reduce((n, p) => n + words(to.body?.slice(p.b[0], p.b[1]) ?? '').length, 0);
    const outletFrom = from.outlet?.toLowerCase();
    const outletTo = to.outlet?.toLowerCase();
    const wireFrom = from.sources?.find((x) => x.strong && !x.span);
    const wireTo = to.sources?.find((x) => x.strong && !x.span);
    const spun =
      swaps.length >= SPIN_MIN_SWAPS &&
      Math.max(covFrom, covTo) >= COPY_COVERAGE &&
      swaps.length >= SPIN_SWAP_RATE * aligned();
    const spinLine = `a machine-like rewrite: the same sentences in the same order with ${swaps.length} words swapped (${swaps
      .slice(0, 4)
      .map((w) => `"${w.fromText}" → "${w.toText}"`)
      .join(', ')}${swaps.length > 4 ? ', …' : ''})`;
    // A later text, by its date, made of the earlier's text (COPY_COVERAGE both ways: it keeps most of the earlier
    // and adds little): with no credit naming a third source, the earlier, which the store holds, is its origin.
    const datedCopy = direction === 'dated' && covTo >= COPY_COVERAGE && covFrom >= COPY_COVERAGE;
    const wholeSpin = spun && covTo >= COPY_COVERAGE && covFrom >= COPY_COVERAGE;
    if (outletFrom && outletFrom === outletTo) {
      kind = 'copy';
      confidence = 0.9;
      evidence.push(basis, reuseLine, `both are ${from.outlet}'s: a revision or a second address of its own text`);
    } else if ((wireFrom || wireTo) && !(wireFrom && wireTo)) {
      // One side is on a wire's own site: the other reproduces the wire's text, which is in the store.
      const wire = (wireFrom ?? wireTo)!;
      const wireSide = wireFrom ? from : to;
      const other = wireFrom ? to : from;
      kind = 'copy';
      confidence = 0.85;
      if (wireSide !== from) {
        // The wire's own text is the origin whatever the arrival order says.
        return classifyPair({
          ...input,
          a: wireSide,
          b: other,
          alignment: swapAlignment(input, wireSide),
          overlap: swapOverlap(input, wireSide),
          forceFirst: true,
        });
      }
      evidence.push(
        input.forceFirst ? `${from.outlet} is ${wire.name}'s own site: the origin of its text` : basis,
        reuseLine,
        `the earlier is ${wire.name}'s own text (${from.outlet})`,
      );
    } else if (common && !(common.via === 'attribution' && (datedCopy || wholeSpin))) {
      // (A dated later text made of an earlier one that merely reports what an organisation said reproduces that
      // earlier text, which the store holds: a copy, below. So does a machine-spun rewrite of the whole of it: a
      // spinner rewrites one outlet's text. One that spins part of it and lacks the rest spun another version of the
      // statement, not in the store: a sibling, flagged spin.)
      kind = 'shared-source';
      commonSource = common.name;
      confidence = common.strong ? 0.9 : 0.7;
      evidence.push(
        `both reproduce ${common.name}: ${common.how}`,
        reuseLine,
        `neither outlet copied the other: each carries the source's text${covTo < WHOLLY_DERIVED ? ` (${pct(1 - covTo)} of the later is its own or the source's, not the earlier's)` : ''}`,
      );
      if (spun) {
        spin = swaps;
        evidence.push(`the later is ${spinLine}`);
      }
    } else if (spun) {
      kind = 'copy';
      spin = swaps;
      confidence = 0.8;
      evidence.push(basis, reuseLine, spinLine);
    } else if (outletFrom && outletTo && !datedCopy) {
      // Two outlets, one text, no credit: most such texts are both reprints of a third (a wire or a release) that
      // neither names; a copy of one outlet's own text cannot be told from that by the text alone — unless the
      // later, by its date, reproduces the earlier in full (then the earlier is taken as the origin, below).
      kind = 'shared-source';
      confidence = 0.5;
      evidence.push(
        reuseLine,
        `${from.outlet} and ${to.outlet} carry one text and neither credits a source or the other: a common source not in the store (a wire or a release) or one copied from the other; the text does not tell which`,
      );
    } else {
      const named = [...srcFrom.keys()].filter((x) => srcTo.has(x));
      const unique = `each carries text the other lacks (${pct(1 - covFrom)} of the earlier, ${pct(1 - covTo)} of the later), so neither holds the common text in full`;
      if (covTo >= WHOLLY_DERIVED || datedCopy) {
        kind = 'copy';
        confidence = outletFrom && outletTo ? 0.6 : 0.8;
        evidence.push(basis, reuseLine, `the later version is wholly derived from the earlier`);
        if (outletFrom && outletTo)
          evidence.push('neither credits a source: the earlier outlet is taken as the origin of its text');
      } else if (named.length > 0 && 1 - covTo >= SIBLING_UNIQUE_LATER && 1 - covFrom >= SIBLING_UNIQUE_EARLIER) {
        kind = 'shared-source';
        confidence = 0.6;
        const f = srcFrom.get(named[0])!;
        const t = srcTo.get(named[0])!;
        commonSource = t.display.length > f.display.length ? t.display : f.display;
        evidence.push(unique, reuseLine, `both attribute it to ${commonSource} ("${f.text}" / "${t.text}")`);
      } else {
        kind = 'copy';
        confidence = covTo >= COPY_COVERAGE || covFrom >= COPY_COVERAGE ? 0.7 : 0.5;
        evidence.push(basis, reuseLine);
        if (covFrom < COPY_COVERAGE) evidence.push(`the later version drops ${pct(1 - covFrom)} of the earlier`);
        if (covTo < COPY_COVERAGE) evidence.push(`the later version adds ${pct(1 - covTo)} of new text`);
      }
    }
    evidence.push(
      `word 5-shingle containment: ${pct(contFrom)} of the earlier's shingles in the later, ${pct(contTo)} the other way; Jaccard ${input.overlap.jaccard.toFixed(2)}`,
    );
  }
  if (kind === 'copy' && direction === 'unknown') {
    confidence = Math.min(confidence, 0.5);
    evidence.push('which of the two came first is not known: neither dates nor the texts tell');
  }
  return { from: from.id, to: to.id, kind, direction, commonSource, confidence, spin, evidence, scores, passages };
}

/** The alignment seen from `first` (as side A). */
function swapAlignment(input: PairInput, first: PairSide): Alignment {
  if (first === input.a) return input.alignment;
  const al = input.alignment;
  return {
    ...al,
    passages: reversed(al.passages),
    coverageA: al.coverageB,
    coverageB: al.coverageA,
  };
}

function swapOverlap(input: PairInput, first: PairSide): Overlap {
  if (first === input.a) return input.overlap;
  const o = input.overlap;
  return { ...o, containmentA: o.containmentB, containmentB: o.containmentA };
}

/**
 * The source both sides credit (a wire, a distributor, a release or statement), else an organisation both attribute
 * their text to (a ministry, an agency, a company — never a person they quote, which independent reports share).
 */
function commonSources(
  from: PairSide,
  to: PairSide,
  srcFrom: Map<string, SourceUse>,
  srcTo: Map<string, SourceUse>,
): { name: string; how: string; strong: boolean; via: 'credit' | 'attribution' } | undefined {
  const credited = (from.sources ?? [])
    .map((f) => ({ f, t: (to.sources ?? []).find((t) => t.name === f.name) }))
    .filter((x): x is { f: InferredSource; t: InferredSource } => x.t !== undefined)
    // Named wires before generic releases and statements, strong credits first.
    .sort(
      (x, y) =>
        Number(isNamed(y.f)) - Number(isNamed(x.f)) ||
        Number(y.f.strong && y.t.strong) - Number(x.f.strong && x.t.strong),
    );
  const quote = (side: PairSide, src: InferredSource) =>
    src.span && side.body ? `"${side.body.slice(src.span[0], src.span[1])}"` : `its own site (${side.outlet})`;
  if (credited.length > 0 && isNamed(credited[0].f)) {
    const { f, t } = credited[0];
    return {
      name: f.name,
      how: `both credit it (${quote(from, f)} / ${quote(to, t)})`,
      strong: f.strong && t.strong,
      via: 'credit',
    };
  }
  const orgs = [...srcFrom.entries()]
    .filter(([k, u]) => !u.fromQuote && srcTo.has(k) && !srcTo.get(k)!.fromQuote)
    .filter(([k, u]) => isOrganisationSource(u.display) || isOrganisationSource(srcTo.get(k)!.display))
    .sort(
      ([x], [y]) =>
        srcTo.get(y)!.mentions + srcFrom.get(y)!.mentions - srcTo.get(x)!.mentions - srcFrom.get(x)!.mentions,
    );
  if (orgs.length > 0) {
    const [k, f] = orgs[0];
    const t = srcTo.get(k)!;
    const name = t.display.length > f.display.length ? t.display : f.display;
    return { name, how: `both attribute it to ${name} ("${f.text}" / "${t.text}")`, strong: false, via: 'attribution' };
  }
  if (credited.length > 0) {
    const { f, t } = credited[0];
    return { name: f.name, how: `both say so (${quote(from, f)} / ${quote(to, t)})`, strong: false, via: 'credit' };
  }
  return undefined;
}

/** Groups and documents a text quotes that are not persons ("US official sources", "the letter"). */
const NOT_A_PERSON = /\b(?:sources?|officials?|statement|report|letter|release|document|filing)\b/i;

/** Is a quotation's speaker a person (a name that is neither an organisation nor a group or document)? */
function isPerson(speaker: string | undefined): boolean {
  return !!speaker && !isOrganisationSource(speaker) && !NOT_A_PERSON.test(speaker);
}

/**
 * Fewest words of a quotation two texts must carry word for word for it to make them siblings of its source: a
 * sentence's worth, past the short phrases ("a very difficult decision") that reports of one event share by chance.
 */
export const SHARED_QUOTE_WORDS = 8;

/**
 * A verbatim passage of both texts inside a quotation on each side whose speaker, on either, is an organisation or a
 * document (never a person: quoting one official is what independent reports do), with that source's name.
 */
function sharedQuotation(
  from: PairSide,
  to: PairSide,
  passages: Passage[],
): { source: string; text: string } | undefined {
  if (!from.body || !to.body) return undefined;
  const quotes = (side: PairSide) => side.facts.filter((f) => f.kind === 'quote').map((f) => ({ f, v: f.value }));
  const qFrom = quotes(from);
  const qTo = quotes(to);
  if (qFrom.length === 0 || qTo.length === 0) return undefined;
  const inside = (span: Span, q: QuoteValue) => span[0] >= q.quote[0] - 1 && span[1] <= q.quote[1] + 1;
  for (const p of passages) {
    if (p.kind !== 'verbatim') continue;
    const text = from.body.slice(p.a[0], p.a[1]);
    if (words(text).length < SHARED_QUOTE_WORDS) continue;
    const f = qFrom.find((q) => inside(p.a, q.v));
    const t = qTo.find((q) => inside(p.b, q.v));
    if (!f || !t) continue;
    // The quotation's speaker where it is an organisation; where no side gives a person as its speaker, the
    // organisation both texts attribute their account to (a letter quoting "US official sources", both reporting
    // the ministry that wrote it).
    const speakers = [f.v.speaker, t.v.speaker];
    const source =
      speakers.find((x): x is string => !!x && isOrganisationSource(x)) ??
      (speakers.some(isPerson) ? undefined : commonSources(from, to, sourcesOf(from.facts), sourcesOf(to.facts))?.name);
    if (source) return { source, text: text.length > 120 ? text.slice(0, 117) + '…' : text };
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A swap replaces at most this many words by at most this many ("now-bankrupt" → "now-defunct", "US" → "American"). */
const SWAP_MAX_RUN = 2;

/** A word with its spelling variants folded: case, apostrophes, hyphens, British/American -ise/-ize and -our/-or. */
const norm = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’-]/g, '')
    .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/our(s|ed|ing|ite|ites)?$/, 'or$1');

/**
 * Is this change a synonym swap? Content words on both sides (a changed function word or tense is editing, not
 * spinning), no figures (a changed number is a change of fact), and not one word's spelling or inflection
 * ("recognize"/"recognise", "agree"/"agreed", "coalition"/"coalitions").
 */
function isSwap(x: string[], y: string[]): boolean {
  if (/\d/.test(x.join('') + y.join(''))) return false;
  const content = (ws: string[]) => ws.map(norm).filter((w) => !isStopword(w));
  const cx = content(x);
  const cy = content(y);
  if (cx.length === 0 || cy.length === 0 || cx.join('') === cy.join('')) return false;
  const stems = (ws: string[]) => ws.map((w) => stemmer(w)).join('');
  return stems(cx) !== stems(cy);
}

/** Words longer than this many per passage are not diffed (the table is the product of the two lengths). */
const SWAP_MAX_WORDS = 400;

/**
 * Single words one side swapped for another inside aligned passages: the two passages' words diffed (longest common
 * subsequence), and each change of exactly one word for one word kept, with its span on both sides. Numbers are not
 * synonyms: a changed figure is a change of fact, not a swap.
 */
export function swappedWords(fromBody: string, toBody: string, passages: Passage[]): SwappedWord[] {
  const out: SwappedWord[] = [];
  for (const p of passages) {
    // A verbatim run has the same words on both sides: nothing swapped.
    if (p.kind === 'verbatim') continue;
    const wa = [...fromBody.slice(p.a[0], p.a[1]).matchAll(WORD)].map((m) => ({ w: m[0], at: p.a[0] + m.index }));
    const wb = [...toBody.slice(p.b[0], p.b[1]).matchAll(WORD)].map((m) => ({ w: m[0], at: p.b[0] + m.index }));
    if (p.kind === 'substitution') {
      // The aligner found the change already: between two verbatim runs.
      if (
        wa.length <= SWAP_MAX_RUN &&
        wb.length <= SWAP_MAX_RUN &&
        isSwap(
          wa.map((t) => t.w),
          wb.map((t) => t.w),
        )
      )
        out.push({
          from: p.a,
          to: p.b,
          fromText: fromBody.slice(p.a[0], p.a[1]),
          toText: toBody.slice(p.b[0], p.b[1]),
        });
      continue;
    }
    if (wa.length === 0 || wb.length === 0 || wa.length > SWAP_MAX_WORDS || wb.length > SWAP_MAX_WORDS) continue;
    const n = wa.length;
    const m = wb.length;
    // Each word lowered once, not once per cell of the table.
    const la = wa.map((t) => t.w.toLowerCase());
    const lb = wb.map((t) => t.w.toLowerCase());
    const eq = (i: number, j: number) => la[i] === lb[j];
    const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) L[i][j] = eq(i, j) ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (eq(i, j)) {
        i++;
        j++;
        continue;
      }
      // A change: follow the table to the next common word; the words skipped on each side are what changed.
      let ii = i;
      let jj = j;
      while (ii < n && jj < m && !eq(ii, jj)) {
        if (L[ii + 1][jj] >= L[ii][jj + 1]) ii++;
        else jj++;
      }
      if (ii - i >= 1 && ii - i <= SWAP_MAX_RUN && jj - j >= 1 && jj - j <= SWAP_MAX_RUN && i > 0 && j > 0) {
        const x = wa.slice(i, ii);
        const y = wb.slice(j, jj);
        if (
          isSwap(
            x.map((t) => t.w),
            y.map((t) => t.w),
          )
        )
          out.push({
            from: [x[0].at, x[x.length - 1].at + x[x.length - 1].w.length],
            to: [y[0].at, y[y.length - 1].at + y[y.length - 1].w.length],
            fromText: fromBody.slice(x[0].at, x[x.length - 1].at + x[x.length - 1].w.length),
            toText: toBody.slice(y[0].at, y[y.length - 1].at + y[y.length - 1].w.length),
          });
      }
      i = ii;
      j = jj;
    }
  }
  return out;
}

/**
 * The relation of two texts in two languages one of which renders the other sentence by sentence (`translationOf`):
 * `translation`, from the earlier (by date; else the one the other renders only part of; else by arrival) to the
 * rendering, each aligned sentence pair a `translation` passage. A translation of the whole of both texts is surer
 * than one of a part (a page cut short, or a translation of some paragraphs).
 */
export function translationRelation(
  a: PairSide,
  b: PairSide,
  languages: [a: string, b: string],
  t: Translation,
  topical: number,
): Relation {
  const alignment = {
    passages: t.sentences.map((s) => ({ a: s.a, b: s.b, kind: 'translation' as const, score: s.score })),
    coverageA: t.coverageA,
    coverageB: t.coverageB,
  };
  const { first, basis } = order({ a, b, overlap: NO_OVERLAP, alignment, topical });
  const swap = first === 'b';
  const [from, to] = swap ? [b, a] : [a, b];
  const [covFrom, covTo] = swap ? [t.coverageB, t.coverageA] : [t.coverageA, t.coverageB];
  const [langFrom, langTo] = swap ? [languages[1], languages[0]] : languages;
  const anchors = [...new Set(t.sentences.flatMap((s) => s.anchors))];
  return {
    from: from.id,
    to: to.id,
    kind: 'translation',
    languages: [langFrom, langTo],
    direction: directionOf(basis),
    confidence: t.whole ? 0.8 : 0.6,
    evidence: [
      basis,
      `the ${languageName(langTo)} text follows the ${languageName(langFrom)} one sentence by sentence: ${t.sentences.length} sentences aligned in order, each of about the other's length${anchors.length > 0 ? `, sharing ${anchors.slice(0, 8).join(', ')}${anchors.length > 8 ? ', …' : ''}` : ''}`,
      `a translation of ${t.whole ? 'the whole' : 'a part'}: the aligned sentences make ${pct(covTo)} of the later text and ${pct(covFrom)} of the earlier`,
    ],
    scores: {
      jaccard: 0,
      containmentFrom: 0,
      containmentTo: 0,
      coverageFrom: covFrom,
      coverageTo: covTo,
      topical,
    },
    passages: swap ? reversed(alignment.passages) : alignment.passages,
  };
}

const NO_OVERLAP = { jaccard: 0, containmentA: 0, containmentB: 0, shared: 0 };
