import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileDoc } from '../../bench/lib/hostile.js';
import { SqliteStore } from '../store/sqlite.js';
import { startServer, type RunningServer } from './serve.js';

/**
 * The server's heavy work off its event loop: while a large POST is prepared, GET /api/stories still answers at once
 * (requests one after another to 127.0.0.1, each timed). Prepared on the main thread, the POST held every GET for
 * the seconds it took.
 */
const TOKEN = 'eventloop-token';
/** Bytes of the posted article: the 16 MB, half the largest body accepted (about half a minute of work). */
const POST_BYTES = 16 * 1024 * 1024;
/** p95 of the GETs while the POST runs: the issue asks 100 ms; margin for a loaded shared test machine. */
const MAX_P95_MS = 250;

const dir = mkdtempSync(join(tmpdir(), 'nt-eventloop-'));
let store: SqliteStore;
let server: RunningServer;
beforeAll(async () => {
  store = new SqliteStore(join(dir, 'e.db'));
  server = await startServer({ store, port: 0, host: '127.0.0.1', token: TOKEN, webRoot: dir });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function send(method: string, path: string, body?: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method,
        // A new connection per request: a kept-alive socket the server closes while idle would reset the next one.
        agent: false,
        headers: body ? { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
      },
    );
    req.on('error', (e) =>
      reject(new Error(`${method} ${path}: ${e.message} after ${(performance.now() - t).toFixed(0)} ms`)),
    );
    req.end(body);
  });
}

describe('the event loop during a large POST', () => {
  it(`GET /api/stories p95 stays under ${MAX_P95_MS} ms`, async () => {
    const text = hostileDoc('normal', POST_BYTES).content;
    let done = false;
    const post = send('POST', '/api/articles', JSON.stringify({ url: 'https://big.example/1', text })).finally(
      () => (done = true),
    );
    const times: number[] = [];
    while (!done) {
      const r = await send('GET', '/api/stories');
      expect(r.status).toBe(200);
      times.push(r.ms);
      await new Promise((res) => setTimeout(res, 20));
    }
    expect((await post).status).toBe(200);
    times.sort((a, b) => a - b);
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
    console.log(
      `${times.length} GETs during the POST: p50 ${times[times.length >> 1].toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`,
    );
    expect(times.length).toBeGreaterThan(10);
    expect(p95).toBeLessThan(MAX_P95_MS);
  }, 600_000);
});
