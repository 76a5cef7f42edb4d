import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { safePrepare, type Engine } from '../engine/engine.js';
import type { Prepared } from '../engine/prepare.js';
import { versionId } from '../engine/ids.js';

export { versionId };
import { readFile } from '../ingest/index.js';
import type { RecordError } from '../model/index.js';

/**
 * `newstrace watch <folder>`: polls a folder and adds new and changed files as they appear, story by story, through
 * the same engine as `add`. Polling, not `fs.watch`: change events are lost or doubled on network and container file
 * systems and by editors that save through a temporary file, while a stat walk sees the same state everywhere.
 *
 * An article edited in place (same URL, or same record id, or the same file with new text) becomes a new version:
 * stored under its own id, its raw record naming the version it replaces (`meta.previousVersion`), so the two can be
 * compared like any pair (`newstrace diff OLD NEW`). The rule for the same URL or id is the engine's, for every entry
 * point (engine/versions.ts); the same file without either is this watcher's.
 */

/** Time between two scans of the folder: a second feels live and costs one stat per file. */
export const POLL_INTERVAL_MS = 1000;

export type WatchEvent =
  | { kind: 'added'; id: string; source: string }
  | { kind: 'version'; id: string; previous: string; version: number; source: string }
  | { kind: 'error'; error: RecordError };

interface FileState {
  size: number;
  mtimeMs: number;
  /** Whether this state has been ingested. */
  done: boolean;
}

/** What a watcher remembers between scans: file states, and the latest article id read from each source. */
export interface WatchState {
  files: Map<string, FileState>;
  latestBySource: Map<string, string>;
}

export function newWatchState(): WatchState {
  return { files: new Map(), latestBySource: new Map() };
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // A folder removed between two scans is not an error.
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/**
 * One scan: files new or changed since the last scan are read once their size and time have held still for one
 * interval (`settle`), so a file still being written is not read half-way. With `settle: false` every change is read
 * at once (a single `--once` pass).
 */
export async function scanOnce(
  engine: Engine,
  folder: string,
  state: WatchState,
  opts: { settle?: boolean } = {},
): Promise<WatchEvent[]> {
  const settle = opts.settle ?? true;
  const paths: string[] = [];
  await walk(folder, paths);
  const events: WatchEvent[] = [];
  for (const path of paths) {
    let st;
    try {
      st = await stat(path);
    } catch {
      continue;
    }
    const prev = state.files.get(path);
    const same = prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs;
    if (same && prev.done) continue;
    if (!same && settle) {
      state.files.set(path, { size: st.size, mtimeMs: st.mtimeMs, done: false });
      continue;
    }
    state.files.set(path, { size: st.size, mtimeMs: st.mtimeMs, done: true });
    events.push(...(await ingestFile(engine, path, st.size, state)));
  }
  return events;
}

async function ingestFile(engine: Engine, path: string, size: number, state: WatchState): Promise<WatchEvent[]> {
  const store = engine.store;
  const events: WatchEvent[] = [];
  const prepared: Prepared[] = [];
  const errors: RecordError[] = [];
  for await (const item of readFile(path, size)) {
    if (!item.ok) {
      errors.push(item.error);
      continue;
    }
    const first = safePrepare(item.doc);
    if (!first.ok) {
      errors.push(first.error);
      continue;
    }
    let p = first.value;
    const source = item.doc.source;
    // An article with the same URL or record id as a stored one is versioned where every entry point's are
    // (engine/versions.ts). What only a watcher can tell: a text file without URL or id whose text changed has a new
    // text-made id, but is a new version of the article last read from that file.
    const before = state.latestBySource.get(source);
    if (before && before !== p.id && !p.extracted.url && !p.raw.meta.id && !(await store.hasArticle(p.id))) {
      const old = await store.getArticle(before);
      const version = (old?.raw.meta.version ?? 1) + 1;
      const again = safePrepare({ ...item.doc, meta: { ...item.doc.meta, version, previousVersion: before } });
      if (!again.ok) {
        errors.push(again.error);
        continue;
      }
      p = again.value;
    }
    prepared.push(p);
  }
  if (prepared.length + errors.length > 0) {
    const done = await engine.commitBatch(prepared, errors);
    for (const id of done.added) {
      const a = await store.getArticle(id);
      if (!a) continue;
      const source = a.raw.source;
      state.latestBySource.set(source, id);
      const m = a.raw.meta;
      if (m.previousVersion) {
        events.push({ kind: 'version', id, previous: m.previousVersion, version: m.version ?? 2, source });
      } else events.push({ kind: 'added', id, source });
    }
    // Unchanged articles: the latest version of each is what the file holds.
    for (const id of done.skipped) {
      const a = await store.getArticle(id);
      if (a) state.latestBySource.set(a.raw.source, await latestVersion(store, id));
    }
  }
  for (const e of errors) events.push({ kind: 'error', error: e });
  return events;
}

/** The id of the latest stored version of the article whose first version is `id`. */
async function latestVersion(store: Engine['store'], id: string): Promise<string> {
  let latest = id;
  for (let v = 2; await store.hasArticle(versionId(id, v)); v++) latest = versionId(id, v);
  return latest;
}

/** Scans `folder` every `intervalMs` until `signal` aborts; each scan's events go to `onEvents`. */
export async function watchFolder(
  engine: Engine,
  folder: string,
  opts: { intervalMs?: number; signal?: AbortSignal; onEvents: (events: WatchEvent[]) => void },
): Promise<void> {
  const state = newWatchState();
  // Files present at start are read in the first scan without waiting to settle: they are not being written.
  opts.onEvents(await scanOnce(engine, folder, state, { settle: false }));
  while (!opts.signal?.aborted) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.intervalMs ?? POLL_INTERVAL_MS);
      opts.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
    if (opts.signal?.aborted) break;
    opts.onEvents(await scanOnce(engine, folder, state));
  }
}

