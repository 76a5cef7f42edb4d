import * as chrono from 'chrono-node';
import type { DateValue, Fact, Span } from '../../model/index.js';

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
  /\b(?:in|of|since|during|until|by|from|through|and|between) ((?:19|20)\d{2})(?!\s*(?:percent|%|people|[a-z]+s\b))/g;
const RELATIVE =
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|next|ago|this)\b/i;

const pad = (n: number) => String(n).padStart(2, '0');
const month = (name: string) => MONTH_NUM[name.slice(0, 3).toLowerCase()];

export function dates(body: string, sentences: Span[], publishedAt?: string): Fact[] {
  const out: Fact[] = [];
  const ref = publishedAt ? new Date(publishedAt.length === 10 ? `${publishedAt}T12:00:00Z` : publishedAt) : undefined;
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    if (!HINT.test(s)) return;
    const taken: Span[] = [];
    const push = (a: number, b: number, v: DateValue) => {
      if (taken.some(([x, y]) => a < y && x < b)) return;
      taken.push([a, b]);
      out.push({ kind: 'date', span: [s0 + a, s0 + b], sentence: si, text: s.slice(a, b), value: v });
    };
    for (const m of s.matchAll(PERIOD)) {
      const y = m[3];
      const at = m.index + m[0].indexOf(m[1]);
      push(at, m.index + m[0].length, { iso: `${y}-${pad(month(m[1]))}`, end: `${y}-${pad(month(m[2]))}` });
    }
    for (const r of chrono.parse(s, ref ?? new Date(0), { forwardDate: false })) {
      const c = r.start;
      const relative = RELATIVE.test(r.text) && !c.isCertain('year');
      if (relative && !ref) continue; // nothing to resolve against
      if (!c.isCertain('month') && !c.isCertain('day') && !c.isCertain('weekday') && !relative) continue;
      const yearKnown = c.isCertain('year') || !!ref;
      if (!yearKnown) continue;
      const y = c.get('year')!;
      const mo = c.get('month')!;
      let iso: string;
      if (c.isCertain('day') || relative) iso = `${y}-${pad(mo)}-${pad(c.get('day')!)}`;
      else if (c.isCertain('month')) iso = `${y}-${pad(mo)}`;
      else continue;
      const v: DateValue = { iso };
      if (r.end && r.end.isCertain('day'))
        v.end = `${r.end.get('year')}-${pad(r.end.get('month')!)}-${pad(r.end.get('day')!)}`;
      if (relative || !c.isCertain('year')) v.relative = true;
      push(r.index, r.index + r.text.length, v);
    }
    for (const m of s.matchAll(YEARS)) {
      const at = m.index + m[0].length - m[1].length;
      push(at, at + 4, { iso: m[1] });
    }
  });
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
