import type { NoiseReason, Span } from '../model/index.js';
import { normaliseDate } from './dates.js';

/**
 * The head of a plain-text page: text copied from a web page starts with what the page prints around the article —
 * breadcrumbs, section labels, time stamps, bylines, photo credits, slide counters — and somewhere among them the
 * headline. This reads the first lines, says what each is, and takes the headline, the byline and the dates from them.
 * Everything it calls page furniture is returned with its span and reason, so the clean stage removes it visibly.
 */

export const PAGE_HEAD_DEFAULTS = {
  /** Non-blank lines examined: headlines sit above the story, after at most a handful of navigation lines. */
  maxLines: 14,
  /** Characters examined: bounds the work per page whatever its line structure (time linear in the input). */
  maxChars: 2500,
  /** A headline has at least this many words: one- and two-word lines are section labels ("Technology"). */
  minTitleWords: 3,
  /** A headline is at most this long; a longer line is a paragraph. */
  maxTitleChars: 200,
  /** A line of this many words or more is story text: the headline, if any, was above it. */
  bodyWords: 25,
  /**
   * Share of the URL slug's words a line must hold to be taken for the headline the slug spells, when the slug has at
   * least `minSlugWords` words. Editors shorten headlines into slugs, so a third of the words is a match already; a
   * section label or a tag line shares fewer.
   */
  slugMatch: 0.34,
  /** A slug of fewer words is an id or a section ("news", "article_12"), not a headline. */
  minSlugWords: 3,
  /** A photo caption ending in its credit is at most this long (wire captions run to 60 words or so). */
  maxCaptionChars: 600,
  /** A byline is a name or a few: longer lines starting "By" are sentences. */
  maxBylineChars: 80,
};
export type PageHeadOptions = typeof PAGE_HEAD_DEFAULTS;

export type HeadKind =
  'breadcrumb' | 'stamp' | 'byline' | 'credit' | 'caption' | 'counter' | 'label' | 'title' | 'notice';

export interface HeadLine {
  kind: HeadKind;
  span: Span;
}

export interface PageHead {
  /** The headline as the page prints it, or words of the URL slug (`titleFrom: 'url'`). */
  title?: string;
  titleFrom?: 'page' | 'url';
  /** Offset of the headline line in the text, when it was found there. */
  titleSpan?: Span;
  byline?: string;
  /** Publication time written in the page head, as ISO (see normaliseDate). */
  published?: string;
  /** Update time written in the page head, as ISO, kept apart from the publication time. */
  updated?: string;
  /** Lines of page furniture above the story, with what each is (the headline itself is not listed). */
  furniture: HeadLine[];
}

/** The clean stage's reason for each kind of furniture. */
export const FURNITURE_REASON: Record<Exclude<HeadKind, 'title'>, NoiseReason> = {
  breadcrumb: 'boilerplate',
  label: 'boilerplate',
  notice: 'boilerplate',
  counter: 'boilerplate',
  stamp: 'boilerplate',
  byline: 'byline',
  credit: 'photo-credit',
  caption: 'photo-caption',
};

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\\.?';
/** A written-out date with its year: "April 19, 2022", "19 January 2024", "2022-04-19", "Tue, 19 Apr 2022". */
const FULL_DATE = new RegExp(
  `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?|\\d{4}/\\d{2}/\\d{2})`,
  'i',
);
const TIME =
  /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}T|GMT|UTC|ET|PT|CT|IST|HKT|BST|CET|CEST|AEST|AEDT|JST)\b)?/gi;
/** Words a time stamp prints beside its date. */
const STAMP_WORDS = new RegExp(
  `\\b(?:published|posted|updated|last|modified|created|first|on|at|date|time|reading|read|min|mins|minutes?|estimated|${WEEKDAY}|[ap]\\.?m\\.?|[A-Z]{2,4}T|GMT|UTC|ET|PT|IST|HKT|BST|CET|JST)\\b`,
  'gi',
);
const UPDATED = /\b(?:updated|modified|last updated|edited)\b/i;
const PUBLISHED = /\b(?:published|posted|first published|created)\b/i;

