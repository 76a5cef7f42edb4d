import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { enqueue } from '../../src/worker/queue.js';

/**
 * PostgreSQL: `migrate` says what it applied; a worker reports the records it rejected and exits 3, as `add` does;
 * `newstrace errors` lists every rejected record with its reason.
 */
const BASE = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `nt_errors_${process.pid}`;
const url = `${BASE}?schema=${schema}`;
let reachable = false;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(['node', 'newstrace', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

beforeAll(async () => {
  const c = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    reachable = true;
  } catch {
    console.warn(`PostgreSQL error-reporting tests skipped: no server at ${BASE} (set NEWSTRACE_TEST_PG)`);
  }
});
afterAll(async () => {
  if (!reachable) return;
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
});

describe('PostgreSQL: what was applied and what was rejected', () => {
  it('migrate names the migrations it applies, and none the second time', async (ctx) => {
    if (!reachable) return ctx.skip();
    const first = await run(['migrate', '--json', '--db', url]);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.out) as { applied: string[] }).applied.length).toBeGreaterThan(0);
    expect(first.err).toMatch(/applied \d+ migration/);
    const again = await run(['migrate', '--json', '--db', url]);
    expect(JSON.parse(again.out)).toMatchObject({ applied: [], upToDate: true });
  });

  it('a worker lists the records it rejected and exits 3; errors shows them', async (ctx) => {
    if (!reachable) return ctx.skip();
    const store = await PostgresStore.open(url);
    await enqueue(
      store,
      [
        {
          source: 'good#1',
          format: 'text',
          content: 'The council said on Monday that the bridge would reopen.',
          meta: {},
        },
        {
          source: 'bad#2',
          format: 'text',
          content: 'Text of a record with a broken date field.',
          meta: { published: 'not a date' },
        },
        { source: 'empty#3', format: 'text', content: '   ', meta: {} },
      ],
      16,
    );
    await store.close();
    const w = await run(['worker', '--idle-exit', '--db', url]);
    expect(w.code).toBe(3);
    expect(w.err).toContain('bad#2');
    expect(w.err).toMatch(/1 articles added, 0 already stored, 2 rejected/);
    const e = await run(['errors', '--json', '--db', url]);
    expect(e.code).toBe(0);
    const sources = (JSON.parse(e.out) as { errors: Array<{ source: string }> }).errors.map((x) => x.source).sort();
    expect(sources).toEqual(['bad#2', 'empty#3']);
  }, 60_000);
});
