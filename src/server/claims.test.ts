import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { readInputs } from '../ingest/index.js';
import type { ClaimsJson } from '../report/claims.js';
import { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';

/** GET /api/stories/{id}/claims on the seeds' story (examples/raqqa, the seed texts). */

const dir = mkdtempSync(join(tmpdir(), 'nt-claims-'));
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'claims.db'));
  await new Engine(store).add(readInputs(['examples/raqqa']));
  const web = join(dir, 'web');
  mkdirSync(web, { recursive: true });
  app = createApp({ store, webRoot: web });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/stories/{id}/claims', () => {
  it('shows 240 (U.S. official sources) and 774 (NGOs) as two claims about one count, disputed between sources', async () => {
    const list = (await (await app.request('/api/stories')).json()) as { stories: Array<{ id: string }> };
    const id = list.stories[0].id;
    const res = await app.request(`/api/stories/${id}/claims`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { story: string; claims: ClaimsJson };
    expect(body.story).toBe(id);
    const casualties = body.claims.find((r) => r.claims.some((c) => c.value === 240))!;
    expect(casualties.kind).toBe('figure');
    expect(casualties.subject).toBe('casualties');
    const pairs = casualties.claims.map((c) => [c.value, c.sourceDisplay]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [240, 'U.S. official sources'],
        [774, 'NGOs'],
      ]),
    );
    expect(casualties).toMatchObject({ low: 240, high: 774, conservative: 240 });
    expect(casualties.disputes.map((d) => d.values)).toEqual(expect.arrayContaining([[240], [774]]));
    expect(casualties.updates).toEqual([]);
    // Spans are into each article's text.
    for (const c of casualties.claims) expect(c.articles[0].text).toContain(String(c.value));
  });

  it('answers 404 for an unknown story and 400 for a malformed id', async () => {
    expect((await app.request('/api/stories/s0123456789/claims')).status).toBe(404);
    expect((await app.request('/api/stories/nope/claims')).status).toBe(400);
  });
});
