import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWatchState, scanOnce } from '../../src/cli/watch.js';
import { Engine } from '../../src/engine/engine.js';
import type { RawDoc } from '../../src/model/index.js';
import { createApp } from '../../src/server/app.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { enqueue, runWorker } from '../../src/worker/queue.js';

/**
 * An article edited in place (same URL, other text) is stored as a new version naming the one it replaces, whichever
 * entry point brings it (`add`, `watch`, `POST /api/articles`, the workers); the same text again adds nothing; and
 * `reprocess` keeps every version with its own text.
 */
const dir = mkdtempSync(join(tmpdir(), 'nt-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const URL = 'https://river.example/news/bridge-closed';
const V1 =
  'The Old Mill bridge was closed to traffic on Monday after an inspection found cracks in two of its supports, the city council said.\n\n' +
  'Buses will be diverted through the town centre while engineers decide whether the bridge can be repaired or must be replaced.';
const V2 =
  V1 +
  '\n\nRepairs are expected to take at least three months and cost about 2 million euros, the council said on Tuesday.';
const V3 = V2.replace('three months', 'four months');

const record = (text: string): RawDoc => ({
  source: 'test',
  format: 'text',
  content: text,
  meta: { url: URL, outlet: 'river.example', title: 'Bridge closed after inspection', published: '2024-07-01' },
});

/** The stored articles of the URL, oldest version first, with their version links. */
async function versions(store: Store) {
  const articles = await store.getArticles(await store.articleIds());
  return articles
    .filter((a) => a.url === URL)
    .sort((a, b) => a.seq - b.seq)
    .map((a) => ({ id: a.id, text: a.text.trim(), version: a.raw.meta.version, previous: a.raw.meta.previousVersion }));
}

function expectChain(vs: Awaited<ReturnType<typeof versions>>, texts: string[]): void {
  expect(vs.map((v) => v.text)).toEqual(texts);
  expect(new Set(vs.map((v) => v.id)).size).toBe(texts.length);
  vs.forEach((v, i) => {
    if (i === 0) expect(v.previous).toBeUndefined();
    else expect(v).toMatchObject({ version: i + 1, previous: vs[i - 1].id });
  });
}

describe('versions of an edited article', () => {
  it('add: an edit is the next version; a text seen before adds nothing', async () => {
    const store = new SqliteStore(join(dir, 'add.db'));
    const engine = new Engine(store);
    expect((await engine.add([record(V1)])).added).toBe(1);
    expect((await engine.add([record(V2)])).added).toBe(1);
    expect((await engine.add([record(V1), record(V2)])).skipped).toBe(2);
    // Two edits in one batch: each the next version of the one before.
    expect((await engine.add([record(V3)])).added).toBe(1);
    expectChain(await versions(store), [V1, V2, V3]);

    // reprocess: every stage again on the stored records keeps every version, under the same ids.
    const target = new SqliteStore(join(dir, 'add-reprocessed.db'));
    const r = await engine.reprocessInto(target);
    expect(r.added).toBe(3);
    expect(await versions(target)).toEqual(await versions(store));
    await store.close();
    await target.close();
  });

  it('POST /api/articles: an edit is the next version', async () => {
    const store = new SqliteStore(join(dir, 'post.db'));
    const app = createApp({ store, token: 'tok-123456' });
    const post = async (text: string) => {
      const res = await app.request('/api/articles', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-123456' },
        body: JSON.stringify({ url: URL, outlet: 'river.example', published: '2024-07-01', text }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { added: number; skipped: number };
    };
    expect(await post(V1)).toMatchObject({ added: 1 });
    expect(await post(V2)).toMatchObject({ added: 1 });
    expect(await post(V2)).toMatchObject({ added: 0, skipped: 1 });
    expectChain(await versions(store), [V1, V2]);
    await store.close();
  });

  it('watch: a file edited in place is the next version', async () => {
    const folder = join(dir, 'watched');
    mkdirSync(folder);
    const store = new SqliteStore(join(dir, 'watch.db'));
    const engine = new Engine(store);
    const state = newWatchState();
    const file = join(folder, 'bridge.txt');
    const save = (text: string, t: number) => {
      writeFileSync(file, `url: ${URL}\noutlet: river.example\n\n${text}\n`);
      utimesSync(file, t, t);
    };
    save(V1, 1_700_000_000);
    expect((await scanOnce(engine, folder, state, { settle: false })).map((e) => e.kind)).toEqual(['added']);
    save(V2, 1_700_000_100);
    const events = await scanOnce(engine, folder, state, { settle: false });
    expect(events).toMatchObject([{ kind: 'version', version: 2 }]);
    const vs = await versions(store);
    expect(vs.map((v) => v.text.trim())).toEqual([V1, V2]);
    expect(vs[1].previous).toBe(vs[0].id);
    await store.close();
  });

  describe('PostgreSQL workers', () => {
    const BASE = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `nt_versions_${process.pid}`;
    let reachable = false;
    beforeAll(async () => {
      const c = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 2000 });
      try {
        await c.connect();
        await c.end();
        reachable = true;
      } catch {
        console.warn(`worker versions test skipped: no PostgreSQL server at ${BASE} (set NEWSTRACE_TEST_PG)`);
      }
    });
    afterAll(async () => {
      if (!reachable) return;
      const c = new pg.Client({ connectionString: BASE });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    });

    it('workers: an edit queued after its first version is the next version', async (ctx) => {
      if (!reachable) return ctx.skip();
      const store = await PostgresStore.open(`${BASE}?schema=${schema}`, { migrate: true });
      try {
        await enqueue(store, [record(V1)], 16);
        await enqueue(store, [record(V2), record(V1)], 16);
        await runWorker(store, { idleExit: true });
        expectChain(await versions(store), [V1, V2]);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
});