/** One line per event, as `newstrace watch` prints them. */
export async function describeEvent(engine: Engine, e: WatchEvent): Promise<string> {
  if (e.kind === 'error') return `rejected ${e.error.source}: ${e.error.reason}`;
  const story = (await engine.store.getArticle(e.id))?.storyId ?? '?';
  if (e.kind === 'added') return `added ${e.id} to story ${story}  ${e.source}`;
  return `version ${e.version} ${e.id} of ${e.previous} in story ${story}  ${e.source}  (newstrace diff ${e.previous} ${e.id})`;
}

/** The `watch` command: until interrupted (Ctrl-C, SIGTERM), or one pass with `once`. */
export async function runWatch(
  engine: Engine,
  folder: string,
  opts: { intervalMs?: number; once?: boolean; out: (line: string) => void; json?: boolean },
): Promise<{ added: number; versions: number; errors: number }> {
  const totals = { added: 0, versions: 0, errors: 0 };
  const report = async (events: WatchEvent[]) => {
    for (const e of events) {
      if (e.kind === 'added') totals.added++;
      else if (e.kind === 'version') totals.versions++;
      else totals.errors++;
      // --json: one JSON object a line (the event, with the story of an article), for tools that follow the output.
      if (opts.json) {
        const storyId = e.kind === 'error' ? undefined : (await engine.store.getArticle(e.id))?.storyId;
        opts.out(JSON.stringify(e.kind === 'error' ? e : { ...e, storyId }));
      } else opts.out(await describeEvent(engine, e));
    }
  };
  if (opts.once) {
    await report(await scanOnce(engine, folder, newWatchState(), { settle: false }));
    return totals;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Events are reported in scan order; a scan's reports finish before the next scan starts.
  let chain = Promise.resolve();
  try {
    await watchFolder(engine, folder, {
      intervalMs: opts.intervalMs,
      signal: stop.signal,
      onEvents: (events) => {
        chain = chain.then(() => report(events));
      },
    });
    await chain;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return totals;
}
