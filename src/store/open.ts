import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Default store file when neither --db nor NEWSTRACE_DB says otherwise. */
export const DEFAULT_DB = './newstrace.db';

export function resolveDb(flag?: string): string {
  return flag ?? process.env.NEWSTRACE_DB ?? DEFAULT_DB;
}

/** Opens the store a `--db` value names: a `postgres://` URL or a SQLite file path. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** A connection URL with its password hidden, for messages. */
export function redact(spec: string): string {
  return spec.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@');
}

export async function openStore(spec: string, opts: { migrate?: boolean } = {}): Promise<Store> {
  try {
    if (isPostgresUrl(spec)) return await PostgresStore.open(spec, { migrate: opts.migrate });
    return new SqliteStore(spec);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new StoreOpenError(`cannot open the store ${redact(spec)}: ${msg}`);
  }
}

export class StoreOpenError extends Error {}
