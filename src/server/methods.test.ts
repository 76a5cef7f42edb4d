import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';

const dir = mkdtempSync(join(tmpdir(), 'nt-methods-'));
const store = new SqliteStore(join(dir, 'm.db'));
const app = createApp({ store });
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('methods and the API description', () => {
  it('a path that exists answers 405 with Allow to a method it does not take; an unknown path 404', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/api/stories', 'GET'],
      ['DELETE', '/api/stories/s123456789', 'GET'],
      ['DELETE', '/api/articles/a123456789', 'GET'],
      ['PUT', '/api/articles', 'POST'],
      ['POST', '/api/diff', 'GET'],
    ]) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow')).toBe(allow);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('methodNotAllowed');
    }
    expect((await app.request('/api/nothing', { method: 'PUT' })).status).toBe(404);
  });

  it('/openapi.json lists the 400 that a malformed id gets', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
    };
    for (const path of ['/api/stories/{id}', '/api/articles/{id}']) {
      expect(Object.keys(doc.paths[path].get.responses)).toContain('400');
    }
    expect((await app.request('/api/stories/not-an-id')).status).toBe(400);
    expect((await app.request('/api/articles/not-an-id')).status).toBe(400);
  });
});
