import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveToken } from '../cli/main.js';
import { SqliteStore } from '../store/sqlite.js';
import { startServer, type RunningServer } from './serve.js';

/**
 * DNS rebinding: a page of evil.example whose name is made to point at 127.0.0.1 sends "Host: evil.example"; the
 * loopback server answers only its own names. The write token can come from a file or the environment, out of `ps`.
 */
const dir = mkdtempSync(join(tmpdir(), 'nt-host-'));
let store: SqliteStore;
let server: RunningServer;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'h.db'));
  server = await startServer({ store, port: 0, host: '127.0.0.1', webRoot: dir });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host header', () => {
  it('a loopback server answers its loopback names and refuses any other', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`])
      expect((await get('/api/stories', host)).status, host).toBe(200);
    const evil = await get('/api/stories', `evil.example:${server.port}`);
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ error: { code: 'badHost' } });
  });
});

describe('the write token', () => {
  it('comes from --token-file, --token or $NEWSTRACE_TOKEN, and from one of the flags only', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 's3cret-token\n');
    expect(serveToken({ tokenFile: file })).toBe('s3cret-token');
    expect(serveToken({ token: 'x' })).toBe('x');
    const before = process.env.NEWSTRACE_TOKEN;
    process.env.NEWSTRACE_TOKEN = 'from-env';
    try {
      expect(serveToken({})).toBe('from-env');
    } finally {
      if (before === undefined) delete process.env.NEWSTRACE_TOKEN;
      else process.env.NEWSTRACE_TOKEN = before;
    }
    expect(() => serveToken({ token: 'x', tokenFile: file })).toThrow(/once/);
    expect(() => serveToken({ tokenFile: join(dir, 'missing') })).toThrow(/cannot read the token file/);
  });
});
