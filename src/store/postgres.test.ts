import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeConformance, storedArticle } from '../../test/lib/store-conformance.js';
import { migrate, PostgresStore } from './postgres.js';
import { MIGRATIONS } from './postgres/migrations.js';

/**
 * The Store conformance suite on a real PostgreSQL server: $NEWSTRACE_TEST_PG, else the local server this machine
 * kind runs (.ci/run starts it where it is installed but stopped). Skipped, saying why, only when none answers.
 */
const URL = process.env.NEWSTRACE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

const why = await reachable();
if (why) console.warn(`PostgreSQL store tests skipped: no server at ${URL} (${why}); set NEWSTRACE_TEST_PG`);

/**
 * A schema as a release that had applied migrations 1 to `upTo` left it, on a client of the pool (to be released by
 * the caller), its search path set to it.
 */
async function legacySchema(pool: pg.Pool, schema: string, upTo: number): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
  await client.query('CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ)');
  for (const m of MIGRATIONS.filter((x) => x.id <= upTo)) {
    await client.query(m.sql);
    await client.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
  return client;
}

let n = 0;
const schemaName = () => `t_${process.pid}_${Date.now().toString(36)}_${n++}`;

describe.skipIf(!!why)('PostgresStore', () => {
  storeConformance('postgres', async () => {
    const schema = schemaName();
    const store = await PostgresStore.open(URL, { schema, migrate: true });
    return {
      store,
      reopen: async () => PostgresStore.open(URL, { schema }),
      cleanup: async () => {
        const s = await PostgresStore.open(URL, { schema });
        await s.dropSchema();
        await s.close();
      },
    };
  });

  it('refuses an unmigrated database, naming the command that fixes it', async () => {
    await expect(PostgresStore.open(URL, { schema: schemaName() })).rejects.toThrow(/newstrace migrate/);
  });

  it('indexes the words of the articles stored before story search had its index', async () => {
    const schema = schemaName();
    const pool = new pg.Pool({ connectionString: URL });
    try {
      // A database as the release before the search index left it: migrations 1-4, two articles stored.
      const client = await legacySchema(pool, schema, 4);
      try {
        for (const [seq, title, body] of [
          [1, 'Ferry aground off Brač', 'The ferry Marjana struck rocks.'],
          [2, null, 'Le pont d’Évreux est fermé.'],
        ])
          await client.query(
            `INSERT INTO articles (seq, id, source, title, raw, text, body, kept, removed, sentences, facts, shingles,
               signature, terms, weights, story_id)
             VALUES ($1, $2, 'in', $3, '{}', '', $4, '[]', '[]', '[]', '[]', '', '', '', '', $2)`,
            [seq, `a${seq}`, title, body],
          );
        await client.query(`INSERT INTO stories (id, n_articles, n_outlets) VALUES ('a1', 1, 1), ('a2', 1, 1)`);
      } finally {
        client.release();
      }
      expect(await migrate(pool, schema)).toEqual(MIGRATIONS.filter((x) => x.id > 4).map((x) => x.name));
      const store = await PostgresStore.open(URL, { schema });
      try {
        expect((await store.findStories({ text: 'brac marj' })).map((x) => x.id)).toEqual(['a1']);
        expect((await store.findStories({ text: 'evreux' })).map((x) => x.id)).toEqual(['a2']);
      } finally {
        await store.dropSchema();
        await store.close();
      }
    } finally {
      await pool.end();
    }
  });

  it('keeps the candidate look-up of articles stored when band keys and postings were tables', async () => {
    const schema = schemaName();
    const pool = new pg.Pool({ connectionString: URL });
    try {
      // A database as the release before the in-memory look-up left it: migrations 1-6, two articles with their
      // band keys, postings and document frequencies as rows.
      const client = await legacySchema(pool, schema, 6);
      try {
        const terms = (xs: number[]) => Buffer.from(Uint32Array.from(xs).buffer);
        for (const [seq, keys, posting, salient] of [
          [1, [11, 12], [7, 8], [7, 8, 9]],
          [2, [12, 13], [8], [8, 9]],
        ] as Array<[number, number[], number[], number[]]>) {
          await client.query(
            `INSERT INTO articles (seq, id, source, raw, text, body, kept, removed, sentences, facts, shingles,
               signature, terms, weights, story_id)
             VALUES ($1, $2, 'in', '{}', '', 'x', '[]', '[]', '[]', '[]', '', '', $3, '', $2)`,
            [seq, `a${seq}`, terms(salient)],
          );
          await client.query('INSERT INTO bands (key, seq) SELECT unnest($1::bigint[]), $2', [keys, seq]);
          await client.query('INSERT INTO postings (term, seq) SELECT unnest($1::bigint[]), $2', [posting, seq]);
        }
      } finally {
        client.release();
      }
      expect(await migrate(pool, schema)).toEqual(MIGRATIONS.filter((x) => x.id > 6).map((x) => x.name));
      const tables = await pool.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('bands', 'postings', 'df')`,
        [schema],
      );
      expect(tables.rows).toEqual([]);
      const store = await PostgresStore.open(URL, { schema });
      try {
        expect(await store.bandCandidates(Uint32Array.from([11]))).toEqual(['a1']);
        expect(await store.bandCandidates(Uint32Array.from([12]))).toEqual(['a1', 'a2']);
        expect(await store.termCandidates(Uint32Array.from([7, 8]), 10)).toEqual(['a1', 'a2']);
        expect(Array.from(await store.documentFrequencies(Uint32Array.from([7, 8, 9, 10])))).toEqual([1, 2, 2, 0]);
      } finally {
        await store.dropSchema();
        await store.close();
      }
    } finally {
      await pool.end();
    }
  });

  it("sees another process's articles: outside a transaction at once, inside one from its first look-up", async () => {
    const schema = schemaName();
    const a = await PostgresStore.open(URL, { schema, migrate: true });
    const b = await PostgresStore.open(URL, { schema });
    const article = (seq: number) => storedArticle(seq, `p${seq}`, { id: `p${seq}` });
    try {
      expect(await b.bandCandidates(Uint32Array.from([5]))).toEqual([]);
      await a.transaction(() => a.putArticle(article(1), Uint32Array.from([5]), Uint32Array.from([9])));
      expect(await b.bandCandidates(Uint32Array.from([5]))).toEqual(['p1']);
      await b.transaction(async () => {
        expect(await b.nextSeq()).toBe(2);
        // Appended by another process after this transaction's first look-up: seen by the next transaction (a worker's
        // commit holds the commit lock for its whole transaction, so none is appended under it).
        await a.transaction(() => a.putArticle(article(2), Uint32Array.from([5]), Uint32Array.from([9])));
        expect(await b.nextSeq()).toBe(2);
      });
      await b.transaction(async () => {
        expect(await b.nextSeq()).toBe(3);
        expect(await b.termCandidates(Uint32Array.from([9]), 10)).toEqual(['p2', 'p1']);
      });
      // A rolled-back article leaves no trace in the index.
      await expect(
        b.transaction(async () => {
          await b.putArticle(article(3), Uint32Array.from([5]), Uint32Array.from([9]));
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      expect(await b.bandCandidates(Uint32Array.from([5]))).toEqual(['p1', 'p2']);
    } finally {
      await b.close();
      await a.dropSchema();
      await a.close();
    }
  });
});
