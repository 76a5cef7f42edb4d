import { ENTITY_KINDS, ftsQuery, searchTokens, SEEN_COLUMNS } from '../search.js';
import type { StoryFilter } from '../types.js';

/**
 * Story search on SQLite: the query words through the FTS5 index (every word a prefix, search.ts ftsQuery), the
 * other filters in SQL on the matching articles; the stories in the story list's order. The rules are those the scan
 * of `server/search.ts` applies, and PostgreSQL's (postgres/search.ts).
 */
export function findStoriesSql(f: StoryFilter): { sql: string; args: Array<string | number> } {
  const where: string[] = [];
  const args: Array<string | number> = [];
  const tokens = f.text ? searchTokens(f.text) : [];
  if (tokens.length) {
    where.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
    args.push(ftsQuery(tokens));
  }
  if (f.outlet) {
    where.push('lower(a.outlet) = lower(?)');
    args.push(f.outlet);
  }
  if (f.from) {
    where.push('substr(a.published_at, 1, 10) >= ?');
    args.push(f.from);
  }
  if (f.to) {
    where.push('substr(a.published_at, 1, 10) <= ?');
    args.push(f.to);
  }
  if (f.entity) {
    where.push(`EXISTS (SELECT 1 FROM json_each(a.facts) x
      WHERE json_extract(x.value, '$.kind') IN (${ENTITY_KINDS.map((k) => `'${k}'`).join(',')})
      AND instr(lower(json_extract(x.value, '$.value.canonical')), lower(?)) > 0)`);
    args.push(f.entity);
  }
  if (f.language) {
    where.push(`json_extract(a.cues, '$.l') = ?`);
    args.push(f.language);
  }
  // Words alone: the matched articles' stories come from the (seq, story_id) index, not from their long rows.
  const covered = tokens.length > 0 && !f.outlet && !f.from && !f.to && !f.entity && !f.language;
  return {
    sql: `SELECT id, n_articles, n_outlets, first_seen, last_seen, title, ${SEEN_COLUMNS} FROM stories
      WHERE id IN (SELECT a.story_id FROM articles a${covered ? ' INDEXED BY articles_seq_story' : ''}${where.length ? ` WHERE ${where.join(' AND ')}` : ''})
      ORDER BY n_articles DESC, first_seen, id LIMIT ? OFFSET ?`,
    args: [...args, f.limit ?? -1, f.offset ?? 0],
  };
}
