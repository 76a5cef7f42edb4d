import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import type { RawDoc } from '../model/index.js';
import { PostgresStore } from '../store/postgres.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';

const dir = mkdtempSync(join(tmpdir(), 'nt-stale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = readFileSync('test/fixtures/worker/reprints.jsonl', 'utf8')
  .trim()
  .split('\n')
  .concat(readFileSync('test/fixtures/stories/copy-trimmed/articles.jsonl', 'utf8').trim().split('\n'))
  .map((l, i): RawDoc => {
    const r = JSON.parse(l) as { url: string; outlet: string; published: string; text: string; title: string };
    return {
      source: `r${i}`,
      format: 'text',
      content: r.text,
      meta: { url: r.url, outlet: r.outlet, published: r.published, title: r.title },
    };
  });

/** The server's store and another process's, on the same data; the server's store first. */
async function servedStory(served: Store, writer: Store): Promise<void> {
  await new Engine(writer).add(records.slice(0, 2));
  const app = createApp({ store: served });
  const { stories } = (await (await app.request('/api/stories')).json()) as { stories: Array<{ id: string }> };
  expect(stories).toHaveLength(1);
  const story = async () =>
    (await (await app.request(`/api/stories/${stories[0].id}`)).json()) as { articles: unknown[] };
  expect((await story()).articles).toHaveLength(2);
  // `newstrace add` in another process: the same story grows to four.
  await new Engine(writer).add(records.slice(2));
  expect((await story()).articles).toHaveLength(4);
}

describe('serve over a store another process writes to', () => {
  it('answers with what the other process added, not a cached story', async () => {
    const db = join(dir, 'shared.db');
    const served = new SqliteStore(db);
    const writer = new SqliteStore(db);
    try {
      await servedStory(served, writer);
    } finally {
      await served.close();
      await writer.close();
    }
  });
});

/** The same on PostgreSQL: $NEWSTRACE_TEST_PG, else the local server (as src/store/postgres.test.ts). */
const PG_URL = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
async function pgMissing(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
}
const noPg = await pgMissing();
if (noPg) console.warn(`PostgreSQL stale-cache test skipped: no server at ${PG_URL} (${noPg}); set NEWSTRACE_TEST_PG`);

describe.skipIf(!!noPg)('serve over a PostgreSQL store another process writes to', () => {
  it('answers with what the other process added, not a cached story', async () => {
    const schema = `t_stale_${process.pid}_${Date.now().toString(36)}`;
    const served = await PostgresStore.open(PG_URL, { schema, migrate: true });
    const writer = await PostgresStore.open(PG_URL, { schema });
    try {
      await servedStory(served, writer);
    } finally {
      await writer.close();
      await served.dropSchema();
      await served.close();
    }
  });
});
