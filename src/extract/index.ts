import type { Extracted, RawDoc, RecordError } from '../model/index.js';
import { normaliseDate, outletOfUrl } from './dates.js';
import { extractHtml } from './html.js';
import { splitText } from './text.js';

/**
 * The extract stage: a raw record to plain article text plus metadata. Metadata given beside the record (JSON-lines
 * fields, feed fields) wins over what the content itself says; the outlet falls back to the URL's host.
 */
export function extract(raw: RawDoc): { ok: true; value: Extracted } | { ok: false; error: RecordError } {
  const m = raw.meta;
  // A date the record itself gives (a JSON field, a feed's, a text file's `date` line) that is not one is the record's
  // error, said with the value: dropped silently, the article would be filed under the wrong time.
  const badDate = (field: string, value: string | undefined) =>
    value?.trim() && !normaliseDate(value)
      ? {
          ok: false as const,
          error: {
            source: raw.source,
            reason: `${field} ${JSON.stringify(value.trim())} is not a date (write YYYY-MM-DD or an ISO time, or leave it out)`,
          },
        }
      : undefined;
  const bad = badDate('published', m.published);
  if (bad) return bad;
  if (raw.format === 'html') {
    let h: ReturnType<typeof extractHtml>;
    try {
      h = extractHtml(raw.content, m.url);
    } catch (e) {
      // The parsers are third-party code on hostile input: a failure is this record's error, not the run's.
      return {
        ok: false,
        error: { source: raw.source, reason: `the HTML page could not be parsed (${(e as Error).message})` },
      };
    }
    if (!h.text.trim())
      return { ok: false, error: { source: raw.source, reason: 'no article text found in the HTML page' } };
    const url = m.url ?? h.url;
    return {
      ok: true,
      value: {
        raw,
        text: h.text,
        title: m.title ?? h.title,
        url,
        outlet: m.outlet ?? h.outlet ?? outletOfUrl(url),
        publishedAt: normaliseDate(m.published) ?? normaliseDate(h.published) ?? normaliseDate(m.fetched),
        byline: m.byline ?? h.byline,
        captions: h.captions.length ? h.captions : undefined,
        ...(h.teaser || m.summaryOnly ? { partial: true } : {}),
      },
    };
  }
  const t = splitText(raw);
  const badHeader = badDate('date line', t.headers.date);
  if (badHeader) return badHeader;
  const text = raw.content.slice(t.start).replace(/\s+$/, '');
  if (!text.trim())
    return { ok: false, error: { source: raw.source, reason: 'no article text after the header lines' } };
  const url = m.url ?? t.headers.url;
  return {
    ok: true,
    value: {
      raw,
      text,
      title: m.title ?? t.title,
      url,
      outlet: m.outlet ?? t.headers.outlet ?? outletOfUrl(url),
      publishedAt: normaliseDate(m.published) ?? normaliseDate(t.headers.date),
      byline: m.byline ?? t.headers.byline,
      ...(m.summaryOnly ? { partial: true } : {}),
    },
  };
}
