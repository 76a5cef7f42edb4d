import type { StorySummary } from './types.js';

/**
 * Word matching for story search, shared by the SQLite FTS5 query and the scanning fallback so both give the same
 * answer. Tokens follow FTS5's default `unicode61` tokenizer: runs of letters and digits, case folded, accents
 * removed. Each query token matches any word it begins (a prefix query), so a search box can match as one types.
 */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** An FTS5 MATCH expression: every token as a quoted prefix, implicitly ANDed. Quoting makes user input inert. */
export function ftsQuery(tokens: string[]): string {
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/** True when every query token begins some word of the text (the scanning twin of `ftsQuery`). */
export function matchesTokens(query: string[], text: string): boolean {
  if (query.length === 0) return true;
  const words = searchTokens(text);
  return query.every((q) => words.some((w) => w.startsWith(q)));
}

/** SQLite's lower() folds ASCII only; the scanning side folds the same way so entity filters agree. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Fact kinds that name an entity, for the entity filter. */
export const ENTITY_KINDS = ['person', 'place', 'organisation'] as const;

/** A row of the `stories` table as both stores select it for story lists. */
export interface StoryRow {
  id: string;
  n_articles: number;
  n_outlets: number;
  first_seen: string | null;
  last_seen: string | null;
  title: string | null;
  /** The earliest and latest member dates that carry a time (SEEN_COLUMNS); null where no member has one. */
  ts_first?: string | null;
  ts_last?: string | null;
}

/** A story whose first and last seen both have a time needs no look at its members (their scan is linear in them). */
const BOTH_TIMED = "first_seen LIKE '%T%' AND last_seen LIKE '%T%'";

/**
 * The story list's extra columns: the earliest and latest member dates with a time of day. A story's first and last
 * seen are kept as the least and greatest date strings of its members, which mixes a plain date ('2024-03-01') and
 * an ISO timestamp ('2024-03-01T10:00:00.000Z') in one list; `seenDates` derives one form from these at read time,
 * so the stored rows and the schema stay as they are. Both stores' SQL accepts the text as written. Dates are
 * stored normalised (extract/dates.ts): a timestamp is ISO with a 'T', a plain date has none.
 */
export const SEEN_COLUMNS = `CASE WHEN ${BOTH_TIMED} THEN first_seen ELSE
    (SELECT min(published_at) FROM articles WHERE story_id = stories.id AND published_at LIKE '%T%') END AS ts_first,
  CASE WHEN ${BOTH_TIMED} THEN last_seen ELSE
    (SELECT max(published_at) FROM articles WHERE story_id = stories.id AND published_at LIKE '%T%') END AS ts_last`;

const hasTime = (d: string) => d.includes('T');

/** A plain date ('2024-03-01', or '2024-03' for a month) as the ISO timestamp of its first moment, UTC. */
function dayStart(d: string): string {
  const [y, m = '01', day = '01'] = d.split('-');
  return `${y}-${m}-${day}T00:00:00.000Z`;
}

/**
 * A story's first and last seen in one form: full ISO timestamps where any member has a time of day, plain dates
 * where none has. A plain first (last) date on the day of the earliest (latest) timestamp gives that timestamp, the
 * more precise of the two; a plain date on another day gives that day's first moment, UTC.
 */
export function seenDates(
  first: string | null | undefined,
  last: string | null | undefined,
  tsFirst: string | null | undefined,
  tsLast: string | null | undefined,
): { firstSeen?: string; lastSeen?: string } {
  const f = first ?? undefined;
  const l = last ?? undefined;
  if (!tsFirst || !tsLast) return { firstSeen: f, lastSeen: l };
  const firstSeen = f === undefined || hasTime(f) ? f : tsFirst.startsWith(f) ? tsFirst : dayStart(f);
  const lastSeen = l === undefined || hasTime(l) ? l : tsLast.startsWith(l) ? tsLast : dayStart(l);
  return { firstSeen, lastSeen };
}

/** The story list entry of a `stories` row. */
export function storySummary(r: StoryRow): StorySummary {
  const orUndef = (v: string | null): string | undefined => (v === null ? undefined : v);
  return {
    id: r.id,
    articles: r.n_articles,
    outlets: r.n_outlets,
    ...seenDates(r.first_seen, r.last_seen, r.ts_first, r.ts_last),
    title: orUndef(r.title),
  };
}
