import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEcbPlus } from '../../bench/corpora/ecbplus.js';
import { snapshot } from '../../bench/lib/snapshot.js';
import { openStore } from '../../src/store/open.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { queueCounts } from '../../src/worker/queue.js';
import { peerKit, sharedPath } from '../lib/shared.js';

/**
 * Scale-out equivalence: the same records through one process on SQLite and through three worker processes on
 * PostgreSQL give the same stories, relations and fact tables (compared on stable article ids, order aside); a worker
 * killed with SIGKILL in the middle of a commit, or hung (SIGSTOP) while holding claims, loses nothing and duplicates
 * nothing.
 *
 * Records: a corpus built by the peer kit's generator (`../shared/peers/corpus/build_corpus.mjs`, seed 42: real
 * English text in stories of copies, edits, updates and rewrites) where the kit is set up, else ECB+ topics 1–6 when
 * present; the dated, multi-outlet story fixtures and two reprints of one of them (a story of four articles, so that
 * a fresh clone without ../shared still compares stories with relations) always.
 */
const BASE = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = 'dist/cli/bin.js';
/** Records per batch: small, so that a 500-record run has ~30 batches and a kill lands between and inside them. */
const BATCH = '16';
/**
 * Generated documents: enough for stories of ten and more variants (the generator's Zipf tail), few enough that each
 * test stays within a minute on a loaded 2-core machine (1,500 took 85–118 s per test there at load 13).
 */
const DOCS = 500;
/** Copies of the fixtures when they are the only records: ~100 records, tens of batches to interrupt. */
const FIXTURE_COPIES = 8;
/** The lease in the hang test: long against one article's stages (milliseconds), short for the test to wait out. */
const LEASE_S = '3';
/** Worker tags, unique to this run (other runs of the suite may share the server). */
const TAGS = [1, 2, 3].map((i) => `ntw${process.pid}x${i}`);
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

/** A worker process; its connections carry `application_name` = its tag, so the test can see what it holds. */
function worker(url: string, tag: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--db', `${url}&application_name=${tag}`, '--batch', BATCH, '--idle-exit', ...extra],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { tag, child, exited };
}

/**
 * Tags of the workers whose sessions are inside a transaction, the commit-lock holder first. `holding`: only those
 * between two statements (not waiting on a lock, which starts no lease) that hold something the others need, claimed
 * rows (a transaction id: locking rows takes one) or the commit lock.
 */
async function busyWorkers(store: PostgresStore, holding = false): Promise<string[]> {
  const rows = await store.query<{ tag: string; committing: boolean; idle: boolean; xid: boolean }>(
    `SELECT a.application_name AS tag,
            EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS committing,
            a.state = 'idle in transaction' AS idle, a.backend_xid IS NOT NULL AS xid
       FROM pg_stat_activity a
      WHERE a.application_name = ANY($1) AND a.xact_start IS NOT NULL AND a.datname = current_database()`,
    [TAGS],
  );
  return rows
    .filter((r) => !holding || (r.idle && (r.xid || r.committing)))
    .sort((x, y) => Number(y.committing) - Number(x.committing))
    .map((r) => r.tag);
}

