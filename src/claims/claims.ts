import type { AttributionValue, Fact, QuantityValue, Span } from '../model/index.js';
import { attributionOf, COMPARE_DEFAULTS, type CompareArticle } from './compare.js';
import { factsRead } from '../analyze/language.js';

/**
 * Claim records of a story, as conflict monitors keep them by hand: each figure a source asserts (what it counts, who
 * asserts it, which articles carry it), grouped by the thing counted so that different sources' figures for one count
 * stand side by side — the range across sources, the lowest and highest, a conservative value, the updates a source
 * makes over time, and the sources that dispute one another; and each quoted statement with its speaker.
 */

export interface ClaimArticleRef {
  article: string;
  outlet?: string;
  publishedAt?: string;
  /** The words that state the claim, and their span in the article's clean body. */
  text: string;
  span: Span;
}

export interface Claim {
  /** The figure ("240", "30–40") or the quoted statement. */
  value: number | string;
  max?: number;
  approximate?: boolean;
  /** The order of magnitude the text states instead of a figure ("thousands"): `value` is its lower bound. */
  vague?: string;
  /** Who the articles say asserts it (canonical source, or the speaker of a quote); undefined where none says. */
  source?: string;
  /** How the first article names the source ("U.S. official sources"). */
  sourceDisplay?: string;
  /** The articles that carry it, in publication order. */
  articles: ClaimArticleRef[];
}

export interface ClaimRecord {
  /** Stable key: the kind and the thing counted (or the statement's speaker and words). */
  key: string;
  kind: 'figure' | 'statement';
  /** What is counted or said: "casualties", "civilian (killed)", "people (evacuated)"; the speaker for a statement. */
  subject: string;
  unit?: string;
  claims: Claim[];
  /** Figures: the lowest and highest value asserted. */
  low?: number;
  high?: number;
  /**
   * Figures: the conservative value, the lowest any source asserts for the count (an approximate figure only where
   * every figure is approximate): what can be reported without taking a side.
   */
  conservative?: number;
  /** Figures: a source's value replaced by a later one of its own (or one said to have risen or been revised). */
  updates: Array<{
    source?: string;
    from: ClaimArticleRef & { value: number };
    to: ClaimArticleRef & { value: number };
  }>;
  /** Figures: sources whose values for the count differ, each with its values. */
  disputes: Array<{ source: string; values: number[] }>;
}

export const CLAIM_DEFAULTS = {
  /**
   * Things counted that are one count under several names, as casualty monitors count them: killed and injured people
   * are casualties; the dead are deaths; the wounded, injuries. Units of people, with the event the figure belongs to.
   */
  people: new Set([
    'people',
    'person',
    'civilian',
    'resident',
    'child',
    'woman',
    'man',
    'soldier',
    'fighter',
    'victim',
    'passenger',
    'worker',
    'migrant',
    'refugee',
    'innocent',
    'casualty',
    'death',
    'injury',
    'one',
  ]),
  casualtyEvent:
    /\b(?:kill\w*|dead|died|death)\b.*\b(?:injur\w*|wound\w*|hurt)\b|\b(?:injur\w*|wound\w*)\b.*\bkill\w*\b|casualt/i,
  deathEvent: /\b(?:kill\w*|dead|died|slain|death)\b/i,
  injuryEvent: /\b(?:injur\w*|wound\w*|hurt)\b/i,
  /** Quotes shorter than this many characters are fragments ("war crimes"), not statements. */
  minStatementChars: 40,
};

/** What a figure counts, as one key for the sources that give it under different words. */
export function subjectOf(v: QuantityValue): string {
  const ev = v.event ?? '';
  if (CLAIM_DEFAULTS.people.has(v.unit)) {
    if (v.unit === 'casualty' || CLAIM_DEFAULTS.casualtyEvent.test(ev)) return 'casualties';
    if (v.unit === 'death' || CLAIM_DEFAULTS.deathEvent.test(ev)) return 'deaths';
    if (v.unit === 'injury' || CLAIM_DEFAULTS.injuryEvent.test(ev)) return 'injuries';
  }
  return v.event ? `${v.unit} (${v.event})` : v.unit;
}

const refOf = (a: CompareArticle, f: Fact): ClaimArticleRef => ({
  article: a.id,
  ...(a.outlet ? { outlet: a.outlet } : {}),
  ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
  text: f.text,
  span: f.span,
});

const displayOf = (a: CompareArticle, f: Fact): { source?: string; display?: string } => {
  const inSentence = a.facts.filter((g) => g.kind === 'attribution' && g.sentence === f.sentence);
  const chosen = inSentence.filter((g) => g.span[0] <= f.span[0]).pop() ?? inSentence[0];
  if (chosen) {
    const v = chosen.value as AttributionValue;
    return { source: v.source, display: v.display ?? v.source };
  }
  const s = attributionOf(a, f);
  return { source: s, display: s };
};

