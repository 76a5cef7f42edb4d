import * as chrono from 'chrono-node';
import type { DateValue, Fact, Span } from '../../model/index.js';
import { matchesOf } from '../../text/matches.js';

/**
 * Dates and periods. chrono-node reads the many written forms ("March 18th, 2019", "on Monday night", "last
 * January") and resolves relative ones against the article's publication date; it runs only on sentences that hold a
 * month, weekday, relative word or year, since most sentences hold none. Periods ("between June and October of
 * 2017") and bare years ("in 2018 and 2019") are read here, because chrono gives the months of a period without its
 * shared year.
 */

const MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH_NUM: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const HINT = new RegExp(
  `\\b(?:${MONTH}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|ago|(?:19|20)\\d{2})\\b`,
);
const PERIOD = new RegExp(
  `\\b(?:between|from) (${MONTH})\\.? (?:and|to|until|till) (${MONTH})\\.?,? (?:of )?((?:19|20)\\d{2})\\b`,
  'g',
);
const YEARS =
  /(?:\b(?:in|of|since|during|until|by|from|through|and|between|quarter|year|half|fiscal)|['’]s) ((?:19|20)\d{2})(?!\s*(?:percent|%|people|[a-z]+s\b))/g;
/** "last year", "this year's": the year, which chrono does not give. */
const YEAR_REL = /\b(last|this|next) year\b/gi;
const RELATIVE =
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|next|ago|this)\b/i;

/** A count of days or weeks measured from another event ("nine days after the quake"), not from the article's date. */
const FROM_EVENT = /\b(?:after|before|later|earlier|from now)\b/i;
/** "the end of March": the month is what the text knows; chrono picks a day for it. */
const PART_OF_MONTH = /^(?:the )?(?:end|beginning|start|middle|mid|early|late) (?:of )?/i;
/** Future tense around a bare weekday: "will travel … on Tuesday" means the coming one. */
const FUTURE =
  /\b(?:will|is due to|are due to|is scheduled|are scheduled|is set to|are set to|is expected to|are expected to|plans? to|next)\b/i;
const DAY_MS = 86_400_000;
/** Days after publication a yearless past date may still fall (a dateline a day or two behind the events). */
const PAST_SLACK_DAYS = 7;
/** Past-tense verbs that are not what a date dates: reporting and saying. */
const NOT_EVENTS =
  /^(?:said|added|reported|stated|noted|announced|confirmed|told|claimed|estimated|published|released)$/i;
const IRREGULAR_PAST =
  'began|begun|struck|took effect|took place|took office|held|met|won|lost|fell|rose|died|left|came|went|made|broke|hit|shot|sank|flew|fled|signed|set|sent|began|ran|spoke|stood|seized|rode|drove|overran|froze|laid|led|fought|built';
/** The event a date belongs to: the verb nearest before it in its clause ("took effect on March 18"). */
const EVENT_BEFORE = new RegExp(
  `\\b(${IRREGULAR_PAST}|[\\p{L}]+ed)\\b(?:\\s+(?:in|on|at|to|into|off|out|up|down|by|the|its|their|his|her|a|an|\\p{Ll}+ly)){0,3}\\s*(?:in|on|at|since|from|until|by|between|during)?\\s*$`,
  'iu',
);

/** The event a date belongs to, where the words before it say so. */
function eventBefore(s: string, at: number): string | undefined {
  const clause =
    s
      .slice(Math.max(0, at - 60), at)
      .split(/[,;:]/)
      .pop() ?? '';
  const m = EVENT_BEFORE.exec(clause);
  if (!m || NOT_EVENTS.test(m[1])) return undefined;
  return m[1].toLowerCase();
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * A weekday named alone, against the article's date. Wire copy names the past week's days ("the ministry said on
 * Sunday" in Thursday's paper is four days back, where chrono takes the nearest, three days ahead), and the day of
 * publication itself; the coming one only where the sentence speaks of the future.
 */
function weekday(ref: Date, dow: number, future: boolean): string {
  const today = ref.getUTCDay();
  const delta = future ? (dow - today + 7) % 7 : -((today - dow + 7) % 7);
  return isoDay(new Date(ref.getTime() + delta * DAY_MS));
}
const month = (name: string) => MONTH_NUM[name.slice(0, 3).toLowerCase()];

/** The publication date as the date parsers' reference (a bare day at its noon); undefined without one. */
function referenceOf(publishedAt: string | undefined): Date | undefined {
  return publishedAt ? new Date(publishedAt.length === 10 ? `${publishedAt}T12:00:00Z` : publishedAt) : undefined;
}

/** Does the match at `index` of `length` stand as whole words (chrono reads the "DEC" of "INDEC" as December)? */
function wholeWords(text: string, index: number, length: number): boolean {
  return !/[\p{L}\p{N}]/u.test(text[index - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[index + length] ?? ' ');
}

export function dates(body: string, sentences: Span[], publishedAt?: string): Fact[] {
  const out: Fact[] = [];
  const ref = referenceOf(publishedAt);
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    if (!HINT.test(s)) return;
    const taken: Span[] = [];
    const push = (a: number, b: number, v: DateValue) => {
      if (taken.some(([x, y]) => a < y && x < b)) return;
      taken.push([a, b]);
      const event = eventBefore(s, a);
      if (event) v.event = event;
      out.push({ kind: 'date', span: [s0 + a, s0 + b], sentence: si, text: s.slice(a, b), value: v });
    };
    for (const m of matchesOf(PERIOD, s)) {
      const y = m[3];
      const at = m.index + m[0].indexOf(m[1]);
      push(at, m.index + m[0].length, { iso: `${y}-${pad(month(m[1]))}`, end: `${y}-${pad(month(m[2]))}` });
    }
    const results = chrono
      .parse(s, ref ?? new Date(0), { forwardDate: false })
      .map((r) => ({ index: r.index, text: r.text, start: r.start, end: r.end }))
      .filter((r) => wholeWords(s, r.index, r.text.length) && !(FROM_EVENT.test(r.text) && !/\bago\b/i.test(r.text)));
    // "between May 1 and May 7": one period, where chrono gives two dates.
    for (let i = 0; i + 1 < results.length; i++) {
      const [x, y] = [results[i], results[i + 1]];
      const gap = s.slice(x.index + x.text.length, y.index);
      if (/^\s+(?:and|to|until|till)\s+$/.test(gap) && /\b(?:between|from)\s+$/.test(s.slice(0, x.index)) && !x.end) {
        x.end = y.start;
        x.text = s.slice(x.index, y.index + y.text.length);
        results.splice(i + 1, 1);
      }
    }
    for (const r of results) {
      // chrono keeps the comma of "on Friday," in its text.
      r.text = r.text.replace(/[\s,;.]+$/, '');
      // "now", "the now-bankrupt exchange": the present, not a date the text gives.
      if (/^(?:right )?now$/i.test(r.text)) continue;
      const c = r.start;
      const relative = RELATIVE.test(r.text) && !c.isCertain('year');
      if (relative && !ref) continue; // nothing to resolve against
      if (!c.isCertain('month') && !c.isCertain('day') && !c.isCertain('weekday') && !relative) continue;
      const yearKnown = c.isCertain('year') || !!ref;
      if (!yearKnown) continue;
      const y = c.get('year')!;
      const mo = c.get('month')!;
      let iso: string;
      if (c.isCertain('weekday') && !c.isCertain('day') && ref && !/\b(?:last|next|this)\b/i.test(r.text))
        iso = weekday(ref, c.get('weekday')!, FUTURE.test(s));
      else if (PART_OF_MONTH.test(r.text) && c.isCertain('month')) iso = `${y}-${pad(mo)}`;
      else if (c.isCertain('day') || relative) iso = `${y}-${pad(mo)}-${pad(c.get('day')!)}`;
      else if (c.isCertain('month')) iso = `${y}-${pad(mo)}`;
      else continue;
      // A month named without its year in a past-tense report is the last one before the article ("visits … in
      // February" in November's paper), where chrono may take the nearest, which can be ahead.
      if (
        !c.isCertain('year') &&
        ref &&
        !FUTURE.test(s) &&
        c.isCertain('month') &&
        !relative &&
        /\b(?:in|on|since|during)\s+$/i.test(s.slice(Math.max(0, r.index - 10), r.index))
      ) {
        const when = Date.UTC(y, mo - 1, c.isCertain('day') ? c.get('day')! : 1);
        if (when > ref.getTime() + PAST_SLACK_DAYS * DAY_MS) iso = `${y - 1}${iso.slice(4)}`;
      }
      const v: DateValue = { iso };
      if (r.end && r.end.isCertain('day'))
        v.end = `${r.end.get('year')}-${pad(r.end.get('month')!)}-${pad(r.end.get('day')!)}`;
      if (relative || !c.isCertain('year')) v.relative = true;
      push(r.index, r.index + r.text.length, v);
    }
    if (ref && /\byear\b/i.test(s))
      for (const m of matchesOf(YEAR_REL, s)) {
        const d = m[1].toLowerCase();
        const y = ref.getUTCFullYear() + (d === 'last' ? -1 : d === 'next' ? 1 : 0);
        push(m.index, m.index + m[0].length, { iso: String(y), relative: true });
      }
    for (const m of matchesOf(YEARS, s)) {
      const at = m.index + m[0].length - m[1].length;
      push(at, at + 4, { iso: m[1] });
    }
  });
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** What this reader needs of a locale's module: its parse (each exports one). */
type LocaleParser = Pick<typeof chrono.fr, 'parse'>;
/** ISO 639-3 → chrono-node's parser for that language. */
const CHRONO: Record<string, LocaleParser | undefined> = {
  fra: chrono.fr,
  deu: chrono.de,
  spa: chrono.es,
  por: chrono.pt,
  ita: chrono.it,
  nld: chrono.nl,
  swe: chrono.sv,
  rus: chrono.ru,
  ukr: chrono.uk,
  vie: chrono.vi,
  ind: chrono.id,
  cmn: chrono.zh,
  jpn: chrono.ja,
};

/**
 * The full dates a text in another language than English writes ("le 18 mars 2019", "am 17. Juni"), with chrono-node's
 * parser for that language, for its event time only: a day and a month, and a year written or taken from the
 * publication date. Weekdays and relative words are left out (which day "mardi" is, and whether a date is past or to
 * come, the English rules tell by words this reader does not know), and so is a date after the publication date.
 * None for a language chrono-node does not read.
 */
export function foreignDates(body: string, sentences: Span[], language: string, publishedAt?: string): Fact[] {
  const parser = CHRONO[language];
  if (!parser) return [];
  const out: Fact[] = [];
  const ref = referenceOf(publishedAt);
  // The whole text at once: the English sentence splitter cuts German ordinals ("am 18. März") off their month.
  for (const r of parser.parse(body, ref ?? new Date(0), { forwardDate: false })) {
    const c = r.start;
    if (!c.isCertain('day') || !c.isCertain('month') || (!c.isCertain('year') && !ref)) continue;
    if (!wholeWords(body, r.index, r.text.length)) continue;
    const iso = `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
    if (ref && Date.UTC(c.get('year')!, c.get('month')! - 1, c.get('day')!) > ref.getTime() + DAY_MS) continue;
    const v: DateValue = c.isCertain('year') ? { iso } : { iso, relative: true };
    const sentence = Math.max(
      0,
      sentences.findIndex(([s0, s1]) => r.index >= s0 && r.index < s1),
    );
    out.push({ kind: 'date', span: [r.index, r.index + r.text.length], sentence, text: r.text, value: v });
  }
  return out;
}
