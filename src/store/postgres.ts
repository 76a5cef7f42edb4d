/**
 * The PostgreSQL store (`postgres/`): the store and its connection, caches and writes (`store.ts`), the front ends'
 * reads (`reads.ts`), story search (`search.ts`) and the migrations (`migrations.ts`).
 */
export { PostgresStore } from './postgres/store.js';
export { parsePostgresUrl, type PostgresOptions } from './postgres/options.js';
export { migrate, MIGRATIONS } from './postgres/migrations.js';
