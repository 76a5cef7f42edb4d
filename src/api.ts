/**
 * The programmatic entry point: the same engine the command line runs, for scripts and evaluations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from './engine/engine.js';
import { storiesOf } from './engine/queries.js';
import { reportOf } from './report/json.js';
import type { IngestItem, RawDoc } from './model/index.js';
import type { ReportJson } from './report/json.js';
import { openStore } from './store/open.js';

export { Engine } from './engine/engine.js';
export { loadStory, diffArticles, storiesOf } from './engine/queries.js';
export { reportOf } from './report/json.js';
export { openStore, resolveDb } from './store/open.js';
export type { ReportJson, StoryJson, ArticleJson, RelationJson } from './report/json.js';
export type * from './model/index.js';

export interface AnalyzeOptions {
  /** SQLite file (or store URL) to use; default a temporary store removed afterwards. */
  db?: string;
}

/** Adds the records and returns the stories that hold them, in the public JSON contract. */
export async function analyzeDocs(
  docs: Iterable<RawDoc | IngestItem> | AsyncIterable<RawDoc | IngestItem>,
  opts: AnalyzeOptions = {},
): Promise<ReportJson> {
  const tmp = opts.db ? undefined : mkdtempSync(join(tmpdir(), 'newstrace-'));
  const store = await openStore(opts.db ?? join(tmp as string, 'store.db'));
  try {
    const engine = new Engine(store);
    const result = await engine.add(docs);
    const stories = await storiesOf(store, [...result.addedIds, ...result.skippedIds]);
    return reportOf(stories, result.errorList);
  } finally {
    await store.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
