import { describe, expect, it } from 'vitest';
import { storyRecords } from '../../test/engine/story-records.js';
import { SqliteStore } from '../store/sqlite.js';
import { PHASES, PhaseClock } from './clock.js';
import { Engine } from './engine.js';

describe('PhaseClock', () => {
  it('sums laps per phase and starts again from zero when taken', () => {
    const clock = new PhaseClock();
    clock.start();
    const until = performance.now() + 2;
    while (performance.now() < until);
    clock.lap('write');
    clock.lap('commit');
    const ms = clock.take();
    expect(Object.keys(ms)).toEqual([...PHASES]);
    expect(ms.write).toBeGreaterThanOrEqual(2);
    expect(ms.commit).toBeLessThan(ms.write);
    expect(clock.take().write).toBe(0);
  });

  it('times the engine without changing what it stores, on the main thread and with prepare threads', async () => {
    for (const threads of [0, 1]) {
      const stories = async (clock?: PhaseClock) => {
        const store = new SqliteStore(':memory:');
        await new Engine(store, { batchSize: 4, threads, clock }).add(storyRecords());
        const list = (await store.listStories()).map((s) => [s.id, s.articles, s.outlets]);
        await store.close();
        return list;
      };
      const clock = new PhaseClock();
      const timed = await stories(clock);
      expect(timed.length).toBeGreaterThan(1);
      expect(timed).toEqual(await stories());
      const ms = clock.take();
      for (const p of ['weigh', 'look-up', 'overlap', 'decide', 'write', 'relate', 'relations', 'commit'] as const)
        expect(ms[p], `${p} with ${threads} threads`).toBeGreaterThan(0);
    }
  });
});