/** "1/5", "3 of 12", "Photo 2 of 9": a slide or gallery counter. */
const COUNTER = /^(?:(?:photo|image|slide|picture)\s+)?\d{1,3}\s*(?:\/|of)\s*\d{1,3}$/i;
/** A video's running time printed before its source ("01:05 - Source: CNN Business"). */
const MEDIA_STAMP = /^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*\S/;
/** "By Jane Doe", "Written by …", "Reported by …", "Words: …". */
const BYLINE_LINE = /^(?:by|written by|reported by|words by|story by|words:)\s+(?=\S)/i;
/** Prefixes of a photo or source credit. */
const CREDIT_LINE =
  /^[([]?(?:photo|photograph|picture|image|credit|source|video|file photo|illustration|courtesy)s?(?:\s+by)?\s*[-:–—]/i;
/** "Name Name/Agency": a photographer and agency joined by a slash, nothing else. */
const SLASH_CREDIT =
  /^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\/\p{Lu}[\p{L}.'’&-]*(?:\s\p{Lu}[\p{L}.'’&-]*){0,3}$/u;
/** A caption's credit at the end: "… | License Photo", "… (AP Photo/…)", "… Picture: Alamy". */
const CREDIT_TAIL =
  /(?:\|\s*licen[cs]e photo|\((?:[^()]*\/)?(?:AP|AFP|Reuters|Getty|EPA|Xinhua)[^()]*\)|(?:picture|photo|image|credit):\s*[^.]{2,60})$/i;
/** Breadcrumb separators between short segments. */
const CRUMB_SEP = /\s+(?:\/|>|»|›|\||::)\s+/;
/** Site notices printed above articles. */
const NOTICE =
  /^(?:advertisement|advert|sponsored|listen to this article|loading(?: audio| video)?\.*|new update|author-image|share(?: this)?(?: article)?|this (?:is an archived article|post was originally published)|sign up for|subscribe|watch|video|in short|live|breaking(?: news)?|skip to (?:main )?content|read more|more to come\.?)\b/i;

/** Words of a line or slug, lower-cased, accents and apostrophes folded, for comparison. */
export function titleWords(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Share of `of`'s distinct words found in `in_`. */
function coverage(of: string[], in_: string[]): number {
  const set = new Set(in_);
  const distinct = [...new Set(of)];
  return distinct.length === 0 ? 0 : distinct.filter((w) => set.has(w)).length / distinct.length;
}

/** Path segments that name a listing, not an article: the slug after them is a section's name. */
const LISTING_SEGMENT = /^(?:category|categories|tag|tags|topic|topics|section|sections|author|authors|search)$/i;
/** Contractions a slug splits: "nasa-s-dart" is "nasa's dart", "aren-t" is "aren't". */
const CLITIC = new Set(['s', 't']);

/**
 * The headline a URL's slug spells: the last path segment with at least `minSlugWords` words, ids and file
 * extensions dropped (`/news/74875/syria-time-to-shed-light.html` → "Syria time to shed light"). Undefined when no
 * segment reads as words (`/article/268196`, `?p=57298`).
 */
export function slugTitle(url: string | undefined, options: Partial<PageHeadOptions> = {}): string | undefined {
  const o = { ...PAGE_HEAD_DEFAULTS, ...options };
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segments = path.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    if (i > 0 && LISTING_SEGMENT.test(segments[i - 1])) return undefined;
    let seg: string;
    try {
      seg = decodeURIComponent(segments[i]);
    } catch {
      seg = segments[i];
    }
    seg = seg.replace(/\.(?:html?|shtml|php|aspx?|jsp|cms|vov|ece)$/i, '');
    const tokens = seg.split(/[-_+\s]+/).map((t) => t.replace(/[^\p{L}\p{N}$]/gu, ''));
    const isId = (t: string) => (/\d/.test(t) && /\p{L}/u.test(t)) || /^\d{4,}$/.test(t);
    // Ids at either end: "148183-nasa-s-dart…", "…-debut-725733", "…-c-12423598", "…-20240120-p5eyrm", "…-2024-03-28".
    const trailingId = (): boolean => {
      const n = tokens.length;
      const last = tokens[n - 1];
      if (last === '' || isId(last)) return true;
      // A run of number tokens at the end (a date, an id split by dashes), or a lone letter or code before an id.
      if (/^\d+$/.test(last) && n > 1 && /^\d+$/.test(tokens[n - 2])) return true;
      if (n > 1 && /^\p{L}$/u.test(last) && !CLITIC.has(last)) return true;
      return n > 1 && /^[A-Z]{2,4}$/.test(last) && isId(tokens[n - 2]);
    };
    while (tokens.length && trailingId()) tokens.pop();
    while (tokens.length && (tokens[0] === '' || /^\d+$/.test(tokens[0]) || isId(tokens[0]))) tokens.shift();
    const words = tokens.filter((t) => /^[\p{L}]{2,}$/u.test(t));
    if (words.length < o.minSlugWords || (tokens.some(isId) && words.length < tokens.length / 2)) continue;
    const out: string[] = [];
    for (const t of tokens) {
      if (CLITIC.has(t.toLowerCase()) && out.length && out[out.length - 1].length > 1) out[out.length - 1] += `'${t}`;
      else out.push(t);
    }
    const s = out.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  return undefined;
}

interface Line {
  text: string;
  start: number;
  end: number;
  words: number;
}

function headLines(text: string, o: PageHeadOptions): Line[] {
  const out: Line[] = [];
  const limit = Math.min(text.length, o.maxChars);
  let pos = 0;
  while (pos < limit && out.length < o.maxLines) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let s = pos;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) {
      const t = text.slice(s, e);
      out.push({ text: t, start: s, end: e, words: t.split(/\s+/).length });
    }
    pos = end + 1;
  }
  return out;
}

