/**
 * The embedded default store, one SQLite file: its parts are in `sqlite/` (the schema, its migrations, the prepared
 * statements, row conversions, the look-up index's snapshot file, and the store itself).
 */
export { SqliteStore } from './sqlite/store.js';
export { SCHEMA_VERSION } from './sqlite/schema.js';
export { lookUpSnapshotFile, SNAPSHOT_MIN_ARTICLES } from './sqlite/snapshot.js';
