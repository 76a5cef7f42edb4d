import { ENTITY_KINDS, SEEN_COLUMNS, searchTokens } from '../search.js';
import type { StoryFilter } from '../types.js';

/**
 * Story search on PostgreSQL, by the rules `SqliteStore.findStories` applies with FTS5 and `server/search.ts` by
 * scanning: every query word begins a word of the article's title or clean text (case and accents ignored), and the
 * outlet, date, entity and language filters. The words go through a GIN index on `articles.words`, a `tsvector` of
 * the article's distinct search tokens (`searchLexemes`), built in code so that PostgreSQL's text-search parser and
 * dictionaries never see the text: the tokens are exactly the ones the scan and SQLite match against, and each query
 * word is a literal prefix lexeme (`'word':*`), so no input is parsed as query syntax.
 */

/**
 * Longest token kept in the index: PostgreSQL refuses lexemes of 2 KiB and more. A run of 500 letters and digits
 * with no space is no word a reader searches for (a hash, an encoded blob).
 */
export const MAX_LEXEME = 500;

/** The distinct search tokens of an article's title and clean text: what its `words` tsvector holds. */
export function searchLexemes(title: string | undefined, body: string): string[] {
  return [...new Set(searchTokens(`${title ?? ''}\n${body}`))].filter((t) => t.length <= MAX_LEXEME);
}

/** A `tsquery` whose every token is a prefix lexeme, ANDed; tokens are letters and digits only (searchTokens). */
export function prefixQuery(tokens: string[]): string {
  return tokens.map((t) => `'${t}':*`).join(' & ');
}

/** The SQL and parameters of a story search (stories of matching articles, in the story list's order). */
export function findStoriesSql(f: StoryFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  const tokens = f.text ? searchTokens(f.text) : [];
  if (tokens.length) where.push(`a.words @@ ${arg(prefixQuery(tokens))}::tsquery`);
  // lower() under the C collation folds ASCII letters only, as SQLite's lower() and the scan's asciiLower do.
  if (f.outlet) where.push(`lower(a.outlet COLLATE "C") = lower(${arg(f.outlet)} COLLATE "C")`);
  if (f.from) where.push(`substr(a.published_at, 1, 10) >= ${arg(f.from)}`);
  if (f.to) where.push(`substr(a.published_at, 1, 10) <= ${arg(f.to)}`);
  if (f.entity)
    where.push(`EXISTS (SELECT 1 FROM json_array_elements(a.facts::json) x
      WHERE x->>'kind' IN (${ENTITY_KINDS.map((k) => `'${k}'`).join(',')})
      AND strpos(lower((x->'value'->>'canonical') COLLATE "C"), lower(${arg(f.entity)} COLLATE "C")) > 0)`);
  if (f.language) where.push(`(a.cues::json)->>'l' = ${arg(f.language)}`);
  const limit = arg(f.limit ?? null);
  const offset = arg(f.offset ?? 0);
  return {
    sql: `SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
      WHERE id IN (SELECT a.story_id FROM articles a${where.length ? ` WHERE ${where.join(' AND ')}` : ''})
      ORDER BY n_articles DESC, first_seen ASC NULLS FIRST, id LIMIT ${limit} OFFSET ${offset}`,
    args,
  };
}
