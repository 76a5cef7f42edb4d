/** How a PostgreSQL store is opened. */
export interface PostgresOptions {
  /** Schema (namespace) holding the tables; default `newstrace`, or the URL's `?schema=` parameter. */
  schema?: string;
  /** Apply missing migrations on open (tests, first runs); otherwise an unmigrated database is refused. */
  migrate?: boolean;
}

/** Splits `?schema=` off a connection URL. */
export function parsePostgresUrl(url: string): { connectionString: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}
