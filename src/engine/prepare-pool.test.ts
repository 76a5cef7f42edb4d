import { describe, expect, it } from 'vitest';
import { snapshot } from '../../bench/lib/snapshot.js';
import { align } from '../match/align.js';
import { storyRecords } from '../../test/engine/story-records.js';
import { SqliteStore } from '../store/sqlite.js';
import { Engine } from './engine.js';
import { PreparePool } from './prepare-pool.js';
import { prepare } from './prepare.js';

describe('Engine with prepare threads', () => {
  it('gives the same stories, relations, fact tables, counts and errors as the main thread', async () => {
    const docs = storyRecords();
    const run = async (threads: number) => {
      const store = new SqliteStore(':memory:');
      const progress: number[] = [];
      // Small batches, so that several are in flight at once.
      const result = await new Engine(store, { batchSize: 4, threads }).add(docs, (p) => progress.push(p.read));
      const snap = await snapshot(store);
      await store.close();
      return { result, snap, progress };
    };
    const inline = await run(0);
    const threaded = await run(2);
    expect(inline.result.added).toBeGreaterThanOrEqual(10);
    expect(inline.result.errors).toBeGreaterThan(0);
    expect(threaded.result).toEqual(inline.result);
    expect(threaded.progress).toEqual(inline.progress);
    expect(threaded.snap).toEqual(inline.snap);
  }, 60_000);
});

describe('PreparePool', () => {
  it('aligns two articles on a thread exactly as the main thread does', async () => {
    const [a, b] = storyRecords()
      .slice(0, 2)
      .map((d) => {
        const r = prepare(d);
        if (!r.ok) throw new Error(r.error.reason);
        return { body: r.value.cleaned.body, sentences: r.value.sentences };
      });
    const pool = new PreparePool(1);
    try {
      const got = await pool.align(a, b);
      expect(got.passages.length).toBeGreaterThan(0);
      expect(got).toEqual(align(a, b));
    } finally {
      await pool.close();
    }
  });
});
