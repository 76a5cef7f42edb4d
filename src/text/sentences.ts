import type { Span } from '../model/span.js';
import { isDigit, isSpace } from './chars.js';
import { monthNamesOf } from './foreign.js';

/**
 * Sentence boundaries as spans into the text, trimmed of surrounding white space. A sentence never crosses a line
 * break (paragraphs and list items are separate sentences); inside a line a boundary is end punctuation, optional
 * closing quotes or brackets, white space, then something that can start a sentence — unless the word before the
 * point is a known abbreviation ("Mr.", "Sept.", "U.S.") or an initial.
 */

/** Abbreviations that end in a full stop without ending the sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm maj sen rep gov pres rev hon messrs mt ft
  jan feb mar apr aug sep sept oct nov dec no nos vol fig figs approx est inc ltd co corp bros dept univ vs etc al
  e.g i.e a.m p.m u.s u.k u.n u.s.a e.u`
    .split(/\s+/)
    .filter(Boolean),
);

/** Characters that may close a sentence after its stop: quotes and brackets. */
const CLOSERS = '"\'”’)]»';
/** Characters a new sentence may start with besides an upper-case letter or digit. */
const OPENERS = '"\'“‘([«¿¡–—-';

/**
 * The splitter walks the text by code unit; these tables answer its questions for ASCII without a regular expression
 * (a sentence splitter runs twice per article, on the raw text in clean and on the body in analyze).
 */
const ASCII_UPPER_START = new Uint8Array(128);
const ASCII_WORD_OR_DOT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_UPPER_START[c] = ASCII_WORD_OR_DOT[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_UPPER_START[c] = ASCII_WORD_OR_DOT[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD_OR_DOT[c] = 1;
ASCII_WORD_OR_DOT[46] = 1;
for (const ch of OPENERS) if (ch.charCodeAt(0) < 128) ASCII_UPPER_START[ch.charCodeAt(0)] = 1;

function isUpperStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return ASCII_UPPER_START[c] === 1;
  return /[\p{Lu}\p{N}]/u.test(ch) || OPENERS.includes(ch);
}

function isWordOrDot(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_OR_DOT[c] === 1;
  return /[\p{L}\p{N}.]/u.test(text[i]);
}

/** The word ending just before index `end` (exclusive), without the stop. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && isWordOrDot(text, i - 1)) i--;
  return text.slice(i, end);
}

function isAbbreviation(text: string, stop: number): boolean {
  const w = wordBefore(text, stop);
  if (w.length === 0) return false;
  const lower = w.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // Initials and dotted acronyms: "J.", "U.S", "D.C".
  if (/^\p{Lu}$/u.test(w)) return true;
  if (/^(\p{L}\.)+\p{L}$/u.test(w)) return true;
  return false;
}

/**
 * Longest sentence, in UTF-16 code units. A longer run without end punctuation (a page that lost its punctuation, a
 * list flattened into one line, hostile input) is cut at white space into pieces of at most this length: every later
 * stage looks at a sentence's prefixes and neighbours (chrono-node's refiners match the text before each date, the
 * attribution and quantity rules the words before each verb or number), so an unbounded sentence costs the square of
 * its length, while bounded ones keep the whole analysis linear in the text. Real sentences stay far below it: the
 * longest in ../shared/families and the fixtures are well under 1,000 characters.
 */
export const MAX_SENTENCE = 2000;

/** Space, tab or no-break space: what may separate a stop from the next sentence on one line. */
const isGap = (c: number) => c === 32 || c === 9 || c === 0xa0;

export function splitSentences(text: string, max = MAX_SENTENCE): Span[] {
  const out: Span[] = [];
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    while (e - s > max) {
      const cut = cutAt(text, s, s + max);
      out.push([s, trimEnd(text, s, cut)]);
      s = cut;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
    }
    if (e > s) out.push([s, e]);
  };
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(start, i);
      start = i + 1;
      continue;
    }
    // . ! ? …
    if (c !== 46 && c !== 33 && c !== 63 && c !== 0x2026) continue;
    let j = i + 1;
    for (let d = text.charCodeAt(j); j < n && (d === 46 || d === 33 || d === 63); d = text.charCodeAt(j)) j++;
    while (j < n && CLOSERS.includes(text[j])) j++;
    if (j >= n) continue;
    if (!isGap(text.charCodeAt(j))) continue;
    let k = j;
    while (k < n && isGap(text.charCodeAt(k))) k++;
    if (k >= n || text.charCodeAt(k) === 10) continue;
    if (!isUpperStart(text[k])) continue;
    if (c === 46 && j === i + 1 && ordinalBeforeMonth(text, i, k)) continue;
    if (c === 46 && j === i + 1 && isAbbreviation(text, i)) {
      // "U.S. officials" stays one sentence; "in the U.S. The next" is ambiguous and stays joined too.
      continue;
    }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, n);
  return out;
}

/** Is the period at `i` an ordinal day's ("17.") with a month's name at `k` after it? */
function ordinalBeforeMonth(text: string, i: number, k: number): boolean {
  let d = i;
  while (d > 0 && isDigit(text.charCodeAt(d - 1))) d--;
  if (i - d < 1 || i - d > 2 || (d > 0 && /[\p{L}\p{N}]/u.test(text[d - 1]))) return false;
  let e = k;
  while (e < text.length && /\p{L}/u.test(text[e])) e++;
  // German writes a date so ("am 17. Juni", "bis 3. Okt."): the ordinal's period ends no sentence.
  return monthNamesOf('deu').has(text.slice(k, e));
}

/**
 * Where to cut a run that is too long, at most `limit`: after the last white space in its second half, else at
 * `limit` itself (one unbroken "word"), moved back one so as not to split a surrogate pair.
 */
function cutAt(text: string, start: number, limit: number): number {
  const floor = start + ((limit - start) >> 1);
  for (let i = limit; i > floor; i--) if (isSpace(text.charCodeAt(i - 1))) return i;
  const c = text.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}

function trimEnd(text: string, s: number, e: number): number {
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Paragraph spans: runs of text separated by one or more blank lines, trimmed. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /\n[ \t\u00a0]*\n\s*/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushTrimmed(text, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, out);
  return out;
}

function pushTrimmed(text: string, s: number, e: number, out: Span[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push([s, e]);
}
