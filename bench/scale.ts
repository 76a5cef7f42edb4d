/**
 * Scale: N generated articles ingested into one SQLite store by one process, streamed (the corpus is never held in
 * memory). Prints articles/s over the first and the last window of articles (100k, or a tenth of N when smaller) —
 * a flat cost per article as the store grows means the two are close — the whole run, peak RSS and store size.
 *
 *   npm run bench -- scale --docs 100000 [--corpus FILE] [--db PATH] [--window N] [--threads N] [--phases]
 *
 * With --phases the engine's main thread times its phases (engine/clock.ts) and a second table gives milliseconds per
 * article of each over the first and the last window: which part of the cost grows with the store.
 *
 * Without --corpus the peer kit's generator writes the corpus (`corpus/build_corpus.mjs --docs N`, seed 42) to
 * /tmp/newstrace-scale-N.jsonl first. Without --db the store goes to a temporary folder and is removed afterwards;
 * with --db it is kept, for `npm run bench -- query --db PATH`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHASES, PhaseClock, type Phase } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { arg, jsonlDocs } from './lib/corpus.js';
import { peersDir } from './lib/peers.js';
import { rssSampler } from './lib/stats.js';

/** The window the performance issue asks about: articles/s over the first and the last 100k articles. */
const WINDOW = 100_000;

