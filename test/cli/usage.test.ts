import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/**
 * Usage errors end in a message and exit code 2, never a stack trace; commands that only read refuse a store that
 * does not exist; every command but `serve` takes --json; --version prints the package's version. Run through the
 * same `main` as the built command.
 */
const dir = mkdtempSync(join(tmpdir(), 'nt-usage-'));
const db = join(dir, 'u.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command line in this process (`main` as bin.ts runs it), its output captured. */
async function run(args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'newstrace', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

const noStack = (err: string) => expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(async () => {
  const r = await run(['add', 'test/fixtures/stories/copy-trimmed/articles.jsonl', '--db', db]);
  expect(r.code).toBe(0);
}, 60_000);

describe('usage errors', () => {
  it('--limit takes a positive whole number: exit 2 with a message, no stack', async () => {
    for (const bad of ['abc', '0', '-5', '1.5']) {
      const r = await run(['stories', '--limit', bad, '--db', db]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toMatch(/--limit.*positive whole number/);
      noStack(r.err);
    }
    const ok = await run(['stories', '--limit', '1', '--json', '--db', db]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { stories: unknown[] }).stories).toHaveLength(1);
  }, 120_000);

  it('serve on a busy port says so, without a stack', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((res) =>
      busy.listen(0, '127.0.0.1', () => res((busy.address() as { port: number }).port)),
    );
    try {
      const r = await run(['serve', '--port', String(port), '--db', db]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use`));
      noStack(r.err);
    } finally {
      busy.close();
    }
  }, 60_000);

  it('a read command on a missing store says there is none, and creates nothing', async () => {
    const missing = join(dir, 'typo.db');
    for (const args of [['stories'], ['show', 's1'], ['article', 'a1'], ['diff', 'a1', 'a2'], ['facts', 's1']]) {
      const r = await run([...args, '--db', missing]);
      expect(r.code, args[0]).toBe(1);
      expect(r.err).toContain(`no store at ${missing}`);
      noStack(r.err);
    }
    expect(() => readFileSync(missing)).toThrow();
  }, 120_000);
});

describe('--json and --version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  it('watch, reprocess and migrate take --json', async () => {
    const folder = join(dir, 'watched');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'a.txt'),
      'url: https://x.example/a\n\nThe council said the bridge would reopen on Monday.\n',
    );
    const w = await run(['watch', folder, '--once', '--json', '--db', db]);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.out.trim().split('\n')[0])).toMatchObject({ kind: 'added', storyId: expect.any(String) });
    const r = await run(['reprocess', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ added: 3, skipped: 0, read: 3 });
    const m = await run(['migrate', '--json', '--db', db]);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.out)).toMatchObject({ upToDate: true });
  }, 120_000);
});
