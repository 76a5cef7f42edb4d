import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeConformance } from './conformance.js';
import { SqliteStore } from './sqlite.js';

storeConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
  const path = join(dir, 't.db');
  return {
    store: new SqliteStore(path),
    reopen: async () => new SqliteStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteStore', () => {
  it('refuses a store written with another schema version, saying what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const s = new SqliteStore(path);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (s as any).db.prepare(`UPDATE meta SET value = '999' WHERE key = 'schema_version'`).run();
    void s.close();
    expect(() => new SqliteStore(path)).toThrow(/schema 999.*reprocess/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees what another process wrote to the same file, though it caches what it read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const a = new SqliteStore(path);
    const b = new SqliteStore(path);
    try {
      const put = (s: SqliteStore, n: number) =>
        s.transaction(async () => {
          await s.putArticle(
            {
              id: `a${n}`,
              seq: n,
              source: `in/${n}`,
              raw: { source: `in/${n}`, format: 'text', content: 'x', meta: {} },
              text: 'x',
              body: 'x',
              kept: [],
              removed: [],
              sentences: [],
              facts: [],
              shingles: Uint32Array.from([n]),
              signature: Uint32Array.from([n]),
              terms: Uint32Array.from([5]),
              weights: Float32Array.from([1]),
              storyId: `s${n}`,
            },
            new Uint32Array(),
            Uint32Array.from([5]),
          );
        });
      await put(a, 1);
      expect(Array.from(await a.documentFrequencies(Uint32Array.from([5])))).toEqual([1]);
      expect(await a.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a1']);
      await put(b, 2);
      expect(Array.from(await a.documentFrequencies(Uint32Array.from([5])))).toEqual([2]);
      expect(await a.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a2', 'a1']);
      await b.mergeStories('s1', 's2');
      expect((await a.getSketches(['a1'])).map((k) => k.storyId)).toEqual(['s2']);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates a schema-1 store in place, keeping its look-ups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const s = new SqliteStore(path);
    await s.transaction(async () => {
      await s.putArticle(
        {
          id: 'a1',
          seq: 1,
          source: 'in/1',
          raw: { source: 'in/1', format: 'text', content: 'x', meta: {} },
          text: 'x',
          body: 'x',
          kept: [],
          removed: [],
          sentences: [],
          facts: [],
          shingles: Uint32Array.from([1]),
          signature: Uint32Array.from([1]),
          terms: Uint32Array.from([5]),
          weights: Float32Array.from([1]),
          storyId: 's1',
        },
        Uint32Array.from([11, 12]),
        Uint32Array.from([5]),
      );
    });
    // Rewrite the two tables as schema 1 had them: rowid tables with a secondary index.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (s as any).db.exec(`
      CREATE TABLE b1 (key INTEGER NOT NULL, seq INTEGER NOT NULL); INSERT INTO b1 SELECT key, seq FROM bands;
      DROP TABLE bands; ALTER TABLE b1 RENAME TO bands; CREATE INDEX bands_key ON bands(key);
      CREATE TABLE p1 (term INTEGER NOT NULL, seq INTEGER NOT NULL); INSERT INTO p1 SELECT term, seq FROM postings;
      DROP TABLE postings; ALTER TABLE p1 RENAME TO postings; CREATE INDEX postings_term ON postings(term, seq);
      UPDATE meta SET value = '1' WHERE key = 'schema_version';`);
    await s.close();
    const m = new SqliteStore(path);
    try {
      expect(await m.bandCandidates(Uint32Array.from([12]))).toEqual(['a1']);
      expect(await m.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a1']);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const db = (m as any).db;
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe('2');
      expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'bands'`).pluck().get()).toMatch(/WITHOUT ROWID/);
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
