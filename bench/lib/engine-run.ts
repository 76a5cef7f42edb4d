import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/engine/engine.js';
import type { RawDoc } from '../../src/model/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { StoredArticle } from '../../src/store/types.js';

/**
 * The engine on these records in a fresh SQLite store of its own, as a user's first `add` would run them; `read`
 * reads what it needs (the stored articles are given) before the store is closed and removed.
 */
export async function engineRun<T>(
  raws: RawDoc[],
  options: EngineOptions,
  read: (store: SqliteStore, articles: StoredArticle[]) => Promise<T>,
): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'nt-run-'));
  const store = new SqliteStore(join(tmp, 'run.db'));
  try {
    const result = await new Engine(store, options).add(raws);
    return await read(store, await store.getArticles([...result.addedIds]));
  } finally {
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
