import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { LookUpIndex } from '../look-up-index.js';
import { SCHEMA_VERSION } from './schema.js';

/**
 * The snapshot of a SQLite store's look-up index: a file beside the store, written when it is closed, so the next
 * process reads the index instead of rebuilding it from every article row.
 */

/**
 * A store of at least this many articles keeps a snapshot of its look-up index beside its file (`<file>.lookup`),
 * written when it is closed, so the next process reads the index instead of rebuilding it from every article row
 * (BENCHMARKS.md "Scale": 50 s to rebuild on 842,234 articles, 2 s to read the snapshot).
 */
export const SNAPSHOT_MIN_ARTICLES = 10_000;

/** The file beside a store file that holds the snapshot of its look-up index (SNAPSHOT_MIN_ARTICLES). */
export function lookUpSnapshotFile(path: string): string {
  return `${path}.lookup`;
}

/**
 * What a snapshot must match to be read: the schema, and the store's own article at the snapshot's highest seq with
 * as many articles up to it (rows are only ever appended, so those up to it are the ones it was built from).
 */
function snapshotStamp(db: Database.Database, upTo: number): Record<string, unknown> {
  const row = db.prepare('SELECT id, band_keys, posting, terms FROM articles WHERE seq = ?').get(upTo) as
    { id: string; band_keys: Buffer; posting: Buffer; terms: Buffer } | undefined;
  // What the index took from that row, so that a snapshot of rows computed otherwise (another version's terms or
  // keys, the same ids) is not read.
  const digest = row
    ? createHash('sha1').update(row.band_keys).update(row.posting).update(row.terms).digest('hex')
    : null;
  // Counted on the story index, which holds every seq: a range of the table itself walks its long rows.
  const n = db
    .prepare('SELECT count(*) FROM articles INDEXED BY articles_story WHERE seq <= ?')
    .pluck()
    .get(upTo) as number;
  return { schema: SCHEMA_VERSION, upTo, id: row?.id ?? null, digest, articles: n };
}

/** The look-up index of the snapshot file at `path`, or undefined when there is none or it does not fit the store. */
export function readSnapshot(db: Database.Database, path: string): LookUpIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const stamp = LookUpIndex.snapshotStamp(bytes);
  if (!stamp || typeof stamp.upTo !== 'number') return undefined;
  if (JSON.stringify(stamp) !== JSON.stringify(snapshotStamp(db, stamp.upTo))) return undefined;
  let ix: LookUpIndex | undefined;
  try {
    ix = LookUpIndex.fromSnapshot(bytes);
  } catch {
    return undefined;
  }
  if (!ix || ix.upTo !== stamp.upTo || ix.size !== stamp.articles) return undefined;
  return ix;
}

/**
 * Writes the look-up index to the snapshot file at `path`: to a temporary file first, renamed over the old one, so a
 * reader sees a whole snapshot or the one before. False when it cannot be written (the store is whole without it).
 */
export function writeSnapshot(db: Database.Database, path: string, ix: LookUpIndex): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      for (const b of ix.toSnapshot(snapshotStamp(db, ix.upTo)))
        for (let at = 0; at < b.length;) at += writeSync(fd, b, at);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}
