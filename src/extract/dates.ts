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
