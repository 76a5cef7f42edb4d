/** What an ingest reader yields: one record as received, before any extraction. */
export interface RawDoc {
  /** Where the record came from: a file path, `path#L12` for a line of a JSON-lines file, `stdin`, or a URL. */
  source: string;
  /** What `content` holds. */
  format: 'text' | 'html';
  /** The record's text or HTML exactly as received (kept, so everything can be re-processed after an upgrade). */
  content: string;
  /** Metadata that came beside the content (JSON-lines fields, feed fields). Text-file headers are parsed later. */
  meta: RawMeta;
}

export interface RawMeta {
  /** The record's own id, where the input gives one. */
  id?: string;
  url?: string;
  outlet?: string;
  title?: string;
  /** Publication time as given (any common date form); normalised to ISO by the extract stage. */
  published?: string;
  byline?: string;
  /** The record is a feed item's summary, not the article's full text. */
  summaryOnly?: boolean;
  /** When the page was captured (a WARC record's date): a last resort for the publication date. */
  fetched?: string;
  /** Watch mode: this record is version `version` (2, 3, …) of an article edited in place. */
  version?: number;
  /** Watch mode: the id of the stored article this version replaces. */
  previousVersion?: string;
}

/** A record that could not be used, with what to tell the user. Errors are values: the run goes on. */
export interface RecordError {
  source: string;
  reason: string;
}

export type IngestItem = { ok: true; doc: RawDoc } | { ok: false; error: RecordError };
