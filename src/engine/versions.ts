import type { Store } from '../store/types.js';
import { baseArticleId, versionId } from './ids.js';
import type { Prepared } from './prepare.js';

/**
 * Versions of an article edited in place. Every entry point (`add`, `watch`, `POST /api/articles`, the workers, and
 * `reprocess` re-reading the stored records) commits through `Engine.commitBatch`, which asks `asNewVersion` about each
 * prepared article before storing it:
 * - an id not stored yet is a new article (or a version whose record already says so, as on `reprocess`);
 * - an id stored with the same text in any of its versions is skipped: nothing changed;
 * - an id stored with other text is an edit: it is stored as the next version under its own id (versionId), its raw
 *   record naming the version it replaces (`meta.version`, `meta.previousVersion`), so that the two can be compared
 *   like any pair and a re-run of the stages on the stored records gives the same ids (prepare.ts articleId).
 */

/**
 * What to store for `p`: `p` itself when its id is new, `p` as the next version of the stored article when its text
 * differs from every stored version, undefined when one of them has its text already.
 */
export async function asNewVersion(store: Store, p: Prepared): Promise<Prepared | undefined> {
  if (!(await store.hasArticle(p.id))) return p;
  // The stored versions of this identity: the first (the id of its URL or record id), then its versions 2, 3, … while
  // stored.
  const first = baseArticleId(p.extracted, p.cleaned.body);
  const ids = [first];
  for (let v = 2; await store.hasArticle(versionId(first, v)); v++) ids.push(versionId(first, v));
  for (const stored of await store.getArticles(ids)) {
    if (stored.raw.content === p.raw.content) return undefined;
  }
  const version = ids.length + 1;
  const previous = ids[ids.length - 1];
  const raw = { ...p.raw, meta: { ...p.raw.meta, version, previousVersion: previous } };
  return { ...p, id: versionId(first, version), raw, extracted: { ...p.extracted, raw } };
}