/** The date and time in a stamp line, and whether it says "updated". */
function stampParts(line: string): Array<{ iso: string; updated: boolean }> {
  const out: Array<{ iso: string; updated: boolean }> = [];
  // "Published: 10:00, April 19, 2022 | Updated: 10:29, April 19, 2022": each part its own stamp.
  for (const part of line.split(/\s[|•·]\s|\s{2,}/)) {
    const d = FULL_DATE.exec(part);
    if (!d) continue;
    const time = new RegExp(TIME.source, 'i').exec(part);
    const when = time && /[ap]\.?m|:\d{2}\s*[A-Z]/i.test(time[0]) ? `${d[0]} ${time[0]}` : d[0];
    const iso = normaliseDate(when.replace(/(\d)(st|nd|rd|th)\b/i, '$1')) ?? normaliseDate(d[0]);
    if (iso) out.push({ iso, updated: UPDATED.test(part) && !PUBLISHED.test(part) });
  }
  return out;
}

/** A line that is a date and time and little else. */
function isStamp(line: string): boolean {
  const d = FULL_DATE.exec(line);
  if (!d) return false;
  const rest = line
    .replace(FULL_DATE, ' ')
    .replace(new RegExp(FULL_DATE.source, 'gi'), ' ')
    .replace(TIME, ' ')
    .replace(STAMP_WORDS, ' ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .trim();
  const words = rest ? rest.split(/\s+/) : [];
  // What is left beside the date: a source or a name or two ("Xinhua", "NASA"), not a sentence.
  return words.length <= 4;
}

function classify(l: Line, o: PageHeadOptions): Exclude<HeadKind, 'title'> | 'text' | 'candidate' {
  const t = l.text;
  // A long line is story text; nothing else is tried on it (keeps the work per page bounded).
  if (t.length > o.maxCaptionChars) return 'text';
  if (COUNTER.test(t) || MEDIA_STAMP.test(t)) return 'counter';
  if (NOTICE.test(t) && l.words <= 12) return 'notice';
  if (isStamp(t)) return 'stamp';
  if (BYLINE_LINE.test(t) && t.length <= o.maxBylineChars && !/[.!?]$/.test(t)) return 'byline';
  if (CREDIT_LINE.test(t) || SLASH_CREDIT.test(t)) return 'credit';
  const crumbs = t.split(CRUMB_SEP);
  if (crumbs.length > 1 && crumbs.every((c) => c.split(/\s+/).length <= 3)) return 'breadcrumb';
  if (l.words < o.minTitleWords && !/[.!?:]["”’']?$/.test(t)) return 'label';
  if (CREDIT_TAIL.test(t) && t.length <= o.maxCaptionChars) return 'caption';
  if (l.words >= o.bodyWords || t.length > o.maxTitleChars) return 'text';
  if (/[.,;:]["”’']?$/.test(t)) return 'text';
  if (/^\p{Ll}/u.test(t)) return 'text';
  return 'candidate';
}

/**
 * Reads the head of a plain-text page (`text`: the page text after any metadata header lines). `url` gives the slug
 * to check headline candidates against and to fall back on.
 */
export function readPageHead(text: string, url?: string, options: Partial<PageHeadOptions> = {}): PageHead {
  const o = { ...PAGE_HEAD_DEFAULTS, ...options };
  const lines = headLines(text, o);
  const slug = slugTitle(url, o);
  const slugW = slug ? titleWords(slug) : [];
  const head: PageHead = { furniture: [] };
  const kinds: Array<ReturnType<typeof classify>> = [];
  let firstText = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const k = classify(lines[i], o);
    kinds.push(k);
    if (k === 'text' && lines[i].words >= o.bodyWords && firstText === lines.length) firstText = i;
  }
  // Headline: among the candidate lines above the story, the one the slug spells; without a slug, the first that
  // only furniture precedes.
  let pick = -1;
  if (slugW.length >= o.minSlugWords) {
    let best = 0;
    for (let i = 0; i < firstText; i++) {
      if (kinds[i] !== 'candidate') continue;
      const c = coverage(slugW, titleWords(lines[i].text));
      if (c >= o.slugMatch && c > best) {
        best = c;
        pick = i;
      }
    }
  } else {
    for (let i = 0; i < firstText; i++) {
      if (kinds[i] === 'candidate') {
        pick = i;
        break;
      }
      if (kinds[i] === 'text') break;
    }
  }
  // A page that opens with a headline-shaped line written as a sentence (lower-case words in it, unlike a tag list or
  // a section name) opens with its headline, whatever the slug says: slugs are often keywords, not the headline.
  if (kinds[0] === 'candidate' && /\s\p{Ll}{3,}/u.test(lines[0].text)) pick = 0;
  if (pick >= 0) {
    head.title = lines[pick].text;
    head.titleFrom = 'page';
    head.titleSpan = [lines[pick].start, lines[pick].end];
  } else if (slug) {
    head.title = slug;
    head.titleFrom = 'url';
  }
  // Furniture, bylines and stamps: the lines above the story (and above the headline's line, or just below it).
  const top = pick >= 0 ? Math.min(firstText, pick + 4) : firstText;
  for (let i = 0; i < Math.min(top, lines.length); i++) {
    const k = kinds[i];
    if (k === 'text' || k === 'candidate') {
      if (i > pick) break;
      continue;
    }
    head.furniture.push({ kind: k, span: [lines[i].start, lines[i].end] });
    if (k === 'byline' && !head.byline)
      head.byline = lines[i].text
        .replace(BYLINE_LINE, '')
        .replace(/\s*[|·•].*$/, '')
        .trim();
    if (k === 'stamp') {
      for (const p of stampParts(lines[i].text)) {
        if (p.updated) head.updated ??= p.iso;
        else head.published ??= p.iso;
      }
    }
  }
  return head;
}

/** Separators between a page title and the site's name ("… | Reuters", "… - The Hindu", "… — BBC News"). */
const SUFFIX_SEP = /\s+(?:\||-|–|—|::|·|•)\s+(?=[^|–—·•]*$)/;
/** A site-name suffix is a few words at most: a longer tail is part of the headline. */
const MAX_SUFFIX_WORDS = 5;

const letters = (s: string) => titleWords(s).join('');

/**
 * A page title without the site's name appended to it: the tail after the last separator is dropped when it names the
 * site (its letters are the site name's, the host's, or contain or are contained in one of them), or when it is
 * set off by a bar (`|`, the usual site-name separator) and is short. A dash tail that names no known site stays
 * ("Storm Aria makes landfall - latest updates").
 */
export function stripSiteSuffix(title: string, siteNames: Array<string | undefined>): string {
  const names = siteNames
    .filter((n): n is string => !!n)
    .flatMap((n) => {
      const host = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(n) ? n.replace(/^(?:www\d?|m|amp|mobile|en)\./i, '') : undefined;
      return host ? [letters(host.split('.')[0]), letters(host.replace(/\.[a-z]+$/i, ''))] : [letters(n)];
    })
    .filter((n) => n.length >= 2);
  let t = title.trim();
  for (let k = 0; k < 2; k++) {
    const m = SUFFIX_SEP.exec(t);
    if (!m) break;
    const head = t.slice(0, m.index).trim();
    const tail = t.slice(m.index + m[0].length).trim();
    const tailWords = titleWords(tail);
    if (tailWords.length === 0 || tailWords.length > MAX_SUFFIX_WORDS || titleWords(head).length < 2) break;
    const tl = tailWords.join('');
    const named = names.some((n) => n === tl || (tl.length >= 3 && (n.includes(tl) || tl.includes(n))));
    if (!named && !(m[0].trim() === '|' && tailWords.length <= 4)) break;
    t = head;
  }
  return t;
}

/** Characters of the text read for the case of a slug's words. */
const RECASE_CHARS = 4000;

/**
 * A slug title with its words in the case the text writes them ("Elon musk terminates twitter deal" → "Elon Musk
 * terminates Twitter deal"): a word takes the text's capitalised form when the text writes it so more often than in
 * lower case, counting only words that do not start a sentence, a quotation or a line.
 */
export function recaseFromText(title: string, text: string): string {
  const forms = new Map<string, Map<string, number>>();
  const re = /[\p{L}][\p{L}\p{N}]*/gu;
  const s = text.slice(0, RECASE_CHARS);
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const before = s.slice(Math.max(0, m.index - 4), m.index);
    if (!s.slice(0, m.index).trim() || /(?:[.!?]["”’']?\s+|\n\s*|["“‘])$/.test(before)) continue;
    const w = m[0];
    const f = forms.get(w.toLowerCase()) ?? new Map<string, number>();
    f.set(w, (f.get(w) ?? 0) + 1);
    forms.set(w.toLowerCase(), f);
  }
  return title
    .split(' ')
    .map((tok, i) => {
      const [base, clitic] = tok.split(/(?=')/);
      if (i === 0 && base.length <= 1) return tok;
      const f = forms.get(base.toLowerCase());
      if (!f) return tok;
      let best = base;
      let bestN = 0;
      for (const [w, n] of f) if (n > bestN || (n === bestN && w === base.toLowerCase())) [best, bestN] = [w, n];
      const lower = f.get(base.toLowerCase()) ?? 0;
      if (best === best.toLowerCase() || lower >= bestN) {
        // The text writes it in lower case: keep the slug's form (the first word keeps its capital).
        return tok;
      }
      return best + (clitic ?? '');
    })
    .join(' ');
}