/** The story's claim records, articles in publication order (as the story gives them). */
export function storyClaims(all: CompareArticle[]): ClaimRecord[] {
  // An article whose facts are not read (a text not in English) carries no claim and disputes none.
  const articles = all.filter((a) => factsRead(a.cues?.language));
  const records = new Map<string, ClaimRecord>();
  const claimOf = new Map<string, Claim>();
  const cueOf = new Map<ClaimArticleRef, boolean>();
  for (const a of articles) {
    for (const f of a.facts) {
      if (f.kind === 'quantity') {
        const v = f.value;
        // Sums, rates and spans of time are too many different things under one unit to make one count of.
        if (COMPARE_DEFAULTS.genericUnits.has(v.unit) && !v.event) continue;
        const subject = subjectOf(v);
        const key = `figure|${subject}`;
        let rec = records.get(key);
        if (!rec) {
          rec = { key, kind: 'figure', subject, unit: v.unit, claims: [], updates: [], disputes: [] };
          records.set(key, rec);
        }
        const { source, display } = displayOf(a, f);
        const ck = `${key}|${source ?? ''}|${v.value}|${v.max ?? ''}`;
        let claim = claimOf.get(ck);
        if (!claim) {
          claim = {
            value: v.value,
            ...(v.max !== undefined ? { max: v.max } : {}),
            ...(v.approximate ? { approximate: true } : {}),
            ...(v.vague ? { vague: v.vague } : {}),
            ...(source ? { source, sourceDisplay: display } : {}),
            articles: [],
          };
          claimOf.set(ck, claim);
          rec.claims.push(claim);
        }
        if (!claim.articles.some((r) => r.article === a.id)) {
          const ref = refOf(a, f);
          claim.articles.push(ref);
          cueOf.set(ref, COMPARE_DEFAULTS.updateCue.test(sentenceOf(a, f)));
        }
      } else if (f.kind === 'quote') {
        const v = f.value;
        if (f.text.length < CLAIM_DEFAULTS.minStatementChars) continue;
        const words = f.text
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim();
        const key = `statement|${v.speaker ?? ''}|${words.split(' ').slice(0, 12).join(' ')}`;
        let rec = records.get(key);
        if (!rec) {
          rec = {
            key,
            kind: 'statement',
            subject: v.speaker ?? 'unattributed',
            claims: [
              { value: f.text, ...(v.speaker ? { source: v.speaker, sourceDisplay: v.speaker } : {}), articles: [] },
            ],
            updates: [],
            disputes: [],
          };
          records.set(key, rec);
        }
        if (!rec.claims[0].articles.some((r) => r.article === a.id)) rec.claims[0].articles.push(refOf(a, f));
      }
    }
  }
  for (const rec of records.values()) if (rec.kind === 'figure') summarise(rec, cueOf);
  return [...records.values()].sort(
    (x, y) => (x.kind === y.kind ? 0 : x.kind === 'figure' ? -1 : 1) || y.claims.length - x.claims.length,
  );
}

function sentenceOf(a: CompareArticle, f: Fact): string {
  if (!a.body) return f.text;
  const from = Math.max(0, a.body.lastIndexOf('.', f.span[0] - 1) + 1);
  const to = a.body.indexOf('.', f.span[1]);
  return a.body.slice(from, to < 0 ? a.body.length : to);
}

function summarise(rec: ClaimRecord, cueOf: Map<ClaimArticleRef, boolean>): void {
  const values = rec.claims.map((c) => c.value as number);
  rec.low = Math.min(...values);
  rec.high = Math.max(...rec.claims.map((c) => c.max ?? (c.value as number)));
  const exact = rec.claims.filter((c) => !c.approximate).map((c) => c.value as number);
  rec.conservative = Math.min(...(exact.length ? exact : values));
  // Per source: its values in time order; a later different value of the same source is an update.
  const bySource = new Map<string, Array<{ ref: ClaimArticleRef & { value: number }; cue: boolean }>>();
  for (const c of rec.claims)
    for (const r of c.articles) {
      const k = c.source ?? '';
      const list = bySource.get(k) ?? [];
      list.push({ ref: { ...r, value: c.value as number }, cue: cueOf.get(r) ?? false });
      bySource.set(k, list);
    }
  for (const [source, list] of bySource) {
    list.sort((x, y) => (x.ref.publishedAt ?? '').localeCompare(y.ref.publishedAt ?? ''));
    for (let i = 1; i < list.length; i++) {
      const [prev, cur] = [list[i - 1].ref, list[i].ref];
      if (cur.value === prev.value) continue;
      const later = !!prev.publishedAt && !!cur.publishedAt && cur.publishedAt > prev.publishedAt;
      const sameOutlet = !!prev.outlet && prev.outlet === cur.outlet;
      // A figure the same (named) source gives later, or from the same outlet, or one its sentence says rose.
      if (later && (source || sameOutlet || list[i].cue))
        rec.updates.push({ ...(source ? { source } : {}), from: prev, to: cur });
    }
  }
  // Disputes: named sources whose values differ from another named source's.
  const named = [...bySource].filter(([s]) => s);
  if (named.length >= 2) {
    const valuesOf = (list: Array<{ ref: { value: number } }>) => [...new Set(list.map((x) => x.ref.value))];
    const all = new Set(named.flatMap(([, l]) => valuesOf(l)));
    if (all.size > 1) for (const [source, list] of named) rec.disputes.push({ source, values: valuesOf(list) });
  }
}
