import type { Extracted, RawDoc, RecordError, Span } from '../model/index.js';
import { dateOfUrl, normaliseDate, outletOfUrl } from './dates.js';
import { extractHtml } from './html.js';
import { FURNITURE_REASON, type HeadKind, readPageHead, recaseFromText } from './page.js';
import { splitText } from './text.js';

/**
 * The extract stage: a raw record to plain article text plus metadata. Metadata given beside the record (JSON-lines
 * fields, feed fields) wins over what the content itself says; the outlet falls back to the URL's host.
 */
export function extract(raw: RawDoc): { ok: true; value: Extracted } | { ok: false; error: RecordError } {
  const m = raw.meta;
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
        ...((m.title ?? h.title) ? { titleFrom: 'metadata' as const } : {}),
        url,
        outlet: m.outlet ?? h.outlet ?? outletOfUrl(url),
        publishedAt:
          normaliseDate(m.published) ?? normaliseDate(h.published) ?? dateOfUrl(url) ?? normaliseDate(m.fetched),
        byline: m.byline ?? h.byline,
        captions: h.captions.length ? h.captions : undefined,
        ...(h.teaser || m.summaryOnly ? { partial: true } : {}),
      },
    };
  }
  const t = splitText(raw);
  const url = m.url ?? t.headers.url;
  let text = raw.content.slice(t.start).replace(/\s+$/, '');
  const head = readPageHead(text, url);
  let furniture = head.furniture.map((f) => ({
    span: f.span,
    reason: FURNITURE_REASON[f.kind as Exclude<HeadKind, 'title'>],
  }));
  if (head.titleSpan) furniture.push({ span: head.titleSpan, reason: 'repeated-title' });
  furniture.sort((a, b) => a.span[0] - b.span[0]);
  // A headline that opens the page alone in its paragraph is not part of the text (as a title header line is not).
  if (head.titleSpan && head.titleSpan[0] === 0 && /^[ \t]*\n\s*\n/.test(text.slice(head.titleSpan[1]))) {
    let cut = head.titleSpan[1];
    while (cut < text.length && /\s/.test(text[cut])) cut++;
    text = text.slice(cut);
    furniture = furniture
      .filter((f) => f.span[0] >= cut)
      .map((f) => ({ span: [f.span[0] - cut, f.span[1] - cut] as Span, reason: f.reason }));
  }
  if (!text.trim())
    return { ok: false, error: { source: raw.source, reason: 'no article text after the header lines' } };
  // A page that is nothing but what looks like furniture (one run-together line ending in a credit) is kept whole.
  let left = 0;
  let at = 0;
  for (const f of furniture) {
    left += text.slice(at, f.span[0]).trim().length;
    at = Math.max(at, f.span[1]);
  }
  if (left + text.slice(at).trim().length === 0) furniture = [];
  const given = m.title ?? t.headers.title;
  const publishedAt =
    normaliseDate(m.published) ?? normaliseDate(t.headers.date) ?? head.published ?? head.updated ?? dateOfUrl(url);
  return {
    ok: true,
    value: {
      raw,
      text,
      title: given ?? (head.titleFrom === 'url' && head.title ? recaseFromText(head.title, text) : head.title),
      titleFrom: given ? 'metadata' : head.titleFrom,
      url,
      outlet: m.outlet ?? t.headers.outlet ?? outletOfUrl(url),
      publishedAt,
      ...(head.updated ? { updatedAt: head.updated } : {}),
      byline: m.byline ?? t.headers.byline ?? head.byline,
      ...(furniture.length ? { furniture } : {}),
      ...(m.summaryOnly ? { partial: true } : {}),
    },
  };
}
