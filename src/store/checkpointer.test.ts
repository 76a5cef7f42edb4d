import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from './checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore() {
  const dir = mkdtempSync(join(tmpdir(), 'nt-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 's.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { path, db };
}

/** One commit of `rows` rows of 4 KB each. */
function commit(db: Database.Database, from: number, rows: number): void {
  const put = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  db.exec('BEGIN IMMEDIATE');
  for (let i = 0; i < rows; i++) put.run(from + i, `row ${from + i} `.padEnd(4096, 'x'));
  db.exec('COMMIT');
}

const walSize = (path: string) => statSync(`${path}-wal`).size;
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('WalCheckpointer', () => {
  it('starts only once the log passes its start size, and turns the writer’s own checkpoints off', async () => {
    const { path, db } = openStore();
    const c = new WalCheckpointer(path, db, { startBytes: 1 << 20, logLimitBytes: 4 << 20 });
    commit(db, 0, 10);
    c.committed();
    expect(c.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    commit(db, 10, 400);
    c.committed();
    expect(c.running).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await c.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it.each([
    ['back to back, the event loop never turning', false],
    ['with pauses between them', true],
  ])('keeps the log bounded over many commits, %s, and loses no row', async (_, pause) => {
    const { path, db } = openStore();
    const c = new WalCheckpointer(path, db, { startBytes: 1 << 20, logLimitBytes: 4 << 20 });
    let n = 0;
    for (let k = 0; k < 60; k++) {
      commit(db, n, 100);
      n += 100;
      c.committed();
      if (pause) await settle();
    }
    // 60 commits of about 400 KB each: 24 MB written. With pauses the thread catches up and the next write starts
    // the log again; back to back it lags, and the writer copies the rest once the log passes its limit.
    if (!pause) expect(c.writerCheckpoints).toBeGreaterThan(0);
    expect(walSize(path)).toBeLessThan(12 << 20);
    await c.close();
    db.close();
    const again = new Database(path, { readonly: true });
    expect(again.prepare('SELECT count(*) FROM t').pluck().get()).toBe(n);
    expect(
      again
        .prepare('SELECT body FROM t WHERE id = ?')
        .pluck()
        .get(n - 1),
    ).toMatch(new RegExp(`^row ${n - 1} x`));
    again.close();
  });

  it('does not wait on a reader of an older snapshot, and bounds the log again once it has gone', async () => {
    const { path, db } = openStore();
    const c = new WalCheckpointer(path, db, { startBytes: 1 << 20, logLimitBytes: 4 << 20 });
    commit(db, 0, 400);
    c.committed();
    // Another connection (a server's, say) in the middle of a read: nothing after its snapshot can be copied.
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(400);
    let n = 400;
    for (let k = 0; k < 30; k++, n += 100) {
      commit(db, n, 100);
      c.committed();
    }
    expect(c.writerCheckpoints).toBe(0);
    expect(walSize(path)).toBeGreaterThan(12 << 20);
    reader.exec('COMMIT');
    reader.close();
    for (let k = 0; k < 30; k++, n += 100) {
      commit(db, n, 100);
      c.committed();
      await settle();
    }
    expect(c.writerCheckpoints).toBeGreaterThan(0);
    expect(walSize(path)).toBeLessThan(8 << 20);
    await c.close();
    db.close();
    const again = new Database(path, { readonly: true });
    expect(again.prepare('SELECT count(*) FROM t').pluck().get()).toBe(n);
    again.close();
  });

  it('lets a process that has nothing else left to do close the store and end normally', () => {
    // In a process of its own: here the test runner's own handles would keep the process alive whatever it does.
    const dir = mkdtempSync(join(tmpdir(), 'nt-ckpt-'));
    dirs.push(dir);
    const module = JSON.stringify(new URL('./checkpointer.ts', import.meta.url).href);
    const script = `
      import Database from 'better-sqlite3';
      const { WalCheckpointer } = await import(${module});
      const path = ${JSON.stringify(join(dir, 's.db'))};
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const c = new WalCheckpointer(path, db, { startBytes: 1 << 20, logLimitBytes: 4 << 20 });
      const put = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
      for (let k = 0; k < 5; k++) {
        db.transaction(() => { for (let i = 0; i < 100; i++) put.run(k * 100 + i, 'x'.repeat(4096)); })();
        c.committed();
      }
      if (!c.running) throw new Error('the thread did not start');
      await c.close();
      db.close();
      console.log('closed');
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('closed');
  });

  it('without checkpoints of its own the writer’s log would grow with every commit', async () => {
    // The control for the test above: the same commits with the writer's checkpoints off and no thread.
    const { path, db } = openStore();
    db.pragma('wal_autocheckpoint = 0');
    for (let k = 0; k < 60; k++) commit(db, k * 100, 100);
    expect(walSize(path)).toBeGreaterThan(20 << 20);
    db.close();
  });
});