export default async function main(args: string[]): Promise<void> {
  const docs = Number(arg(args, 'docs') ?? 100_000);
  let corpus = arg(args, 'corpus');
  if (!corpus) {
    const dir = peersDir();
    if (!dir) {
      console.log('peer kit not found: copy ../shared/peers to /tmp/peers and run its setup.sh, or pass --corpus');
      return;
    }
    corpus = `/tmp/newstrace-scale-${docs}.jsonl`;
    if (!existsSync(corpus)) {
      const t = performance.now();
      execFileSync(
        process.execPath,
        [
          'corpus/build_corpus.mjs',
          '--docs',
          String(docs),
          '--out',
          corpus,
          '--truth',
          corpus.replace('.jsonl', '.truth.jsonl'),
        ],
        { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      console.log(`generated ${corpus} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const window = Number(arg(args, 'window') ?? Math.min(WINDOW, Math.max(1, Math.floor(docs / 10))));
  const keep = arg(args, 'db');
  const tmp = keep ? undefined : mkdtempSync(join(tmpdir(), 'nt-scale-'));
  const db = keep ?? join(tmp!, 'scale.db');
  const store = new SqliteStore(db);
  const rss = rssSampler();
  // Times at which each count of records read was reached (progress comes once per batch).
  const marks: Array<{ read: number; t: number; cpu: number }> = [{ read: 0, t: 0, cpu: 0 }];
  const clock = args.includes('--phases') ? new PhaseClock() : undefined;
  // Per batch: records read by its end, and its phase times.
  const laps: Array<{ read: number; ms: Record<Phase, number> }> = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let lastLog = 0;
  const result = await new Engine(store, { threads: Number(arg(args, 'threads') ?? 0), clock }).add(
    jsonlDocs(corpus, docs),
    (p) => {
      if (clock) laps.push({ read: p.read, ms: clock.take() });
      const t = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(cpu0);
      marks.push({ read: p.read, t, cpu: (c.user + c.system) / 1e6 });
      if (t - lastLog >= 30) {
        lastLog = t;
        process.stderr.write(`${p.read} read, ${p.added} added, ${t.toFixed(0)} s, ${rss.peakMB()} MB peak\n`);
      }
    },
  );
  const wall = (performance.now() - t0) / 1000;
  // CPU time of the process (all threads): what the run cost regardless of how long it waited for a core.
  const cpuUse = process.cpuUsage(cpu0);
  const cpu = (cpuUse.user + cpuUse.system) / 1e6;
  const peak = rss.stop();
  await store.close();
  const dbMB = Math.round((statSync(db).size + (existsSync(db + '-wal') ? statSync(db + '-wal').size : 0)) / 1e6);
  if (tmp) rmSync(tmp, { recursive: true, force: true });

  const n = result.read;
  /** Articles per second (wall or CPU) from the last mark at or before record `from` to the first at or after `to`. */
  const rate = (from: number, to: number, clock: 't' | 'cpu' = 't') => {
    const a = marks.filter((m) => m.read <= from).pop() ?? marks[0];
    const b = marks.find((m) => m.read >= to) ?? marks[marks.length - 1];
    return (b.read - a.read) / (b[clock] - a[clock]);
  };
  const first = rate(0, window);
  const last = rate(n - window, n);
  const rows = [
    ['articles read / added / errors', `${n} / ${result.added} / ${result.errors}`],
    ['whole run, s', wall.toFixed(1)],
    ['whole run, articles/s', Math.round(n / wall).toString()],
    ['whole run, CPU s (all threads) / articles per CPU-second', `${cpu.toFixed(1)} / ${Math.round(n / cpu)}`],
    [
      'load average at the end (1, 5, 15 min)',
      loadavg()
        .map((x) => x.toFixed(1))
        .join(', '),
    ],
    [`first ${window.toLocaleString('en')}, articles/s`, Math.round(first).toString()],
    [`last ${window.toLocaleString('en')}, articles/s`, Math.round(last).toString()],
    ['last ÷ first', (last / first).toFixed(2)],
    [
      `first / last ${window.toLocaleString('en')}, articles per CPU-second`,
      `${Math.round(rate(0, window, 'cpu'))} / ${Math.round(rate(n - window, n, 'cpu'))}`,
    ],
    ['peak RSS, MB', String(peak)],
    ['store size, MB', String(dbMB)],
  ];
  console.log(`| scale: ${corpus}, one process, SQLite | |\n|---|---|`);
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  if (keep) console.log(`store kept at ${db}`);
  if (clock) console.log('\n' + phaseTable(laps, n, window));
  console.log(
    JSON.stringify({
      articles: n,
      added: result.added,
      wall_s: +wall.toFixed(1),
      articlesPerSec: +(n / wall).toFixed(1),
      articlesPerCpuSec: +(n / cpu).toFixed(1),
      window,
      firstPerSec: +first.toFixed(1),
      lastPerSec: +last.toFixed(1),
      firstPerCpuSec: +rate(0, window, 'cpu').toFixed(1),
      lastPerCpuSec: +rate(n - window, n, 'cpu').toFixed(1),
      peakRssMB: peak,
      storeMB: dbMB,
    }),
  );
}

/** Milliseconds per article of each phase over the first and the last `window` records (whole batches). */
function phaseTable(laps: Array<{ read: number; ms: Record<Phase, number> }>, n: number, window: number): string {
  const sum = (from: number, to: number) => {
    let prev = 0;
    let count = 0;
    const ms = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    for (const l of laps) {
      const before = prev;
      prev = l.read;
      if (before < from || l.read > to) continue;
      count += l.read - before;
      for (const p of PHASES) ms[p] += l.ms[p];
    }
    return { ms, count };
  };
  const first = sum(0, window);
  const last = sum(n - window, n);
  const per = (x: { ms: Record<Phase, number>; count: number }, p: Phase) => x.ms[p] / Math.max(1, x.count);
  const rows = PHASES.map(
    (p) =>
      `| ${p} | ${per(first, p).toFixed(3)} | ${per(last, p).toFixed(3)} | ${(per(last, p) / Math.max(1e-9, per(first, p))).toFixed(1)} |`,
  );
  const total = (x: typeof first) => PHASES.reduce((t, p) => t + per(x, p), 0);
  return [
    `| main-thread phase, ms per article | first ${first.count.toLocaleString('en')} | last ${last.count.toLocaleString('en')} | last ÷ first |`,
    '|---|---|---|---|',
    ...rows,
    `| all phases | ${total(first).toFixed(3)} | ${total(last).toFixed(3)} | ${(total(last) / Math.max(1e-9, total(first))).toFixed(1)} |`,
  ].join('\n');
}
