import type { NoiseReason } from './clean.js';
import type { RawDoc } from './raw.js';
import type { Span } from './span.js';

/** The extract stage's output: plain text plus metadata, from text, HTML or feed records. */
export interface Extracted {
  raw: RawDoc;
  /** Plain text of the article: paragraphs separated by a blank line ("\n\n"). Every later span is traceable to it. */
  text: string;
  title?: string;
  /**
   * Where the title comes from: `metadata` (a header line, a record field, the HTML page's metadata), `page` (the
   * headline line of a plain-text page), `url` (the words of the URL's slug: no headline was found in the text).
   */
  titleFrom?: 'metadata' | 'page' | 'url';
  url?: string;
  outlet?: string;
  /** ISO 8601: a full timestamp, or a date `YYYY-MM-DD` when only the day is known. */
  publishedAt?: string;
  /** When the page says it was updated, as ISO 8601; kept apart from `publishedAt`. */
  updatedAt?: string;
  byline?: string;
  /**
   * Page furniture the extract stage recognised at the head of a plain-text page (breadcrumbs, time stamps, bylines,
   * credits, counters, the headline line), as spans of `text` in text order; the clean stage removes them with the
   * reason given.
   */
  furniture?: Array<{ span: Span; reason: NoiseReason }>;
  /**
   * Texts the page itself marks as photo captions or credits (HTML figcaption and the like). They may still appear in
   * `text`; the clean stage removes them there with their reason.
   */
  captions?: string[];
  /** Only part of the article is here: a paywall teaser, or a feed item's summary (`raw.meta.summaryOnly`). */
  partial?: boolean;
}
