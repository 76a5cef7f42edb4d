import { Engine } from '../engine/engine.js';
import { PreparePool } from '../engine/prepare-pool.js';
import { deserializePrepared, queuedOutcome, type QueuedOutcome } from '../engine/serialize.js';
import type { Prepared } from '../engine/prepare.js';
import type { IngestItem, RawDoc, RecordError } from '../model/index.js';
import type { PostgresStore } from '../store/postgres.js';

/**
 * The ingest queue of the scale-out workers, in PostgreSQL (table `jobs`).
 *
 * - `enqueue` cuts the records into batches of `batchSize` in arrival order — the same cut `Engine.add` makes — and
 *   writes each batch in one transaction, so a batch is whole or absent.
 * - Workers prepare records in parallel: a transaction claims queued jobs with FOR UPDATE SKIP LOCKED, runs the
 *   per-article stages and stores the result. The claim is the row lock, held under a lease (LEASE_MS): a worker
 *   killed mid-way, or hung past its lease, is rolled back by the server and its jobs are queued again — a claim
 *   cannot outlive its holder, so none is ever orphaned.
 * - One worker at a time (a transaction-scoped advisory lock) commits the lowest open batch once all its records are
 *   prepared: clustering, stories and the `done` marks in one transaction. Batches go in order, each as
 *   `Engine.commitBatch` would take it in a single process, so the stories are the same whatever the number of
 *   workers and whichever of them dies.
 */

export interface QueueCounts {
  queued: number;
  prepared: number;
  done: number;
}

type Item = IngestItem | RawDoc;
const asItem = (x: Item): IngestItem => ('ok' in x ? x : { ok: true, doc: x });

export async function enqueue(
  store: PostgresStore,
  items: AsyncIterable<Item> | Iterable<Item>,
  batchSize: number,
  onProgress?: (enqueued: number) => void,
): Promise<{ enqueued: number; batches: number }> {
  let chunk: IngestItem[] = [];
  let enqueued = 0;
  let batches = 0;
  const flush = async () => {
    const items = chunk;
    chunk = [];
    await store.transaction(async () => {
      const [{ b }] = await store.query<{ b: string }>(`SELECT nextval('job_batches') AS b`);
      await store.query(
        `INSERT INTO jobs (batch, item) SELECT $1, x FROM unnest($2::text[]) WITH ORDINALITY AS t(x, o) ORDER BY o`,
        [b, items.map((i) => JSON.stringify(i))],
      );
    });
    enqueued += items.length;
    batches++;
    onProgress?.(enqueued);
  };
  for await (const x of items) {
    chunk.push(asItem(x));
    if (chunk.length === batchSize) await flush();
  }
  if (chunk.length) await flush();
  return { enqueued, batches };
}

/**
 * How long a worker's transaction may sit between two statements before the server ends its session: the lease on
 * what it holds (claimed jobs, or the commit lock). A worker that dies loses its connection and its claims at once;
 * one that hangs or is cut off with its connection open (a stopped process, a partitioned machine) keeps them only
 * this long, then PostgreSQL rolls it back and the jobs are queued again. The longest gap is preparing one article —
 * tens of milliseconds, a few seconds for the largest pages in the test corpora — so a minute leaves a wide margin.
 */
export const LEASE_MS = 60_000;

/** Starts the lease on the current transaction (see LEASE_MS). */
async function lease(store: PostgresStore, ms: number): Promise<void> {
  await store.query(`SELECT set_config('idle_in_transaction_session_timeout', $1, true)`, [String(Math.round(ms))]);
}

/**
 * Claims up to `limit` queued jobs and prepares them (on the pool's threads where one is given); returns how many.
 * The prepared results are written in one statement.
 */
