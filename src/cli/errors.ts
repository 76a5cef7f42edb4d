/** Every error the command line reports, with its exit code and what to do next, in one table. */
export const EXIT = {
  ok: 0,
  /** Something fatal: the store could not be opened, a story or article does not exist. */
  failure: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** The run finished, but some input records were rejected (listed with their reasons). */
  someRecordsRejected: 3,
} as const;

export const MESSAGES = {
  noStory: (id: string) => `no story ${id} in this store; list them with 'newstrace stories'`,
  noArticle: (id: string) => `no article ${id} in this store; 'newstrace show <story>' lists article ids`,
  noStore: (path: string) =>
    `no store at ${path}: check --db (or $NEWSTRACE_DB), or create one with 'newstrace add FILES --db ${path}'`,
  cannotListen: (host: string, port: number, code: string) =>
    code === 'EADDRINUSE'
      ? `port ${port} on ${host} is in use by another program: pick another with --port (0 picks a free one)`
      : `cannot listen on ${host}:${port} (${code}): pick another --host or --port`,
  noInputs: () => `no input given: name files or folders, or '-' for standard input`,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}
