import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import type { RawDoc } from '../model/index.js';
import { SqliteStore } from '../store/sqlite.js';
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

describe('serve over a store another process writes to', () => {
  it('answers with what the other process added, not a cached story', async () => {
    const db = join(dir, 'shared.db');
    const served = new SqliteStore(db);
    const writer = new SqliteStore(db);
    try {
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
    } finally {
      await served.close();
      await writer.close();
    }
  });
});
