import type { RawDoc } from './raw.js';

/** The extract stage's output: plain text plus metadata, from text, HTML or feed records. */
export interface Extracted {
  raw: RawDoc;
  /** Plain text of the article: paragraphs separated by a blank line ("\n\n"). Every later span is traceable to it. */
  text: string;
  title?: string;
  url?: string;
  outlet?: string;
  /** ISO 8601: a full timestamp, or a date `YYYY-MM-DD` when only the day is known. */
  publishedAt?: string;
  byline?: string;
  /**
   * Texts the page itself marks as photo captions or credits (HTML figcaption and the like). They may still appear in
   * `text`; the clean stage removes them there with their reason.
   */
  captions?: string[];
  /** Only part of the article is here: a paywall teaser, or a feed item's summary (`raw.meta.summaryOnly`). */
  partial?: boolean;
}
