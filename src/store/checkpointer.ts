import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints of a SQLite store on a thread of their own. A checkpoint copies the pages a commit appended to the
 * write-ahead log into the database file and syncs it; SQLite runs one in the committing connection whenever the log
 * passes 1,000 pages, so on a large store an ingest's commits spent most of their time there (at 200,000 articles of
 * the generated corpus 142–176 ms per batch commit of 256 articles, 52 ms without checkpoints; BENCHMARKS.md
 * "Scale"). Here the writer's own checkpoints are off and, after each commit, a second connection on another thread
 * checkpoints what it can without waiting for the writer (PASSIVE).
 *
 * A passive checkpoint running beside the writer always lags it by a commit or so, and SQLite starts the log again
 * from its beginning only when a write finds every frame copied: so once the log passes LOG_LIMIT_BYTES the writer
 * copies the rest itself after a commit, which lets the next write start the log again (and cut its file back to
 * the limit, `journal_size_limit`, so the file's size tells). The thread starts only once the log passes
 * START_BYTES, so small stores (tests, one-off analyses) never start one; if it fails, the writer's own checkpoints
 * come back on.
 */
export const START_BYTES = 8 << 20;
export const LOG_LIMIT_BYTES = 64 << 20;

/** How long the writer waits for the thread's checkpoint to end before its own (see `catchUp`). */
const CATCH_UP_MS = 2_000;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** A row of `PRAGMA wal_checkpoint`: was it blocked, frames in the log, frames copied to the database. */
interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** What the writer's connection lets the checkpointer do and read. */
interface WriterConnection {
  pragma(source: string): unknown;
}

/** The thread's code, as a CommonJS script: it needs nothing but better-sqlite3, so it starts in milliseconds. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
let pending = false;
let scheduled = false;
function run() {
  scheduled = false;
  while (pending) {
    pending = false;
    db.pragma('wal_checkpoint(PASSIVE)');
  }
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  pending = true;
  if (!scheduled) {
    scheduled = true;
    setImmediate(run);
  }
});
`;

export class WalCheckpointer {
  private worker?: Worker;
  private exited?: Promise<void>;
  private failed = false;
  /** Checkpoints the writer ran itself because the log had passed LOG_LIMIT_BYTES (for tests and benchmarks). */
  writerCheckpoints = 0;

  private readonly startBytes: number;
  private readonly logLimitBytes: number;

  constructor(
    private readonly path: string,
    private readonly writer: WriterConnection,
    limits: { startBytes?: number; logLimitBytes?: number } = {},
  ) {
    this.startBytes = limits.startBytes ?? START_BYTES;
    this.logLimitBytes = limits.logLimitBytes ?? LOG_LIMIT_BYTES;
  }

  /** Is the thread running? */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** After each commit of the writer, outside its transaction. */
  committed(): void {
    if (this.failed) return;
    if (!this.worker) {
      if (walBytes(this.path) >= this.startBytes) this.start();
      return;
    }
    if (walBytes(this.path) > this.logLimitBytes) this.catchUp();
    else this.worker.postMessage('commit');
  }

  /**
   * The writer copies what the thread has not: SQLite lets one checkpoint run at a time and answers any other with
   * "busy" at once, so the writer waits out the thread's (a millisecond at a time, CATCH_UP_MS at most), then runs its
   * own. Once every frame is copied the next write starts the log again.
   */
  private catchUp(): void {
    const until = Date.now() + CATCH_UP_MS;
    for (;;) {
      const [r] = this.writer.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
      if (!r || r.busy === 0) {
        // Done, or as far as readers of older snapshots let it go (another process's): it is not worth waiting for.
        if (r && r.log === r.checkpointed) this.writerCheckpoints++;
        return;
      }
      if (Date.now() >= until) return;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }

  private start(): void {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD, { eval: true, workerData: { path: this.path, module } });
    // The thread never keeps the process alive; `close()` ends it, and the last connection's close checkpoints.
    worker.unref();
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('error', () => this.fail());
    this.worker = worker;
    this.writer.pragma('wal_autocheckpoint = 0');
    // A log started again is cut back to the limit: a log file larger than the limit is one that has grown past it.
    this.writer.pragma(`journal_size_limit = ${this.logLimitBytes}`);
  }

  /** The thread failed (it could not open the store, say): the writer checkpoints on its own again. */
  private fail(): void {
    this.failed = true;
    this.worker = undefined;
    this.writer.pragma('wal_autocheckpoint = 1000');
  }

  /** Ends the thread (its connection closed) and gives the writer its own checkpoints back. */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = undefined;
    // Awaited, the thread's exit must keep the process alive: with nothing else to do, Node would end the process
    // with the promise unsettled (exit code 13), the store left unclosed.
    w.ref();
    w.postMessage('close');
    await this.exited;
    if (!this.failed) this.writer.pragma('wal_autocheckpoint = 1000');
  }
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