export async function prepareSome(
  store: PostgresStore,
  limit: number,
  leaseMs = LEASE_MS,
  pool?: PreparePool,
): Promise<number> {
  return store.transaction(async () => {
    await lease(store, leaseMs);
    const rows = await store.query<{ seq: string; item: string }>(
      `SELECT seq, item FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    const outcomes = await Promise.all(
      rows.map((row) => {
        const item = JSON.parse(row.item) as IngestItem;
        if (!item.ok) return JSON.stringify({ ok: false, error: item.error } satisfies QueuedOutcome);
        return pool ? pool.queued(item.doc) : queuedOutcome(item.doc);
      }),
    );
    if (rows.length > 0)
      await store.query(
        `UPDATE jobs SET state = 'prepared', prepared = p.out
         FROM unnest($1::bigint[], $2::text[]) AS p(seq, out) WHERE jobs.seq = p.seq`,
        [rows.map((r) => r.seq), outcomes],
      );
    return rows.length;
  });
}

/** If no other worker is committing, commits the lowest open batch when it is fully prepared. */
export async function commitNextBatch(
  store: PostgresStore,
  engine: Engine,
  leaseMs = LEASE_MS,
): Promise<{ added: number; skipped: number; errors: RecordError[] } | undefined> {
  return store.transaction(async () => {
    await lease(store, leaseMs);
    const [{ locked }] = await store.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
      [`newstrace:${store.schema}:commit`],
    );
    if (!locked) return undefined;
    const [{ b }] = await store.query<{ b: string | null }>(`SELECT min(batch) AS b FROM jobs WHERE state <> 'done'`);
    if (b === null) return undefined;
    const rows = await store.query<{ state: string; prepared: string | null }>(
      `SELECT state, prepared FROM jobs WHERE batch = $1 ORDER BY seq`,
      [b],
    );
    if (rows.some((r) => r.state !== 'prepared')) return undefined;
    const prepared: Prepared[] = [];
    const errors: RecordError[] = [];
    for (const r of rows) {
      const o = JSON.parse(r.prepared!) as QueuedOutcome;
      if (o.ok) prepared.push(deserializePrepared(o.value));
      else errors.push(o.error);
    }
    const done = await engine.commitBatch(prepared, errors);
    await store.query(`UPDATE jobs SET state = 'done', prepared = NULL WHERE batch = $1`, [b]);
    return { added: done.added.length, skipped: done.skipped.length, errors };
  });
}

export async function queueCounts(store: PostgresStore): Promise<QueueCounts> {
  const rows = await store.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM jobs GROUP BY state`);
  const c: QueueCounts = { queued: 0, prepared: 0, done: 0 };
  for (const r of rows) c[r.state as keyof QueueCounts] = Number(r.n);
  return c;
}

export interface WorkerOptions {
  batchSize?: number;
  /** Jobs claimed per prepare transaction. */
  claim?: number;
  /** Return once the queue holds no open job, instead of waiting for more. */
  idleExit?: boolean;
  /** The lease on claimed jobs and on the commit lock, in milliseconds (default LEASE_MS). */
  leaseMs?: number;
  /**
   * Threads that prepare the claimed records (0: the worker's own thread). With threads, a worker prepares and
   * commits at once — the next records on the threads while its main thread commits a batch — instead of in turn.
   */
  threads?: number;
  onProgress?: (p: WorkerTotals) => void;
}

export interface WorkerTotals {
  prepared: number;
  added: number;
  skipped: number;
  /** Records rejected in the batches this worker committed, with their reasons (also kept in the store's errors). */
  errors: RecordError[];
  /** Wall time spent claiming and preparing jobs, and committing batches under the commit lock, in milliseconds. */
  prepareMs: number;
  commitMs: number;
}

/** Jobs claimed per prepare transaction: enough to amortise the commit, few enough to lose little on a kill. */
export const CLAIM = 16;
/** How long an idle worker waits before looking again. */
export const IDLE_MS = 100;

export async function runWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerTotals> {
  const total: WorkerTotals = { prepared: 0, added: 0, skipped: 0, errors: [], prepareMs: 0, commitMs: 0 };
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  if (opts.threads) return runThreaded(store, total, leaseMs, opts);
  const engine = new Engine(store, { batchSize: opts.batchSize });
  for (;;) {
    const t = performance.now();
    const n = await prepareSome(store, opts.claim ?? CLAIM, leaseMs);
    total.prepared += n;
    total.prepareMs += performance.now() - t;
    const c = await commitCounted(store, engine, leaseMs, total);
    if (n > 0 || c) {
      opts.onProgress?.(total);
      continue;
    }
    if (opts.idleExit && (await drained(store))) return total;
    await sleep(IDLE_MS);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `commitNextBatch`, its outcome and time added to the totals; whether it committed a batch. */
async function commitCounted(
  store: PostgresStore,
  engine: Engine,
  leaseMs: number,
  total: WorkerTotals,
): Promise<boolean> {
  const t = performance.now();
  const c = await commitNextBatch(store, engine, leaseMs);
  if (!c) return false;
  total.added += c.added;
  total.skipped += c.skipped;
  total.errors.push(...c.errors);
  total.commitMs += performance.now() - t;
  return true;
}

/** Has the queue no record left to prepare or commit? */
async function drained(store: PostgresStore): Promise<boolean> {
  const counts = await queueCounts(store);
  return counts.queued === 0 && counts.prepared === 0;
}

/**
 * `runWorker` with the records prepared on threads: one loop claims and prepares records while the other commits
 * batches, each in transactions of its own (the store keeps each transaction's state apart), the commits' passage
 * alignments on the same threads. A failure of either stops both and is thrown.
 */
async function runThreaded(
  store: PostgresStore,
  total: WorkerTotals,
  leaseMs: number,
  opts: WorkerOptions,
): Promise<WorkerTotals> {
  const pool = new PreparePool(opts.threads!);
  // The commits' alignments go to the threads too: the commit is the serial part.
  const engine = new Engine(store, { batchSize: opts.batchSize, alignOn: pool });
  let stop = false;
  let failure: unknown;
  const preparing = (async () => {
    while (!stop) {
      const t = performance.now();
      const n = await prepareSome(store, (opts.claim ?? CLAIM) * opts.threads!, leaseMs, pool);
      total.prepared += n;
      total.prepareMs += performance.now() - t;
      if (n === 0) await sleep(IDLE_MS);
    }
  })().catch((e: unknown) => {
    failure = e;
  });
  try {
    for (;;) {
      if (failure) throw failure;
      if (await commitCounted(store, engine, leaseMs, total)) {
        opts.onProgress?.(total);
        continue;
      }
      if (opts.idleExit && (await drained(store))) return total;
      await sleep(IDLE_MS);
    }
  } finally {
    stop = true;
    await preparing;
    await pool.close();
  }
}
