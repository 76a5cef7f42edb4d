import type { IngestItem, RawDoc, RawMeta } from '../model/index.js';

/**
 * One JSON object as an article record: `{"id","url","outlet","title","published","text"|"html"}`. Common aliases
 * from news APIs are accepted (`body`/`content` for text, `date`/`publishedAt` for published, `source` or `site` for
 * the outlet, `author` for the byline).
 */
export function jsonRecord(value: unknown, source: string): IngestItem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: { source, reason: 'a JSON record must be an object with a "text" or "html" field' } };
  }
  const r = value as Record<string, unknown>;
  const str = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = r[k];
      if (typeof v === 'string' && v.trim()) return v;
      if (typeof v === 'number' && k === 'id') return String(v);
    }
    return undefined;
  };
  const html = str('html');
  const text = str('text', 'body', 'content');
  if (!html && !text) {
    return { ok: false, error: { source, reason: 'record has no "text" or "html" field with article content' } };
  }
  const outletField = r.outlet ?? r.site ?? r.source;
  const outlet =
    typeof outletField === 'string'
      ? outletField
      : outletField && typeof outletField === 'object' && typeof (outletField as { name?: unknown }).name === 'string'
        ? (outletField as { name: string }).name
        : undefined;
  const meta: RawMeta = {
    id: str('id', 'uuid', 'guid'),
    url: str('url', 'link', 'uri'),
    outlet,
    title: str('title', 'headline'),
    published: str('published', 'publishedAt', 'published_at', 'date', 'datePublished', 'pubDate'),
    byline: str('byline', 'author'),
  };
  const doc: RawDoc = html
    ? { source, format: 'html', content: html, meta }
    : { source, format: 'text', content: text!, meta };
  return { ok: true, doc };
}
