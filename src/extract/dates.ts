import * as chrono from 'chrono-node';

/**
 * Publication dates as ISO 8601: `YYYY-MM-DD` when only the day is given, a full UTC timestamp when the time is.
 * ISO forms are read directly; anything else ("April 19, 2022", "Tue, 19 Apr 2022 10:00:00 GMT", "19/04/2022")
 * goes through chrono-node, which knows the common written forms.
 */
export function normaliseDate(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const s = input.trim();
  if (!s) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (day) return validDay(+day[1], +day[2], +day[3]);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) {
    const t = new Date(s.replace(' ', 'T'));
    if (!Number.isNaN(t.getTime())) return t.toISOString();
  }
  const rfc = Date.parse(s);
  if (/\d{1,2}:\d{2}/.test(s) && !Number.isNaN(rfc) && /\b(19|20)\d{2}\b/.test(s)) return new Date(rfc).toISOString();
  const parsed = chrono.parse(s, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })[0];
  if (!parsed) return undefined;
  const c = parsed.start;
  if (!c.isCertain('year') || !c.isCertain('month')) return undefined;
  const y = c.get('year')!;
  const m = c.get('month')!;
  if (!c.isCertain('day')) return `${y}-${pad(m)}`;
  const d = c.get('day')!;
  if (c.isCertain('hour')) return c.date().toISOString();
  return validDay(y, m, d);
}

function validDay(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The outlet a URL belongs to: its host without "www.". */
export function outletOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^(www\d?|m|amp|mobile)\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Earliest and latest plausible publication years for a date read from a URL (news on the web; a year or so ahead). */
const URL_YEARS = [1994, new Date().getUTCFullYear() + 1] as const;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The publication day a news URL spells, as `YYYY-MM-DD`: `/2022/10/12/`, `/20221012/`, `…-20231215`, `…-2024-03-28`,
 * `/26-May-2023/`. Archive URLs (`web.archive.org/web/<capture>/<original>`) are read by their original URL: the
 * capture time is when the page was copied, not when it was published. Undefined when the URL holds no valid date.
 */
export function dateOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const original = /^https?:\/\/web\.archive\.org\/web\/\d+[a-z_]*\/(.+)$/i.exec(url)?.[1] ?? url;
  let path: string;
  try {
    path = new URL(/^https?:/i.test(original) ? original : `http://${original}`).pathname;
  } catch {
    return undefined;
  }
  const ok = (y: number, m: number, d: number) =>
    y >= URL_YEARS[0] && y <= URL_YEARS[1] ? validDay(y, m, d) : undefined;
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [/(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$)/, (m) => ok(+m[1], +m[2], +m[3])],
    [/(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?=$|[/._-])/, (m) => ok(+m[1], +m[2], +m[3])],
    [/(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/._-])/, (m) => ok(+m[1], +m[2], +m[3])],
    [
      /(?:^|[/_-])(\d{1,2})-([a-z]{3})[a-z]*-((?:19|20)\d{2})(?=$|[/._-])/i,
      (m) => {
        const mo = MONTHS.indexOf(m[2].toLowerCase());
        return mo < 0 ? undefined : ok(+m[3], mo + 1, +m[1]);
      },
    ],
  ];
  for (const [re, read] of patterns) {
    const m = re.exec(path);
    const d = m && read(m);
    if (d) return d;
  }
  return undefined;
}
