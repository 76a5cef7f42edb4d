import type { Span } from './span.js';

/**
 * When the event an article reports happened, as far as its publication date and its own words tell. Days are whole
 * days since 1970-01-01 (UTC). An interval, not a point: a report is published on or soon after its event, and a text
 * without a date only bounds its event from below by the latest past date it names.
 */
export interface EventTime {
  /** Earliest day the event can be (inclusive); undefined when nothing bounds it. */
  lo?: number;
  /** Latest day the event can be (inclusive); undefined when nothing bounds it (an undated text). */
  hi?: number;
  /** The most likely day: the publication day, else the latest past date the text names. */
  day?: number;
  /**
   * The latest day the text itself names, to the day, as past (within the report lag of a publication date): a report
   * of what happened that day or after it. Undefined when the text names no such day.
   */
  named?: number;
  /** What the interval rests on. */
  basis: 'published' | 'text' | 'none';
  /** 0..1: how far the interval can be trusted (a publication date more than a date found in the text). */
  confidence: number;
  /** Years the text names (sorted, distinct): the era of a text when nothing else dates it. */
  years: number[];
  /** Body spans of the dates and cues the interval rests on. */
  evidence: Span[];
  /**
   * The page's publication date is contradicted by the text: it names as past a day after it. The text's date is
   * taken instead; `published` keeps what the page said, `span` what contradicts it.
   */
  contradicted?: { published: string; span: Span };
}
