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
});
