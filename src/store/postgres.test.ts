import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeConformance } from '../../test/lib/store-conformance.js';
import { PostgresStore } from './postgres.js';

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
});
