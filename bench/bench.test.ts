import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHASES } from '../src/engine/clock.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { peerKit } from '../test/lib/shared.js';

/**
 * Smoke test of the bench scripts: each runs end to end on a tiny slice of the peer kit's corpus and prints its
 * table and a last JSON line. No timing is checked (speed is measured by the scripts themselves, on full corpora);
 * what is checked is that they run and that their figures are sane (the near-duplicate stage finds the exact pairs).
 */
const kit = peerKit(join('data', 'corpus-10k.jsonl'));
/** Documents in the tiny corpus: enough for a few near-duplicate pairs and multi-article stories, seconds to run. */
const TINY = 300;

const scripts = {
  neardup: () => import('./neardup.js'),
  pipeline: () => import('./pipeline.js'),
  scale: () => import('./scale.js'),
  query: () => import('./query.js'),
};

async function run(name: keyof typeof scripts, args: string[], lines: string[] = []): Promise<Record<string, unknown>> {
  const spy = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  try {
    await (await scripts[name]()).default(args);
  } finally {
    spy.mockRestore();
  }
  expect(lines.length).toBeGreaterThan(1);
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

if (!kit) {
  console.log(
    'bench smoke tests skipped: the peer kit is not set up (copy ../shared/peers to .tmp/peers and run its setup.sh)',
  );
}

describe.skipIf(!kit)('bench scripts on a tiny corpus', () => {
  let dir: string;
  let corpus: string;
  const before = process.env.NEWSTRACE_PEERS;

  beforeAll(() => {
    // A kit of its own: the kit's programs linked in, a data folder holding the first TINY documents of corpus-10k
    // (and their truth lines) as size "tiny", and an empty results folder.
    dir = mkdtempSync(join(tmpdir(), 'nt-bench-kit-'));
    for (const f of [
      'run_peer.sh',
      'bin',
      'eval',
      'lib',
      'peers',
      'probe',
      'truth',
      'corpus',
      'node_modules',
      'package.json',
    ]) {
      symlinkSync(join(kit!, f), join(dir, f));
    }
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'results'));
    const take = (file: string) =>
      readFileSync(join(kit!, 'data', file), 'utf8')
        .split('\n')
        .slice(0, TINY)
        .join('\n') + '\n';
    const docs = take('corpus-10k.jsonl');
    const ids = new Set(
      docs
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    );
    const truth = readFileSync(join(kit!, 'data', 'truth-10k.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l && ids.has((JSON.parse(l) as { id: string }).id));
    corpus = join(dir, 'data', 'corpus-tiny.jsonl');
    writeFileSync(corpus, docs);
    writeFileSync(join(dir, 'data', 'truth-tiny.jsonl'), truth.join('\n') + '\n');
    // corpus-10k under its own name too, for the scripts that look the kit's corpora up by size.
    writeFileSync(join(dir, 'data', 'corpus-10k.jsonl'), docs);
    writeFileSync(join(dir, 'data', 'truth-10k.jsonl'), truth.join('\n') + '\n');
    process.env.NEWSTRACE_PEERS = dir;
  });

  afterAll(() => {
    if (before === undefined) delete process.env.NEWSTRACE_PEERS;
    else process.env.NEWSTRACE_PEERS = before;
    rmSync(dir, { recursive: true, force: true });
  });

  it('neardup runs beside the peers and finds the exact pairs', async () => {
    const out = (await run('neardup', ['--size', 'tiny', '--peers', 'go,npm-minhash,probe'])) as {
      newstrace: { f1: number; pairs: number };
      peers: Record<string, { f1: number }>;
      floor_s: number;
    };
    expect(out.newstrace.pairs).toBeGreaterThan(0);
    expect(out.newstrace.f1).toBeGreaterThan(0.95);
    expect(Object.keys(out.peers).sort()).toEqual(['go', 'npm-minhash']);
    expect(out.floor_s).toBeGreaterThan(0);
  }, 120_000);

  it('pipeline runs the engine with a stage table and a profile', async () => {
    const out = (await run('pipeline', ['--size', 'tiny', '--limit', '200'])) as {
      articles: number;
      bcubedF1: number;
      profile: Array<[string, number]>;
    };
    expect(out.articles).toBe(200);
    expect(out.bcubedF1).toBeGreaterThan(0.5);
    expect(out.profile.length).toBeGreaterThan(0);
  }, 120_000);

  it('scale streams a corpus into a store and reports both windows', async () => {
    const db = join(dir, 'scale.db');
    const out = (await run('scale', ['--docs', '250', '--corpus', corpus, '--window', '100', '--db', db])) as {
      articles: number;
      firstPerSec: number;
      lastPerSec: number;
    };
    expect(out.articles).toBe(250);
    expect(out.firstPerSec).toBeGreaterThan(0);
    expect(out.lastPerSec).toBeGreaterThan(0);

    const q = (await run('query', ['--db', db, '--queries', '20'])) as {
      articles: number;
      story: { p95: number };
      searchHit: number;
    };
    expect(q.articles).toBe(250);
    expect(q.story.p95).toBeGreaterThan(0);
    expect(q.searchHit).toBeGreaterThan(0);
  }, 120_000);

  it('scale --phases gives ms per article of every main-thread phase over both windows', async () => {
    const lines: string[] = [];
    await run('scale', ['--docs', '600', '--corpus', corpus, '--window', '256', '--threads', '1', '--phases'], lines);
    const printed = lines.flatMap((l) => l.split('\n'));
    const rows = printed.filter((l) => /^\| [a-z-]+ \| \d+\.\d{3} \| \d+\.\d{3} \|/.test(l));
    expect(rows.map((r) => r.split(' | ')[0].slice(2))).toEqual([...PHASES]);
    const all = printed.find((l) => l.startsWith('| all phases |'))!.split(' | ');
    expect(Number(all[1])).toBeGreaterThan(0);
    expect(Number(all[2])).toBeGreaterThan(0);
  }, 120_000);
});
