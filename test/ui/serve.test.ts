import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `newstrace serve` as users start it: the built bin, adding the bundled example first, on a free loopback port. */
const BIN = 'dist/cli/bin.js';
const dir = mkdtempSync(join(tmpdir(), 'nt-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newstrace serve', () => {
  it('adds the paths given, serves the API and the UI, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', 'examples/raqqa', '--db', join(dir, 's.db'), '--port', '0'], {
      env: { ...process.env, NEWSTRACE_TOKEN: '' },
    });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
    });
    expect(err).toMatch(/2 added/);
    expect(err).toMatch(/writes closed/);
    const list = (await (await fetch(`${url}/api/stories`)).json()) as { stories: Array<{ articles: number }> };
    expect(list.stories.map((s) => s.articles)).toEqual([2]);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await page.text()).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
    const post = await fetch(`${url}/api/articles`, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(post.status).toBe(403);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
