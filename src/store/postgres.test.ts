import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeConformance } from '../../test/lib/store-conformance.js';
import { migrate, PostgresStore } from './postgres.js';
import { MIGRATIONS } from './postgres-schema.js';

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
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
        await client.query(
          'CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ)',
        );
        for (const m of MIGRATIONS.filter((x) => x.id <= 4)) {
          await client.query(m.sql);
          await client.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
        }
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
});