/** Waits until some batches are committed and others open, then returns the tag of a worker inside a transaction. */
async function midRun(store: PostgresStore, tags: string[]): Promise<string> {
  for (;;) {
    const c = await queueCounts(store);
    if (c.queued === 0 && c.prepared === 0) throw new Error('the run ended before a worker could be interrupted');
    if (c.done > 0) {
      const busy = (await busyWorkers(store)).filter((t) => tags.includes(t));
      if (busy.length > 0) return busy[0];
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What every run must end with: the single process's stories, each article once, no job left open or claimed. */
async function expectSameAsSingleProcess(store: PostgresStore): Promise<void> {
  expect(await queueCounts(store)).toEqual({ queued: 0, prepared: 0, done: records });
  const [{ n, d }] = await store.query<{ n: string; d: string }>(
    'SELECT count(*) AS n, count(DISTINCT id) AS d FROM articles',
  );
  expect([Number(n), Number(d)]).toEqual([expectedCount, expectedCount]);
  const [{ claims }] = await store.query<{ claims: string }>(
    `SELECT count(*) AS claims FROM pg_stat_activity WHERE application_name = ANY($1) AND datname = current_database()`,
    [TAGS],
  );
  expect(Number(claims)).toBe(0);
  expect(await snapshot(store)).toEqual(expected);
}

let expected: Awaited<ReturnType<typeof snapshot>>;
let expectedCount = 0;
let records = 0;

beforeAll(async () => {
  reachable = await pgReachable();
  if (!reachable) {
    console.warn(`worker tests skipped: no PostgreSQL server at ${BASE} (set NEWSTRACE_TEST_PG)`);
    return;
  }
  const lines: string[] = [];
  // The generator reads its texts from the kit's npm packages.
  const kit = peerKit(join('corpus', 'build_corpus.mjs'));
  const ecb = sharedPath('corpora', 'ecbplus-dev');
  if (kit) {
    const out = join(dir, 'generated.jsonl');
    const gen = spawnSync(
      process.execPath,
      [join(kit, 'corpus', 'build_corpus.mjs'), '--docs', String(DOCS), '--out', out, '--truth', join(dir, 't.jsonl')],
      { encoding: 'utf8' },
    );
    if (gen.status !== 0) throw new Error(`the peer kit's corpus generator failed: ${gen.stderr}`);
    lines.push(...readFileSync(out, 'utf8').trim().split('\n'));
  } else if (ecb) {
    console.warn('peer kit not set up (../shared/peers/setup.sh): the worker tests use ECB+ and the story fixtures');
    for (const d of loadEcbPlus(ecb).filter((x) => /^[1-6]-/.test(x.gold))) {
      lines.push(JSON.stringify({ id: d.id, url: d.doc.meta.url, outlet: 'ecb', text: d.doc.content }));
    }
  }
  const fixtures: string[] = [];
  for (const f of ['copy-trimmed', 'siblings', 'same-event', 'different-events', 'unrelated']) {
    fixtures.push(...readFileSync(`test/fixtures/stories/${f}/articles.jsonl`, 'utf8').trim().split('\n'));
  }
  fixtures.push(...readFileSync('test/fixtures/worker/reprints.jsonl', 'utf8').trim().split('\n'));
  lines.push(...fixtures);
  if (!kit && !ecb) {
    // Syndicated copies of the fixtures (same text at other URLs), so that the kill and hang tests have many batches
    // to interrupt.
    console.warn('neither the peer kit nor ECB+ is here: the worker tests use the story fixtures and copies of them');
    for (let k = 1; k < FIXTURE_COPIES; k++) {
      for (const line of fixtures) {
        const r = JSON.parse(line) as { id: string; url: string };
        lines.push(JSON.stringify({ ...r, id: `${r.id}-copy${k}`, url: `${r.url}?syndicated=${k}` }));
      }
    }
  }
  records = lines.length;
  writeFileSync(input, lines.join('\n') + '\n');
  const db = join(dir, 'single.db');
  cli(['add', input, '--db', db, '--batch', BATCH, '--json']);
  const store = await openStore(db);
  expected = await snapshot(store);
  expectedCount = await store.countArticles();
  await store.close();
  // The records must make stories for the comparison to mean anything.
  expect(expected.some((s) => s.articles.length > 2 && s.relations.length > 0)).toBe(true);
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!reachable) return;
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await c.end();
});

async function queued(name: string): Promise<{ url: string; store: PostgresStore }> {
  const url = pgUrl(name);
  cli(['migrate', '--db', url]);
  cli(['add', input, '--db', url, '--enqueue', '--batch', BATCH, '--json']);
  return { url, store: (await openStore(url)) as PostgresStore };
}

/**
 * A worker that finished its queue exits 0, or 3 when some records it took were rejected (the generated corpus holds
 * lines that are not UTF-8; the single process rejects them too, and the comparison checks the errors).
 */
const finished = (codes: Array<number | null>) => codes.map((c) => c === 0 || c === 3);

describe('PostgreSQL workers', () => {
  it('three workers give the stories, relations and fact tables of one process on SQLite', async (ctx) => {
    if (!reachable) return ctx.skip();
    const { url, store } = await queued('eq');
    const ws = TAGS.map((t) => worker(url, t));
    expect(finished(await Promise.all(ws.map((w) => w.exited)))).toEqual([true, true, true]);
    await expectSameAsSingleProcess(store);
    await store.close();
  }, 120_000);

  it('two workers preparing on threads while they commit give the same as one process on SQLite', async (ctx) => {
    if (!reachable) return ctx.skip();
    const { url, store } = await queued('threads');
    const ws = TAGS.slice(0, 2).map((t) => worker(url, t, ['--threads', '1']));
    expect(finished(await Promise.all(ws.map((w) => w.exited)))).toEqual([true, true]);
    await expectSameAsSingleProcess(store);
    await store.close();
  }, 120_000);

  it('a worker killed with SIGKILL mid-run, inside a transaction, loses nothing and duplicates nothing', async (ctx) => {
    if (!reachable) return ctx.skip();
    const { url, store } = await queued('kill');
    const ws = TAGS.map((t) => worker(url, t));
    // The commit-lock holder when there is one: its half-written batch must roll back whole.
    const tag = await midRun(
      store,
      ws.map((w) => w.tag),
    );
    const killed = ws.find((w) => w.tag === tag)!;
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBe(null);
    expect(finished(await Promise.all(ws.filter((w) => w !== killed).map((w) => w.exited)))).toEqual([true, true]);
    await expectSameAsSingleProcess(store);
    await store.close();
  }, 120_000);

  it('a hung worker (SIGSTOP) holding claims loses them when its lease ends; the others finish', async (ctx) => {
    if (!reachable) return ctx.skip();
    const { url, store } = await queued('hang');
    const ws = TAGS.map((t) => worker(url, t, ['--lease', LEASE_S]));
    // Stopped inside a transaction: between two statements, with claimed jobs or the commit lock.
    let hung: (typeof ws)[number];
    for (;;) {
      const tag = await midRun(
        store,
        ws.map((w) => w.tag),
      );
      hung = ws.find((w) => w.tag === tag)!;
      hung.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 100));
      if ((await busyWorkers(store, true)).includes(tag)) break;
      hung.child.kill('SIGCONT');
    }
    expect(finished(await Promise.all(ws.filter((w) => w !== hung).map((w) => w.exited)))).toEqual([true, true]);
    // Woken after the others finished, it finds its session ended by the server and cannot commit anything stale.
    hung.child.kill('SIGCONT');
    expect(await hung.exited).not.toBe(0);
    await expectSameAsSingleProcess(store);
    await store.close();
  }, 120_000);
});
