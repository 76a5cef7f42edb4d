import type { EventTime, Fact, Span } from '../model/index.js';

/**
 * Event time: when the event an article reports happened, from its publication date and its own words. News is
 * published on the day of its event or soon after, so a publication date bounds the event to the days before it; a
 * text without one still names dates ("on Oct. 14, 2022", "March 18th, 2019"), and the latest it names as past is a
 * lower bound. A page date that the text contradicts (it names as past a day after it) is flagged and not trusted.
 */
export const EVENT_TIME_DEFAULTS = {
  /**
   * Days between an event and a report of it that still reports it as news: a weekly or a local paper files its
   * account up to two weeks later (a local write-up of a space mission's result two weeks on is still that story).
   */
  reportLagDays: 14,
  /**
   * Days past the publication date that a date named as past may lie before it contradicts the page's date: time
   * zones, and a page stamped on its first version's day while the text was updated the next.
   */
  contradictionSlackDays: 1,
  /** Trust in an interval resting on a publication date (pages show wrong dates too). */
  publishedConfidence: 0.9,
  /** Trust in the latest past day a text names as the day of its event (it may be background). */
  textDayConfidence: 0.5,
  /** … when the text names only a month. */
  textMonthConfidence: 0.3,
};

export type EventTimeOptions = typeof EVENT_TIME_DEFAULTS;

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of an ISO date or time (its day); undefined when it does not parse. */
export function dayOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d\d)(?:-(\d\d))?/.exec(iso);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1);
  return Number.isNaN(t) ? undefined : Math.floor(t / DAY_MS);
}

/** A sentence about what is to come: its dates say nothing of when the reported event happened. */
const FUTURE =
  /\b(?:will|would|is (?:due|set|scheduled|expected|slated) to|are (?:due|set|scheduled|expected|slated) to|plans? to|expected to (?:close|be|take)|next (?:week|month|year)|upcoming|by the end of)\b/i;
/** A year as a text names it: 1900–2099, not part of a longer number, an amount or a share. */
const YEAR = /(?<![\p{N}$£€.,])\b(19\d\d|20\d\d)\b(?![\p{N}%]|,\d|\.\d| ?(?:percent|per cent)\b)/gu;
/** A written year inside a date's text: the date is absolute, not resolved against another. */
const HAS_YEAR = /\b(?:19|20)\d\d\b/;

interface Dated {
  day: number;
  /** Day precision (else month). */
  exact: boolean;
  span: Span;
}

/** The sentence index of each fact's sentence is given; the sentence text decides tense. */
function sentenceText(body: string, sentences: Span[], i: number): string {
  const s = sentences[i];
  return s ? body.slice(s[0], s[1]) : '';
}

export function eventTime(
  body: string,
  sentences: Span[],
  facts: Fact[],
  publishedAt?: string,
  options: Partial<EventTimeOptions> = {},
): EventTime {
  const o = { ...EVENT_TIME_DEFAULTS, ...options };
  const years = new Set<number>();
  for (const m of body.matchAll(YEAR)) years.add(Number(m[1]));
  const published = dayOf(publishedAt);
  // Past dates the text names: absolute ones (a year written), and with a publication date the relative ones that
  // were resolved against it ("on Thursday").
  const past: Dated[] = [];
  for (const f of facts) {
    if (f.kind !== 'date') continue;
    const v = f.value;
    if (v.end) continue; // a period is background ("between June and October of 2017")
    const absolute = HAS_YEAR.test(f.text) && !v.relative;
    if (!absolute && (published === undefined || !v.relative)) continue;
    if (!/^\d{4}-\d\d/.test(v.iso)) continue;
    if (FUTURE.test(sentenceText(body, sentences, f.sentence))) continue;
    const day = dayOf(v.iso);
    if (day === undefined) continue;
    // A date without its year was resolved against the publication date, so it cannot contradict it: when it falls
    // after it, the text speaks of what is to come ("subject to approval at the April 23 meeting", "Pay April 30").
    if (!absolute && published !== undefined && day > published) continue;
    past.push({ day, exact: v.iso.length >= 10, span: f.span });
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  if (published !== undefined) {
    const late = past.filter((d) => d.exact && d.day > published + o.contradictionSlackDays);
    if (late.length === 0) {
      const near = past.filter((d) => d.day <= published && d.day >= published - o.reportLagDays);
      const latest = near.reduce<Dated | undefined>((b, d) => (!b || d.day > b.day ? d : b), undefined);
      return {
        lo: published - o.reportLagDays,
        hi: published,
        day: latest?.exact ? latest.day : published,
        named: latest?.exact ? latest.day : undefined,
        basis: 'published',
        confidence: o.publishedConfidence,
        years: sortedYears,
        evidence: latest ? [latest.span] : [],
      };
    }
    const latest = late.reduce((b, d) => (d.day > b.day ? d : b));
    return {
      lo: latest.day,
      day: latest.day,
      named: latest.exact ? latest.day : undefined,
      basis: 'text',
      confidence: o.textDayConfidence,
      years: sortedYears,
      evidence: [latest.span],
      contradicted: { published: publishedAt!, span: latest.span },
    };
  }
  const latest = past.reduce<Dated | undefined>(
    (b, d) => (!b || d.day > b.day || (d.day === b.day && d.exact && !b.exact) ? d : b),
    undefined,
  );
  if (!latest) return { basis: 'none', confidence: 0, years: sortedYears, evidence: [] };
  return {
    lo: latest.day,
    day: latest.day,
    named: latest.exact ? latest.day : undefined,
    basis: 'text',
    confidence: latest.exact ? o.textDayConfidence : o.textMonthConfidence,
    years: sortedYears,
    evidence: [latest.span],
  };
}
