/**
 * The PostgreSQL store (`postgres/`): the store with its connection, transactions and writes (`store.ts`), what its
 * commits keep in memory and each transaction's own state (`memory.ts`), story summaries and names (`stories.ts`),
 * the relations a transaction writes together (`relations.ts`), the front ends' reads (`reads.ts`), story search
 * (`search.ts`), the migrations (`migrations.ts`) and how a store is opened (`options.ts`).
 */
export { PostgresStore } from './postgres/store.js';
export { parsePostgresUrl, type PostgresOptions } from './postgres/options.js';
export { migrate, MIGRATIONS } from './postgres/migrations.js';
