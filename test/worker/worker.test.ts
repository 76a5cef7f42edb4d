import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEcbPlus } from '../../bench/corpora/ecbplus.js';
import { snapshot } from '../../bench/lib/snapshot.js';
import { openStore } from '../../src/store/open.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { queueCounts } from '../../src/worker/queue.js';

/**
 * Scale-out equivalence: the same records through one process on SQLite and through three worker processes on
 * PostgreSQL give the same stories, relations and fact tables; a worker killed with SIGKILL mid-run loses nothing.
 * Real news from ECB+ (../shared/corpora) when present, the story fixtures always.
 */
const BASE = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = 'dist/cli/bin.js';
const BATCH = '16';
const dir = mkdtempSync(join(tmpdir(), 'nt-worker-'));
const input = join(dir, 'records.jsonl');
const schemas: string[] = [];
let reachable = false;

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) throw new Error(`newstrace ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function pgUrl(name: string): string {
  const schema = `nt_w_${name}_${process.pid}`;
  schemas.push(schema);
  return `${BASE}?schema=${schema}`;
}

function worker(url: string) {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', url, '--batch', BATCH, '--idle-exit'], {
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, exited };
}

let expected: Awaited<ReturnType<typeof snapshot>>;
let expectedCount = 0;

beforeAll(async () => {
  reachable = await pgReachable();
  if (!reachable) {
    console.warn(`worker tests skipped: no PostgreSQL server at ${BASE} (set NEWSTRACE_TEST_PG)`);
    return;
  }
  const lines: string[] = [];
  const ecb = resolve('../shared/corpora/ecbplus-dev');
  if (existsSync(ecb)) {
    for (const d of loadEcbPlus(ecb).filter((x) => /^[1-6]-/.test(x.gold))) {
      lines.push(JSON.stringify({ id: d.id, url: d.doc.meta.url, outlet: 'ecb', text: d.doc.content }));
    }
  } else console.warn('ECB+ absent: the worker tests use the story fixtures only');
  for (const f of ['copy-trimmed', 'siblings', 'same-event', 'different-events', 'unrelated']) {
    lines.push(
      ...(await import('node:fs')).readFileSync(`test/fixtures/stories/${f}/articles.jsonl`, 'utf8').trim().split('\n'),
    );
  }
  writeFileSync(input, lines.join('\n') + '\n');
  const db = join(dir, 'single.db');
  cli(['add', input, '--db', db, '--batch', BATCH, '--json']);
  const store = await openStore(db);
  expected = await snapshot(store);
  expectedCount = await store.countArticles();
  await store.close();
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!reachable) return;
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await c.end();
});

describe('PostgreSQL workers', () => {
  it('three workers give the stories, relations and fact tables of one process on SQLite', async (ctx) => {
    if (!reachable) return ctx.skip();
    const url = pgUrl('eq');
    cli(['migrate', '--db', url]);
    cli(['add', input, '--db', url, '--enqueue', '--batch', BATCH, '--json']);
    const ws = [worker(url), worker(url), worker(url)];
    expect(await Promise.all(ws.map((w) => w.exited))).toEqual([0, 0, 0]);
    const store = (await openStore(url)) as PostgresStore;
    expect(await store.countArticles()).toBe(expectedCount);
    expect(await snapshot(store)).toEqual(expected);
    expect(await queueCounts(store)).toMatchObject({ queued: 0, prepared: 0 });
    await store.close();
  }, 180_000);

  it('a worker killed with SIGKILL mid-run loses nothing and duplicates nothing', async (ctx) => {
    if (!reachable) return ctx.skip();
    const url = pgUrl('kill');
    cli(['migrate', '--db', url]);
    cli(['add', input, '--db', url, '--enqueue', '--batch', BATCH, '--json']);
    const store = (await openStore(url)) as PostgresStore;
    const ws = [worker(url), worker(url), worker(url)];
    // Kill the first worker once the run is under way: some batches committed, others not.
    let counts = await queueCounts(store);
    while (counts.done === 0 && counts.queued > 0) {
      await new Promise((r) => setTimeout(r, 20));
      counts = await queueCounts(store);
    }
    expect(counts.queued + counts.prepared).toBeGreaterThan(0);
    ws[0].child.kill('SIGKILL');
    expect(await ws[0].exited).toBe(null);
    expect(await Promise.all(ws.slice(1).map((w) => w.exited))).toEqual([0, 0]);
    expect(await queueCounts(store)).toMatchObject({ queued: 0, prepared: 0 });
    expect(await store.countArticles()).toBe(expectedCount);
    const [{ n }] = await store.query<{ n: string }>('SELECT count(DISTINCT id) AS n FROM articles');
    expect(Number(n)).toBe(expectedCount);
    expect(await snapshot(store)).toEqual(expected);
    await store.close();
  }, 180_000);
});
