import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../../src/extract/index.js';
import { normaliseDate } from '../../src/extract/dates.js';
import { titleWords } from '../../src/extract/page.js';
import { splitText } from '../../src/extract/text.js';
import type { RawDoc } from '../../src/model/index.js';

/**
 * The families part of `npm run bench -- extraction`: title, byline-free title and publication date of the labelled
 * real pages in `../shared/families` (plain text as copied from the web), by the extract stage and, in the same run,
 * by the plain rule the extract stage used before (the first line is the title when it is short, alone in its
 * paragraph and not a sentence; the date only from a `date` header line).
 *
 * Title right: the normalised words of one contain those of the other (as sets), and neither is empty.
 * Date: scored on the articles whose label is a full day, with the file's `date` header line removed (so the date
 * must come from the page's own text); right = same day; wrong = off by more than one day.
 */

interface Label {
  file: string;
  url: string;
  title: string | null;
  date: string | null;
}

export interface HeadScore {
  titled: number;
  titleRight: { engine: number; baseline: number };
  titleNone: { engine: number; baseline: number };
  dated: number;
  dateRight: { engine: number; baseline: number };
  dateNone: { engine: number; baseline: number };
  dateWrong: { engine: number; baseline: number };
  /** Up to this many errors of the engine, for reading. */
  errors: string[];
}

/** The rule used before page heads were read: a short first line alone in its paragraph, not a sentence. */
function baselineTitle(content: string, start: number): string | undefined {
  const nl = content.indexOf('\n', start);
  if (nl <= 0) return undefined;
  const line = content.slice(start, nl).trim();
  const next = content.slice(nl + 1);
  return line.length > 0 &&
    line.length <= 200 &&
    !/[.!?,;:]["”’']?$/.test(line) &&
    /^\s*\n/.test(next) &&
    next.trim().length > line.length
    ? line
    : undefined;
}

export function titleRight(got: string | undefined, want: string): boolean {
  if (!got) return false;
  const a = new Set(titleWords(got));
  const b = new Set(titleWords(want));
  if (a.size === 0 || b.size === 0) return false;
  return [...a].every((w) => b.has(w)) || [...b].every((w) => a.has(w));
}

function dayDiff(a: string, b: string): number {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
}

/** Removes the `date YYYY-MM-DD` header line of a families text (the line among the `url:`/`outlet:` headers). */
export function stripDateHeader(content: string): string {
  const blank = content.search(/\n\s*\n/);
  const headEnd = blank < 0 ? content.length : blank;
  const head = content.slice(0, headEnd).replace(/^date \d{4}-\d{2}-\d{2}[ \t]*(?:\n|$)/m, '');
  return head + content.slice(headEnd);
}

export function scorePageHeads(dir: string, maxErrors = 40): HeadScore | undefined {
  const labels = join(dir, 'families.jsonl');
  if (!existsSync(labels)) return undefined;
  const rows = readFileSync(labels, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Label);
  const s: HeadScore = {
    titled: 0,
    titleRight: { engine: 0, baseline: 0 },
    titleNone: { engine: 0, baseline: 0 },
    dated: 0,
    dateRight: { engine: 0, baseline: 0 },
    dateNone: { engine: 0, baseline: 0 },
    dateWrong: { engine: 0, baseline: 0 },
    errors: [],
  };
  for (const r of rows) {
    const content = readFileSync(join(dir, r.file), 'utf8');
    const doc: RawDoc = { source: r.file, format: 'text', content, meta: {} };
    const x = extract(doc);
    const t = splitText(doc);
    if (r.title) {
      s.titled++;
      const got = x.ok ? x.value.title : undefined;
      const base = t.headers.title ?? baselineTitle(content, t.start);
      if (titleRight(got, r.title)) s.titleRight.engine++;
      else if (s.errors.length < maxErrors)
        s.errors.push(
          `title ${r.file}: got ${JSON.stringify(got)} (${x.ok ? x.value.titleFrom : '-'}), want ${JSON.stringify(r.title)}`,
        );
      if (titleRight(base, r.title)) s.titleRight.baseline++;
      if (!got) s.titleNone.engine++;
      if (!base) s.titleNone.baseline++;
    }
    if (r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date)) {
      s.dated++;
      const stripped: RawDoc = { ...doc, content: stripDateHeader(content) };
      const xs = extract(stripped);
      const got = xs.ok ? xs.value.publishedAt : undefined;
      const base = normaliseDate(splitText(stripped).headers.date);
      for (const [k, v] of [
        ['engine', got],
        ['baseline', base],
      ] as const) {
        if (!v || !/^\d{4}-\d{2}-\d{2}/.test(v)) s.dateNone[k]++;
        else if (dayDiff(v, r.date) === 0) s.dateRight[k]++;
        else if (dayDiff(v, r.date) > 1) s.dateWrong[k]++;
      }
      if ((!got || dayDiff(got, r.date) !== 0) && s.errors.length < maxErrors)
        s.errors.push(`date ${r.file}: got ${got ?? 'none'}, want ${r.date}`);
    }
  }
  return s;
}
