import { Engine } from '../engine/engine.js';
import { storiesOf } from '../engine/queries.js';
import { fromBytes } from '../ingest/index.js';
import { jsonRecord } from '../ingest/records.js';
import type { IngestItem } from '../model/index.js';
import type { Store } from '../store/types.js';

export interface IngestResult {
  added: number;
  skipped: number;
  read: number;
  articles: string[];
  stories: string[];
  errors: Array<{ source: string; reason: string }>;
}

/** JSON records (already validated) as ingest items; each one's source names the request and its index. */
export function jsonItems(value: unknown, source: string): IngestItem[] {
  return Array.isArray(value) ? value.map((v, i) => jsonRecord(v, `${source}#${i}`)) : [jsonRecord(value, source)];
}

/** JSON lines: one record a line; a bad line is an error item, the others go on. */
export function jsonLineItems(text: string, source: string): IngestItem[] {
  return [...fromBytes(new TextEncoder().encode(text), source, 'jsonl')];
}

/** One HTML page with the URL it came from (and what else the caller knows of it). */
export function htmlItems(
  bytes: Uint8Array,
  meta: { url: string; outlet?: string; title?: string; published?: string },
): IngestItem[] {
  return [...fromBytes(bytes, meta.url, 'html')].map((it) =>
    it.ok ? { ok: true, doc: { ...it.doc, meta: { ...it.doc.meta, ...meta } } } : it,
  );
}

/**
 * Runs ingest items through the engine. Writes are serialised: the engine's batches are store transactions, and two
 * requests interleaving them on one connection would nest one inside the other.
 */
export const INGEST_DEFAULTS = {
  /**
   * Characters of content from which a request's records are prepared on a worker thread: about 0.1 s of work on the
   * main thread (the stages run at a few MB/s), which is as long as the other requests should wait; below it,
   * starting a thread costs more than it saves.
   */
  threadFromChars: 256 * 1024,
};

export class Ingestor {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    /** Called after every run that may have changed the store. */
    private readonly onChange: () => void = () => {},
  ) {}

  /** Runs `fn`, which only reads the store, between two runs: never inside one's transaction. */
  read<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  run(items: IngestItem[]): Promise<IngestResult> {
    const next = this.queue.then(async () => {
      // A large request is prepared on a thread (extract, clean, analyze, fingerprint: seconds for megabytes), so that
      // the event loop goes on answering the other requests meanwhile; a small one is not worth a thread's start.
      const bytes = items.reduce((n, it) => n + (it.ok ? it.doc.content.length : 0), 0);
      const threads = bytes >= INGEST_DEFAULTS.threadFromChars ? 1 : 0;
      const r = await new Engine(this.store, { threads }).add(items).finally(this.onChange);
      const stories = await storiesOf(this.store, [...r.addedIds, ...r.skippedIds]);
      return {
        added: r.added,
        skipped: r.skipped,
        read: r.read,
        articles: [...r.addedIds, ...r.skippedIds],
        stories: stories.map((s) => s.story.id),
        errors: r.errorList.map((e) => ({ source: e.source, reason: e.reason })),
      };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
