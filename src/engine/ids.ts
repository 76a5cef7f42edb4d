import { createHash } from 'node:crypto';
import type { Extracted } from '../model/index.js';

/**
 * The ids of articles and stories: derived from what a record is, so that the same input gives the same ids on every
 * run, every entry point and every machine (the workers, `reprocess`).
 */

/**
 * Stable article id: the same input gives the same id on every run, so re-adding adds nothing twice. Outlet + URL
 * when there is a URL; else outlet + the record's own id; else outlet + the clean text. A record that is version 2, 3,
 * … of an article edited in place (versions.ts) has that version's id, so that re-running the stages keeps every
 * version.
 */
export function articleId(x: Extracted, body: string): string {
  const base = baseArticleId(x, body);
  const v = x.raw.meta.version;
  return v && v > 1 && (x.url || x.raw.meta.id) ? versionId(base, v) : base;
}

/** The id of the first version of an article: what its URL, record id or text alone make. */
export function baseArticleId(x: Extracted, body: string): string {
  const key = x.url
    ? `url\n${x.outlet ?? ''}\n${x.url}`
    : x.raw.meta.id
      ? `id\n${x.outlet ?? ''}\n${x.raw.meta.id}`
      : `text\n${x.outlet ?? ''}\n${body.replace(/\s+/g, ' ').trim()}`;
  return 'a' + createHash('sha256').update(key).digest('hex').slice(0, 15);
}

/** Id of version `v` (2, 3, …) of the article whose first version has id `base`. */
export function versionId(base: string, v: number): string {
  return 'a' + createHash('sha256').update(`version\n${base}\n${v}`).digest('hex').slice(0, 15);
}

/**
 * The id of a story an article founds: its own, with the story's prefix (`s` and the article id's first 12 hex
 * digits).
 */
export function storyIdOf(articleId: string): string {
  return 's' + articleId.slice(1, 13);
}
