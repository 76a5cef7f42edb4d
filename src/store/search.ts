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
}

/** The story list entry of a `stories` row. */
export function storySummary(r: StoryRow): StorySummary {
  const orUndef = (v: string | null): string | undefined => (v === null ? undefined : v);
  return {
    id: r.id,
    articles: r.n_articles,
    outlets: r.n_outlets,
    firstSeen: orUndef(r.first_seen),
    lastSeen: orUndef(r.last_seen),
    title: orUndef(r.title),
  };
}
