import { z } from 'zod';
import type { RateLimit } from './ratelimit.js';

/** Most stories one list request returns: a page a browser renders at once without lag. */
export const MAX_PAGE = 500;
/** Default page of the story list. */
export const DEFAULT_PAGE = 100;
/** Outlets named per story in a list: what one line holds; the count says how many more. */
export const OUTLETS_LISTED = 6;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'a day of the calendar (month 01-12, day within the month)')
  .describe('ISO date, inclusive');

/** Ids are the hex hashes the engine makes (`s…` stories, `a…` articles); anything else cannot name a record. */
export const storyId = z.string().regex(/^s[0-9a-f]{6,64}$/, 'a story id such as s166a29e840c2');
export const articleId = z.string().regex(/^a[0-9a-f]{6,64}$/, 'an article id such as a166a29e840c2a36');

export const storyQuery = z
  .object({
    q: z.string().max(500).optional().describe('words that must all begin a word of one article (title or text)'),
    outlet: z.string().max(200).optional().describe('outlet name, exact, case-insensitive'),
    from: isoDay.optional(),
    to: isoDay.optional(),
    entity: z.string().max(200).optional().describe('part of a person, place or organisation an article names'),
    lang: z
      .string()
      .regex(/^[a-z]{3}$/, 'an ISO 639-3 code such as eng, fra, deu')
      .optional()
      .describe('the language of an article, ISO 639-3'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Most articles of one story a request returns: beyond it a story is read page by page. */
export const MAX_STORY_ARTICLES = 1000;
/**
 * Articles of a story returned when the request does not say: every version of an ordinary story (a few dozen), the
 * first page of a story of thousands, whose JSON (fact table, version changes) would otherwise run to megabytes.
 */
export const DEFAULT_STORY_ARTICLES = 200;

export const storyView = z
  .object({
    view: z
      .enum(['full', 'page'])
      .default('full')
      .describe('full: the JSON contract of `newstrace show --json`; page: the compact shape the story page reads'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_STORY_ARTICLES)
      .default(DEFAULT_STORY_ARTICLES)
      .describe('articles of the story to return, in publication order; `articleCount` says how many it has'),
    offset: z.coerce.number().int().min(0).default(0).describe('articles of the story to skip first'),
  })
  .strict();

export const diffQuery = z.object({ a: articleId, b: articleId }).strict();

/** Query of `POST /api/articles` when the body is one HTML page: where it came from. */
export const htmlIngestQuery = z
  .object({
    url: z.url().max(4000).describe('the page URL (required for HTML: it names the article)'),
    outlet: z.string().max(200).optional(),
    title: z.string().max(1000).optional(),
    published: z.string().max(100).optional(),
  })
  .strict();

/** `POST /api/lookup`: open without the token (it stores nothing), so bounded per request and per client. */
export const LOOKUP_DEFAULTS = {
  /** One text or page: 2 MiB holds the HTML of all but the heaviest news pages (their text is a few tens of KB). */
  maxBytes: 2 * 1024 * 1024,
  /**
   * A look-up costs a few to a few tens of milliseconds of the one thread that also serves everyone else: 60 a minute
   * from one client (a person checking texts by hand makes a few) keeps one client under a tenth of the server.
   */
  rate: { perMinute: 60, burst: 10, clients: 10_000 } satisfies RateLimit,
};

/** One JSON article record, as `add` reads from JSON lines (extra fields are allowed and ignored). */
export const articleRecord = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    url: z.string().optional(),
    outlet: z.string().optional(),
    title: z.string().optional(),
    published: z.string().optional(),
    text: z.string().optional(),
    html: z.string().optional(),
  })
  .loose()
  .refine((r) => !!(r.text?.trim() || r.html?.trim() || hasAlias(r)), 'a record needs "text" or "html"');

function hasAlias(r: Record<string, unknown>): boolean {
  return ['body', 'content'].some((k) => typeof r[k] === 'string' && (r[k] as string).trim() !== '');
}

export const ingestJson = z.union([articleRecord, z.array(articleRecord).min(1)]);

/** The first problem zod found, as one line for the error body. */
export function issueText(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}` : 'invalid';
}
