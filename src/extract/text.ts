import type { RawDoc } from '../model/index.js';

/**
 * Plain-text articles. A file may begin with metadata lines (`date 2022-04-19`, `title: …`, `url: …`, `outlet: …`,
 * `author: …`), possibly with the article running on after a `date` on the same line. What is left, from its first
 * non-blank character, is the page text, whose head (headline, stamps, bylines) page.ts reads.
 */

export interface TextParts {
  /** Offset into `content` where the page text starts; everything before is header lines. */
  start: number;
  headers: { date?: string; title?: string; url?: string; outlet?: string; byline?: string; id?: string };
  title?: string;
}

const HEADER =
  /^[ \t]*(date|published|pubdate|title|headline|url|link|source|outlet|author|byline|id)[ \t]*[:=]?[ \t]+/i;
/** Date forms accepted at the start of a `date` header that runs on into the text. */
const DATE_VALUE =
  /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2} \p{L}+ \d{4}|\p{L}+\.? \d{1,2},? \d{4})/u;
/** A header value longer than this is text, not a header. */
export const MAX_TITLE_CHARS = 200;

const KEYS: Record<string, keyof TextParts['headers']> = {
  date: 'date',
  published: 'date',
  pubdate: 'date',
  title: 'title',
  headline: 'title',
  url: 'url',
  link: 'url',
  source: 'outlet',
  outlet: 'outlet',
  author: 'byline',
  byline: 'byline',
  id: 'id',
};

export function splitText(doc: RawDoc): TextParts {
  const s = doc.content;
  const headers: TextParts['headers'] = {};
  let pos = 0;
  // Metadata lines at the top.
  for (;;) {
    const lineEnd = s.indexOf('\n', pos) < 0 ? s.length : s.indexOf('\n', pos);
    const line = s.slice(pos, lineEnd);
    if (!line.trim()) {
      if (lineEnd >= s.length) break;
      pos = lineEnd + 1;
      continue;
    }
    const m = HEADER.exec(line);
    if (!m) break;
    const key = KEYS[m[1].toLowerCase()];
    const rest = line.slice(m[0].length);
    if (key === 'date') {
      const d = DATE_VALUE.exec(rest);
      if (!d) break;
      headers.date = d[1];
      const after = rest.slice(d[0].length);
      if (after.trim()) {
        // The article runs on after the date on the same line.
        pos = pos + m[0].length + d[0].length;
        while (pos < s.length && /[ \t]/.test(s[pos])) pos++;
        break;
      }
    } else if (key === 'url') {
      if (!/^https?:\/\/\S+$/.test(rest.trim())) break;
      headers.url = rest.trim();
    } else {
      // A one-line value; "Source: SANA said on Monday …" is text, not a header.
      if (rest.length > MAX_TITLE_CHARS || (/[.!?]["”']?\s*$/.test(rest.trim()) && key !== 'title')) break;
      headers[key] = rest.trim();
    }
    if (lineEnd >= s.length) {
      pos = s.length;
      break;
    }
    pos = lineEnd + 1;
  }
  while (pos < s.length && /\s/.test(s[pos])) pos++;
  return { start: pos, headers, title: headers.title };
}
