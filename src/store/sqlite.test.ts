import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/lib/random.js';
import { storeConformance } from '../../test/lib/store-conformance.js';
import { lookUpSnapshotFile, SCHEMA_VERSION, SqliteStore } from './sqlite.js';
import type { StoredArticle } from './types.js';

/** A minimal article `a<n>` of story `s<n>` (override any field). */
function art(n: number, extra: Partial<StoredArticle> = {}): StoredArticle {
  return {
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
    cues: { figures: new Uint32Array(), eventTime: { basis: 'none', confidence: 0, years: [], evidence: [] } },
    storyId: `s${n}`,
    ...extra,
  };
}

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
          await s.putArticle(art(n), new Uint32Array(), Uint32Array.from([5]));
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

  it('migrates a schema-3 store in place: the full-text index is built again with its prefixes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const s = new SqliteStore(path);
    await s.transaction(async () => {
      await s.putArticle(
        art(1, { body: 'The ministry statement on the convoy' }),
        new Uint32Array(),
        new Uint32Array(),
      );
      await s.putArticle(art(2, { body: 'Themes of the season' }), new Uint32Array(), new Uint32Array());
    });
    // Schema 3's full-text index had no prefix index, and there was no (seq, story_id) index.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (s as any).db
      .exec(`DROP TABLE articles_fts; DROP INDEX articles_seq_story; ALTER TABLE articles DROP COLUMN origin_story;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='seq');
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
      UPDATE meta SET value = '3' WHERE key = 'schema_version';`);
    await s.close();
    const m = new SqliteStore(path);
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const db = (m as any).db;
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe(
        String(SCHEMA_VERSION),
      );
      expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'articles_fts'`).pluck().get()).toContain(
        "prefix='3'",
      );
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'articles_seq_story'`).pluck().get()).toBe(
        'articles_seq_story',
      );
      expect((await m.findStories({ text: 'the' })).map((x) => x.id).sort()).toEqual(['s1', 's2']);
      expect((await m.findStories({ text: 'minist conv' })).map((x) => x.id)).toEqual(['s1']);
      expect((await m.findStories({ text: 'them' })).map((x) => x.id)).toEqual(['s2']);
      // The story an older article was first put in is not known: its current one stands for it.
      await m.mergeStories('s2', 's1');
      expect((await m.getSketches(['a2'])).map((k) => [k.storyId, k.originStoryId])).toEqual([['s1', 's1']]);
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Schema 1 kept band keys and postings in rowid tables with a secondary index, schema 2 in clustered tables; both
  // had a document-frequency table and neither kept them in the article rows.
  const OLD_TABLES = {
    1: `CREATE TABLE bands (key INTEGER NOT NULL, seq INTEGER NOT NULL); CREATE INDEX bands_key ON bands(key);
      CREATE TABLE postings (term INTEGER NOT NULL, seq INTEGER NOT NULL);
      CREATE INDEX postings_term ON postings(term, seq);
      ALTER TABLE stories DROP COLUMN title_seq; ALTER TABLE stories DROP COLUMN title_at; DROP TABLE story_outlets;`,
    2: `CREATE TABLE bands (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
      CREATE TABLE postings (term INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (term, seq)) WITHOUT ROWID;`,
  };
  for (const version of [1, 2] as const) {
    it(`migrates a schema-${version} store in place, keeping its look-ups`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
      const path = join(dir, 't.db');
      const s = new SqliteStore(path);
      await s.transaction(async () => {
        await s.putArticle(art(1, { terms: Uint32Array.from([5, 7]) }), new Uint32Array(), new Uint32Array());
        await s.putArticle(art(2, { storyId: 's1' }), new Uint32Array(), new Uint32Array());
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (s as any).db.exec(`${OLD_TABLES[version]}
        INSERT INTO bands (key, seq) VALUES (11, 1), (12, 1), (12, 2);
        INSERT INTO postings (term, seq) VALUES (5, 1), (7, 1), (5, 2);
        CREATE TABLE df (term INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO df (term, n) VALUES (5, 2), (7, 1);
        ALTER TABLE articles DROP COLUMN band_keys; ALTER TABLE articles DROP COLUMN posting;
        ALTER TABLE articles DROP COLUMN origin_story;
        UPDATE meta SET value = '${version}' WHERE key = 'schema_version';`);
      await s.close();
      const m = new SqliteStore(path);
      try {
        expect(await m.bandCandidates(Uint32Array.from([12]))).toEqual(['a1', 'a2']);
        expect(await m.bandCandidates(Uint32Array.from([11]))).toEqual(['a1']);
        expect(await m.termCandidates(Uint32Array.from([5, 7]), 10)).toEqual(['a1', 'a2']);
        expect(Array.from(await m.documentFrequencies(Uint32Array.from([5, 7, 9])))).toEqual([2, 1, 0]);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const db = (m as any).db;
        expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe(
          String(SCHEMA_VERSION),
        );
        expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('bands', 'postings', 'df')`).all()).toEqual(
          [],
        );
        // The story summary goes on from the migrated counts.
        await m.transaction(async () => {
          await m.putArticle(
            art(3, { storyId: 's1', title: 'Earlier', publishedAt: '2022-01-01' }),
            Uint32Array.from([12]),
            new Uint32Array(),
          );
        });
        expect(await m.bandCandidates(Uint32Array.from([12]))).toEqual(['a1', 'a2', 'a3']);
        expect(await m.listStories()).toMatchObject([
          { id: 's1', articles: 3, outlets: 3, firstSeen: '2022-01-01', title: 'Earlier' },
        ]);
      } finally {
        await m.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('migrates a schema-5 store in place: each story’s languages are read from its articles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const s = new SqliteStore(path);
    const cues = (language: string) => ({ ...art(1).cues, language });
    await s.transaction(async () => {
      await s.putArticle(art(1, { storyId: 's1', cues: cues('eng') }), new Uint32Array(), new Uint32Array());
      await s.putArticle(art(2, { storyId: 's1', cues: cues('fra') }), new Uint32Array(), new Uint32Array());
      await s.putArticle(art(3, { storyId: 's2', cues: cues('und') }), new Uint32Array(), new Uint32Array());
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (s as any).db.exec(`DELETE FROM story_languages; UPDATE meta SET value = '5' WHERE key = 'schema_version';`);
    await s.close();
    const m = new SqliteStore(path);
    try {
      const outlines = await m.storyOutlines(['s1', 's2'], 5);
      expect(outlines.map((o) => o.languages)).toEqual([['eng', 'fra'], []]);
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps story summaries per article and per merge equal to a recount from the articles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const s = new SqliteStore(join(dir, 't.db'));
    // A small seeded generator, so a failure repeats.
    const next = mulberry32(7);
    const rnd = (n: number) => Math.floor(next() * n);
    const recount = async () => {
      const kept = await s.listStories();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      for (const k of kept) (s as any).rebuildStory(k.id);
      expect(await s.listStories()).toEqual(kept);
      return kept;
    };
    try {
      const live = new Set<string>();
      await s.transaction(async () => {
        for (let n = 1; n <= 400; n++) {
          const storyId = live.size > 0 && rnd(3) > 0 ? [...live][rnd(live.size)] : `s${n}`;
          live.add(storyId);
          const day = rnd(4) === 0 ? undefined : `2022-0${1 + rnd(9)}-1${rnd(10)}`;
          await s.putArticle(
            art(n, {
              outlet: rnd(2) ? `outlet${rnd(6)}` : undefined,
              title: rnd(3) ? `Title ${n}` : undefined,
              publishedAt: day,
              terms: Uint32Array.from([n]),
              storyId,
            }),
            new Uint32Array(),
            new Uint32Array(),
          );
          await s.refreshStory(storyId);
          if (n % 50 === 0) await recount();
          if (live.size > 2 && rnd(30) === 0) {
            const [from, into] = [[...live][rnd(live.size)], [...live][rnd(live.size)]];
            await s.mergeStories(from, into);
            if (from !== into) live.delete(from);
          }
        }
      });
      const kept = await recount();
      expect(kept.length).toBe(live.size);
      expect(kept.filter((k) => k.articles > 5).length).toBeGreaterThan(3);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a snapshot of its look-up index beside the file, and reads it only while it fits the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
    const path = join(dir, 't.db');
    const put = async (s: SqliteStore, from: number, to: number) =>
      s.transaction(async () => {
        for (let n = from; n <= to; n++)
          await s.putArticle(
            art(n, { terms: Uint32Array.from([5, 100 + (n % 7)]) }),
            Uint32Array.from([n % 5, 50 + (n % 3)]),
            Uint32Array.from([5, 100 + (n % 7)]),
          );
      });
    const look = async (s: SqliteStore) => ({
      bands: await s.bandCandidates(Uint32Array.from([2, 51])),
      terms: await s.termCandidates(Uint32Array.from([103, 5]), 20),
      df: Array.from(await s.documentFrequencies(Uint32Array.from([5, 103, 9]))),
    });
    try {
      const a = new SqliteStore(path, { snapshotMinArticles: 10 });
      await put(a, 1, 30);
      const before = await look(a);
      expect(a.lookUpSource).toBe('rows');
      await a.close();
      expect(existsSync(lookUpSnapshotFile(path))).toBe(true);

      // Read back, then caught up with what was added without it.
      const b = new SqliteStore(path, { snapshotMinArticles: 1_000_000 });
      expect(await look(b)).toEqual(before);
      expect(b.lookUpSource).toBe('snapshot');
      await put(b, 31, 45);
      const more = await look(b);
      await b.close();
      const c = new SqliteStore(path);
      await put(c, 46, 50);
      const all = await look(c);
      expect(c.lookUpSource).toBe('snapshot');
      await c.close();
      rmSync(lookUpSnapshotFile(path));
      const fresh = new SqliteStore(path);
      expect(await look(fresh)).toEqual(all);
      expect(fresh.lookUpSource).toBe('rows');
      await fresh.close();
      expect(more).not.toEqual(before);

      // A snapshot of another store, or a damaged one, is not read: here the same article ids, at the same seqs,
      // with band keys computed otherwise (as by another version).
      const other = join(dir, 'o.db');
      const o = new SqliteStore(other, { snapshotMinArticles: 1 });
      await o.transaction(async () => {
        for (let n = 1; n <= 3; n++) await o.putArticle(art(n), Uint32Array.from([n + 7]), Uint32Array.from([5]));
      });
      await look(o);
      await o.close();
      copyFileSync(lookUpSnapshotFile(other), lookUpSnapshotFile(path));
      const d = new SqliteStore(path);
      expect(await look(d)).toEqual(all);
      expect(d.lookUpSource).toBe('rows');
      await d.close();
      writeFileSync(lookUpSnapshotFile(path), readFileSync(lookUpSnapshotFile(other)).subarray(0, 200));
      const e = new SqliteStore(path);
      expect(await look(e)).toEqual(all);
      expect(e.lookUpSource).toBe('rows');
      await e.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
