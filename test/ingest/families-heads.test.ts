import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scorePageHeads } from '../../bench/lib/page-heads.js';
import { Engine } from '../../src/engine/engine.js';
import { readInputs } from '../../src/ingest/index.js';
import { SqliteStore } from '../../src/store/sqlite.js';

/**
 * The real pages of ../shared/families as a user adds them: titles and publication dates read from the page text
 * (issue 26's acceptance figures), and every story named.
 */
const FAMILIES = '../shared/families';
const why = existsSync(join(FAMILIES, 'families.jsonl')) ? '' : `${FAMILIES} is not there`;
if (why) console.warn(`skipping the families page-head tests: ${why}`);

describe.skipIf(!!why)('families: page heads and story names', () => {
  it('titles right on at least .90 of the labelled pages; text dates right on .90, none off by more than a day', () => {
    const s = scorePageHeads(FAMILIES)!;
    expect(s.titleRight.engine / s.titled).toBeGreaterThanOrEqual(0.9);
    expect(s.dateRight.engine / s.dated).toBeGreaterThanOrEqual(0.9);
    expect(s.dateWrong.engine).toBe(0);
  });

  it('names every story when the texts folder is added', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-fam-names-'));
    const store = new SqliteStore(join(dir, 'f.db'));
    try {
      const r = await new Engine(store).add(readInputs([join(FAMILIES, 'texts')]));
      expect(r.errorList).toEqual([]);
      const stories = await store.listStories();
      expect(stories.length).toBeGreaterThan(10);
      for (const s of stories) {
        expect(s.title, s.id).toBeTruthy();
        expect(s.title).not.toMatch(/^untitled|^by |^updated |^\d+\/\d+$/i);
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
