import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../../bench/lib/snapshot.js';
import { Engine } from '../../src/engine/engine.js';
import { jsonRecord } from '../../src/ingest/records.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { peerKit } from '../lib/shared.js';

/**
 * `add --threads` against the main thread on the peer kit's corpus-10k, where the local re-clustering moves members
 * out of stories after relations to them were handed to a thread in the same batch: the relations a move drops must
 * not be written when their alignment comes back (it happened on 7 stories of 10,000 before it was fixed). The
 * smaller fixtures of `src/engine/prepare-pool.test.ts` hold no such move. Skipped, saying why, without the kit.
 */
const CORPUS = join('data', 'corpus-10k.jsonl');
const kit = peerKit(CORPUS);
if (!kit)
  console.warn('add --threads on corpus-10k skipped: the peer kit is not set up (.tmp/peers or ../shared/peers)');

describe.skipIf(!kit)('Engine with prepare threads on a large corpus', () => {
  it('gives the same stories, relations and fact tables as the main thread', async () => {
    const lines = readFileSync(join(kit!, CORPUS), 'utf8').trim().split('\n');
    const records = lines.map((l, i) => {
      try {
        return jsonRecord(JSON.parse(l), `corpus-10k.jsonl:${i + 1}`);
      } catch {
        return { ok: false as const, error: { source: `corpus-10k.jsonl:${i + 1}`, reason: 'not JSON' } };
      }
    });
    const run = async (threads: number) => {
      const store = new SqliteStore(':memory:');
      await new Engine(store, { threads }).add(records);
      const snap = await snapshot(store);
      await store.close();
      return snap;
    };
    expect(await run(1)).toEqual(await run(0));
  }, 300_000);
});
