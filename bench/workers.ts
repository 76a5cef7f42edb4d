import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadEcbPlus } from './corpora/ecbplus.js';
import { openStore } from '../src/store/open.js';
import { peersDir } from './lib/peers.js';
import { snapshot } from './lib/snapshot.js';

/**
 * `npm run bench -- workers [--size 10k | --corpus FILE.jsonl] [--workers 1,2,4] [--threads 0,1]`: throughput of the
 * scale-out path on PostgreSQL with 1, 2 and 4 worker processes (each with the prepare threads `--threads` lists, a row
 * per number) against one process on SQLite and one process on PostgreSQL, all on the same records, through the CLI
 * as users run it, and how much of each worker run the commit lock was held (the serial part: clustering and writes,
 * one batch at a time). Needs a PostgreSQL server (NEWSTRACE_TEST_PG or the local one). Last line: JSON.
 */
const BASE = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = resolve('dist/cli/bin.js');

function run(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 3) throw new Error(`newstrace ${args.join(' ')}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
}

/** Runs `n` workers to the end of the queue: wall seconds, and the seconds the commit lock was held, summed. */
async function workers(url: string, n: number, threads = 0): Promise<{ seconds: number; commitSeconds: number }> {
  const t = performance.now();
  const totals = await Promise.all(
    Array.from({ length: n }, () => {
      const args = [
        BIN,
        'worker',
        '--db',
        url,
        '--idle-exit',
        '--json',
        ...(threads ? ['--threads', String(threads)] : []),
      ];
      const c = spawn(process.execPath, args, {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      return new Promise<{ commitMs: number }>((res, rej) =>
        c.on('exit', (code) =>
          // 3: the worker rejected some records (corpus-10k has lines that are not UTF-8) and said which.
          code === 0 || code === 3 ? res(JSON.parse(out) as { commitMs: number }) : rej(new Error(`worker ${code}`)),
        ),
      );
    }),
  );
  return {
    seconds: (performance.now() - t) / 1000,
    commitSeconds: totals.reduce((a, w) => a + w.commitMs, 0) / 1000,
  };
}

export default async function main(args: string[]): Promise<void> {
  const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const counts = (arg('workers') ?? '1,2,4').split(',').map(Number);
  // Prepare threads per worker, each setting a row per worker count (`--threads 0,1`: without and with one).
  const threadSets = (arg('threads') ?? '0').split(',').map(Number);
  const tmp = mkdtempSync(join(tmpdir(), 'nt-workers-'));
  let input = arg('corpus');
  if (!input) {
    const dir = peersDir();
    const size = arg('size') ?? '10k';
    if (dir && existsSync(join(dir, 'data', `corpus-${size}.jsonl`))) input = join(dir, 'data', `corpus-${size}.jsonl`);
    else {
      input = join(tmp, 'ecb.jsonl');
      const docs = loadEcbPlus(resolve('../shared/corpora/ecbplus-dev'));
      writeFileSync(
        input,
        docs.map((d) => JSON.stringify({ id: d.id, url: d.doc.meta.url, text: d.doc.content })).join('\n') + '\n',
      );
    }
  }
  const records = Number(spawnSync('wc', ['-l', input], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  const schemas: string[] = [];
  const url = (name: string) => {
    const s = `nt_bench_${name}_${process.pid}`;
    schemas.push(s);
    return `${BASE}?schema=${s}`;
  };
  const rows: Array<{ name: string; seconds: number; sameAsSqlite?: boolean; commitShare?: number }> = [];
  let reference: string;
  const sameAs = async (db: string) => {
    const store = await openStore(db);
    try {
      return JSON.stringify(await snapshot(store));
    } finally {
      await store.close();
    }
  };
  try {
    rows.push({ name: 'SQLite, one process', seconds: run(['add', input, '--db', join(tmp, 'one.db'), '--json']) });
    reference = await sameAs(join(tmp, 'one.db'));
    const pgOne = url('one');
    run(['migrate', '--db', pgOne]);
    rows.push({ name: 'PostgreSQL, one process', seconds: run(['add', input, '--db', pgOne, '--json']) });
    rows[rows.length - 1].sameAsSqlite = (await sameAs(pgOne)) === reference;
    for (const threads of threadSets)
      for (const n of counts) {
        const u = url(`w${n}t${threads}`);
        run(['migrate', '--db', u]);
        const enq = run(['add', input, '--db', u, '--enqueue', '--json']);
        const w = await workers(u, n, threads);
        rows.push({
          name: `PostgreSQL, ${n} worker${n > 1 ? 's' : ''}${threads ? `, ${threads} prepare thread${threads > 1 ? 's' : ''} each` : ''} (+ ${enq.toFixed(1)} s to enqueue)`,
          seconds: w.seconds,
          commitShare: w.commitSeconds / w.seconds,
        });
        rows[rows.length - 1].sameAsSqlite = (await sameAs(u)) === reference;
      }
  } finally {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await client.end();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${records} records from ${input}, 2-core machine`);
  console.log(
    '| run | seconds | articles/s | commit lock held | same stories, relations, fact tables as SQLite |\n|---|---|---|---|---|',
  );
  for (const r of rows) {
    const same = r.sameAsSqlite === undefined ? '(reference)' : r.sameAsSqlite ? 'yes' : 'NO';
    const held = r.commitShare === undefined ? '' : `${Math.round(r.commitShare * 100)}% of the run`;
    console.log(`| ${r.name} | ${r.seconds.toFixed(1)} | ${Math.round(records / r.seconds)} | ${held} | ${same} |`);
  }
  console.log(JSON.stringify({ records, runs: rows.map((r) => ({ ...r, perSec: records / r.seconds })) }));
}
