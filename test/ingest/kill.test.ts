import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { mulberry32 } from '../lib/random.js';

/**
 * A large ingest killed with SIGKILL at random moments, several times, then run again to the end: the store must be
 * consistent (SQLite integrity, every article in an existing story), and every record stored exactly once — none lost,
 * none twice. The CLI runs from source (tsx) in a child process, as users run `newstrace add`.
 */

/** Records in the input: enough that a run lasts several seconds, so kills land mid-batch. */
const RECORDS = 2000;
/** Kills before the final run. */
const KILLS = 4;
/**
 * A kill comes this long (ms, drawn at random) after a run's first commit is seen: up to about one batch of 256
 * on this machine, so kills land before, inside and between transactions.
 */
const KILL_DELAY: [number, number] = [0, 1000];
/** How often the store is read to see a run's first commit. */
const POLL_MS = 25;

const dir = mkdtempSync(join(tmpdir(), 'nt-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Syllables of made-up words: a large vocabulary, so records are distinct stories as in a real feed dump. */
const SYLLABLES = 'ka lo mi ne ru sa te vo bi da fe gu ho ji pa qui ro su ta ve wi xa yo ze'.split(' ');

function corpus(path: string, seed: number): void {
  const r = mulberry32(seed); // seeded, so a failing run can be repeated
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s++) {
      const w = Array.from({ length: 12 }, () =>
        Array.from({ length: 3 }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join(''),
      );
      sentences.push(`The ${w.join(' ')} said officials on day ${i} part ${s}.`);
    }
    lines.push(
      JSON.stringify({
        id: `r${i}`,
        url: `https://outlet${i % 7}.example/story/${i}`,
        outlet: `Outlet ${i % 7}`,
        title: `Story ${i}`,
        published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        text: sentences.join(' '),
      }),
    );
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/**
 * Runs `newstrace add`; with `killDelay`, kills it that many ms after its next batch commit is seen in the store, so
 * the kill lands in the middle of the ingest (and start-up time on a loaded machine does not matter).
 */
function runAdd(input: string, db: string, killDelay?: number): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'add', input, '--db', db, '--json'], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    let killed = false;
    let exited = false;
    const before = stored(db);
    let timer: NodeJS.Timeout | undefined;
    const poll =
      killDelay === undefined
        ? undefined
        : setInterval(() => {
            if (exited || timer || stored(db) === before) return;
            timer = setTimeout(() => {
              if (!exited) killed = child.kill('SIGKILL');
            }, killDelay);
          }, POLL_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      exited = true;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, killed });
    });
  });
}

function stored(db: string): number {
  if (!existsSync(db)) return 0;
  let d: Database.Database | undefined;
  try {
    d = new Database(db, { readonly: true });
    return (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } catch {
    return 0; // The first run has created the file but not its tables yet.
  } finally {
    d?.close();
  }
}

describe('SIGKILL during a large ingest', () => {
  // Kills plus the final run take 15–20 s on an idle machine; the bound leaves room for a loaded one.
  it('leaves a consistent store; the re-run stores every record exactly once', { timeout: 120_000 }, async () => {
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
    const r = mulberry32(seed ^ 0x5eed);
    const input = join(dir, 'big.jsonl');
    const db = join(dir, 'kill.db');
    corpus(input, seed);
    const counts: number[] = [];
    const moments: number[] = [];
    let kills = 0;
    for (let k = 0; k < KILLS; k++) {
      const at = Math.round(KILL_DELAY[0] + r() * (KILL_DELAY[1] - KILL_DELAY[0]));
      moments.push(at);
      const res = await runAdd(input, db, at);
      counts.push(stored(db));
      if (res.killed) kills++;
      if (!res.killed) expect(res.code, `run ${k} (seed ${seed})`).toBe(0);
    }
    // Kills must have landed before the end, or the test proves nothing: at least one run was killed with part of
    // the input stored (on a fast machine a late kill may find the first run already done).
    expect(counts[0], `seed ${seed}`).toBeGreaterThan(0);
    expect(
      counts.some((c) => c < RECORDS),
      `seed ${seed}: counts after kills ${counts.join(',')}`,
    ).toBe(true);
    expect(kills, `seed ${seed}`).toBeGreaterThan(0);
    // The kill record, for BENCHMARKS.md and to repeat a run (KILL_SEED).
    console.log(
      `kill seed ${seed}: ${kills} runs killed, ${moments.join(', ')} ms after a commit; articles stored after each: ${counts.join(', ')}`,
    );
    const last = await runAdd(input, db);
    expect(last.code, `seed ${seed}`).toBe(0);

    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const store = new SqliteStore(db);
    try {
      const ids = await store.articleIds();
      expect(ids.length, `seed ${seed}, counts after kills ${counts.join(',')}`).toBe(RECORDS);
      expect(new Set(ids).size).toBe(RECORDS);
      const articles = await store.getArticles(ids);
      const lines = articles.map((a) => Number(/#L(\d+)$/.exec(a.source)?.[1])).sort((a, b) => a - b);
      expect(lines).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 1));
      // Every article sits in a story that lists it.
      const stories = new Map<string, Set<string>>();
      for (const a of articles) {
        if (!stories.has(a.storyId)) {
          const s = await store.getStory(a.storyId);
          expect(s, `story ${a.storyId}`).toBeDefined();
          stories.set(a.storyId, new Set(s!.articles));
        }
        expect(stories.get(a.storyId)!.has(a.id)).toBe(true);
      }
    } finally {
      await store.close();
    }
  });
});
