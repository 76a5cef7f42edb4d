import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { BATCH_SIZE, Engine, type AddResult } from '../engine/engine.js';
import { diffArticles, loadStory, storiesOf } from '../engine/queries.js';
import { readInputs } from '../ingest/index.js';
import { articleJson, diffJson, reportOf, storyJson } from '../report/json.js';
import { factDiffText, factTableCsv, factTableJson, factTableText, storyFactTable } from '../report/facts.js';
import { colorWanted, makeStyle } from '../report/style.js';
import { diffFacts } from '../claims/compare.js';
import { claimsCsv, claimsJson, claimsOf, claimsText } from '../report/claims.js';
import { diffText, errorsText, storiesText, storyText } from '../report/text.js';
import { lookUpJson, lookUpText, type LookUpJson } from '../report/lookup.js';
import type { RawDoc, RecordError } from '../model/index.js';
import { derived, passagesFrom } from '../model/index.js';
import { isPostgresUrl, openStore, redact, resolveDb, StoreOpenError } from '../store/open.js';
import { PostgresStore } from '../store/postgres.js';
import type { Store } from '../store/types.js';
import { lookUpSnapshotFile } from '../store/sqlite.js';
import { enqueue, LEASE_MS, runWorker } from '../worker/queue.js';
import { CliError, EXIT, MESSAGES } from './errors.js';
import { progressReporter } from './progress.js';
import { POLL_INTERVAL_MS, runWatch } from './watch.js';
import { DEFAULT_HOST, DEFAULT_PORT, packageVersion, startServer } from '../server/serve.js';

const dbOption = () =>
  new Option('--db <file>', 'store: a SQLite file (default ./newstrace.db, or $NEWSTRACE_DB)').default(undefined);

function textOptions() {
  return { color: colorWanted(process.stdout), width: Math.min(process.stdout.columns || 120, 200) };
}

function print(s: string): void {
  process.stdout.write(s);
}

function printJson(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + '\n');
}

/**
 * withStore for commands that only read: a SQLite file that does not exist is a mistyped `--db` (opening it would
 * create an empty store and answer "nothing here"), reported as such.
 */
async function withReadStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const spec = resolveDb(db);
  if (!isPostgresUrl(spec) && !existsSync(spec)) throw new CliError(MESSAGES.noStore(spec));
  return withStore(spec, fn);
}

async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(resolveDb(db));
  } catch (e) {
    if (e instanceof StoreOpenError) throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const batchOption = () =>
  new Option(
    '--batch <n>',
    `records per transaction (default ${BATCH_SIZE}); workers and single runs must agree`,
  ).argParser(positiveInt);

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

const threadsOption = () =>
  new Option(
    '--threads <n>',
    'worker threads for the per-article stages (default 0: one thread); the next batch is prepared while one is stored, with the same results',
  ).argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('a whole number 0-64');
    return n;
  });

async function ingest(
  store: Store,
  paths: string[],
  o: { batchSize?: number; threads?: number } = {},
): Promise<AddResult> {
  if (paths.length === 0) throw new CliError(MESSAGES.noInputs(), EXIT.usage);
  const progress = progressReporter(process.stderr);
  try {
    return await new Engine(store, { batchSize: o.batchSize, threads: o.threads }).add(
      readInputs(paths, { stdin: process.stdin, onNotice: (m) => process.stderr.write(`${m}\n`) }),
      progress.update,
    );
  } finally {
    progress.stop();
  }
}

function reportErrors(result: AddResult): void {
  if (result.errorList.length)
    process.stderr.write(errorsText(result.errorList, makeStyle(colorWanted(process.stderr))));
  process.stderr.write(
    `${result.added} added, ${result.skipped} already stored, ${result.errors} rejected (of ${result.read} records)\n`,
  );
  if (result.errors > 0) process.exitCode = EXIT.someRecordsRejected;
}

export interface ServeFlags {
  db?: string;
  port?: number;
  host?: string;
  token?: string;
  tokenFile?: string;
  allowHost?: string;
}

/** The write token: --token, else --token-file's first line, else $NEWSTRACE_TOKEN; none closes writes. */
export function serveToken(o: ServeFlags): string | undefined {
  if (o.token !== undefined && o.tokenFile !== undefined)
    throw new CliError('give the token once: --token or --token-file', EXIT.usage);
  if (o.tokenFile !== undefined) {
    let t: string;
    try {
      t = readFileSync(o.tokenFile, 'utf8').split('\n')[0].trim();
    } catch (e) {
      throw new CliError(`cannot read the token file ${o.tokenFile}: ${(e as Error).message}`, EXIT.usage);
    }
    if (!t) throw new CliError(`the token file ${o.tokenFile} is empty`, EXIT.usage);
    return t;
  }
  return o.token ?? (process.env.NEWSTRACE_TOKEN || undefined);
}

export function buildProgram(): Command {
  const program = new Command('newstrace')
    .description('Trace how a news story spreads and mutates across outlets.')
    .version(packageVersion(), '-V, --version', 'print the version of newstrace')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('add')
    .description('add articles (files, folders, JSON lines, - for stdin) to the store')
    .argument('<paths...>')
    .addOption(dbOption())
    .addOption(batchOption())
    .addOption(threadsOption())
    .option(
      '--enqueue',
      'PostgreSQL only: queue the records for `newstrace worker` processes instead of processing them',
    )
    .option('--json', 'print the run summary as JSON')
    .action(
      async (
        paths: string[],
        o: { db?: string; json?: boolean; batch?: number; threads?: number; enqueue?: boolean },
      ) => {
        await withStore(o.db, async (store) => {
          if (o.enqueue) {
            if (!(store instanceof PostgresStore))
              throw new CliError('--enqueue needs a PostgreSQL store: --db postgres://…', EXIT.usage);
            if (paths.length === 0) throw new CliError(MESSAGES.noInputs(), EXIT.usage);
            const q = await enqueue(
              store,
              readInputs(paths, { stdin: process.stdin, onNotice: (m) => process.stderr.write(`${m}\n`) }),
              o.batch ?? BATCH_SIZE,
            );
            if (o.json) printJson(q);
            else process.stderr.write(`${q.enqueued} records queued in ${q.batches} batches\n`);
            return;
          }
          const r = await ingest(store, paths, { batchSize: o.batch, threads: o.threads });
          if (o.json) {
            printJson({ added: r.added, skipped: r.skipped, read: r.read, articles: r.addedIds, errors: r.errorList });
            if (r.errors > 0) process.exitCode = EXIT.someRecordsRejected;
          } else reportErrors(r);
        });
      },
    );

  program
    .command('analyze')
    .description('add articles, then print the stories they belong to')
    .argument('<paths...>')
    .addOption(dbOption())
    .addOption(threadsOption())
    .option('--json', 'print the public JSON report')
    .action(async (paths: string[], o: { db?: string; json?: boolean; threads?: number }) => {
      await withStore(o.db, async (store) => {
        const r = await ingest(store, paths, { threads: o.threads });
        const stories = await storiesOf(store, [...r.addedIds, ...r.skippedIds]);
        if (o.json) {
          printJson(reportOf(stories, r.errorList));
          if (r.errors > 0) process.exitCode = EXIT.someRecordsRejected;
        } else {
          for (const s of stories) print(storyText(s.story, s.articles, textOptions()) + '\n');
          reportErrors(r);
        }
      });
    });

  program
    .command('stories')
    .description('list the stories in the store, largest first')
    .addOption(dbOption())
    .addOption(new Option('--limit <n>', 'at most this many').argParser(positiveInt))
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; json?: boolean; limit?: number }) => {
      await withReadStore(o.db, async (store) => {
        const list = await store.listStories({ limit: o.limit });
        if (o.json) printJson({ stories: list });
        else print(storiesText(list, textOptions()));
      });
    });

  program
    .command('show')
    .description('one story: its articles in time order, removed noise, relations with evidence and passages')
    .argument('<story>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { db?: string; json?: boolean }) => {
      await withReadStore(o.db, async (store) => {
        const s = await loadStory(store, id);
        if (!s) throw new CliError(MESSAGES.noStory(id));
        if (o.json) printJson(storyJson(s.story, s.articles));
        else print(storyText(s.story, s.articles, textOptions()));
      });
    });

  program
    .command('article')
    .description('one article: clean text, removed noise with reasons, facts with spans')
    .argument('<article>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { db?: string; json?: boolean }) => {
      await withReadStore(o.db, async (store) => {
        const a = await store.getArticle(id);
        if (!a) throw new CliError(MESSAGES.noArticle(id));
        if (o.json) printJson({ ...articleJson(a), storyId: a.storyId, body: a.body });
        else {
          const st = makeStyle(textOptions().color);
          print(
            `${st.bold(a.title ?? a.id)}\n${a.id}  ${a.publishedAt ?? 'date unknown'}  ${a.outlet ?? a.source}  story ${a.storyId}\n\n${a.body}\n\n`,
          );
          for (const r of a.removed) print(st.dim(`removed ${r.reason}: `) + st.strike(r.text) + '\n');
        }
      });
    });

  program
    .command('lookup')
    .description(
      'what a text is, without storing it: its story, earliest known source, closest version and what it changes',
    )
    .argument('<path>', 'a file (page, text, feed, JSON lines, WARC; every record in it is looked up) or - for stdin')
    .addOption(dbOption())
    .option('--add', 'store the records after looking them up')
    .option('--json', 'print JSON: one object with a look-up per record and the records that could not be read')
    .action(async (path: string, o: { db?: string; json?: boolean; add?: boolean }) => {
      const run = async (store: Store) => {
        const engine = new Engine(store);
        const lookups: LookUpJson[] = [];
        const errors: RecordError[] = [];
        const docs: RawDoc[] = [];
        const st = makeStyle(textOptions().color);
        for await (const item of readInputs([path], {
          stdin: process.stdin,
          onNotice: (m) => process.stderr.write(`${m}\n`),
        })) {
          const r = item.ok ? await engine.lookUp(item.doc) : item;
          if (!r.ok) {
            errors.push(r.error);
            continue;
          }
          if (item.ok) docs.push(item.doc);
          if (o.json) lookups.push(lookUpJson(r.value));
          else print(lookUpText(r.value, st) + '\n');
        }
        if (o.json) printJson({ lookups, errors });
        else if (errors.length) process.stderr.write(errorsText(errors, makeStyle(colorWanted(process.stderr))));
        if (errors.length) process.exitCode = EXIT.someRecordsRejected;
        if (o.add && docs.length) {
          const added = await engine.add(docs);
          process.stderr.write(`${added.added} added, ${added.skipped} already stored\n`);
        }
      };
      // A look-up only reads; with --add it writes, and a store that does not exist yet is created.
      if (o.add) await withStore(o.db, run);
      else await withReadStore(o.db, run);
    });

  program
    .command('diff')
    .description('two articles side by side with reused passages marked')
    .argument('<articleA>')
    .argument('<articleB>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (idA: string, idB: string, o: { db?: string; json?: boolean }) => {
      await withReadStore(o.db, async (store) => {
        const d = await diffArticles(store, idA, idB);
        if ('missing' in d) throw new CliError(MESSAGES.noArticle(d.missing));
        // Passages as A → B regardless of which one the relation calls earlier.
        const passages = passagesFrom(d.a.id, d.relation);
        if (o.json) printJson(diffJson(d.a, d.b, d.relation));
        else {
          const rel = [
            `relation: ${d.relation.from} ${derived(d.relation.kind) ? '→' : '↔'} ${d.relation.to}  ${d.relation.kind}${d.relation.commonSource ? ` (common source: ${d.relation.commonSource})` : ''}`,
            ...d.relation.evidence.map((e) => `  · ${e}`),
          ];
          print(diffText(d.a, d.b, passages, textOptions(), rel));
          const st = makeStyle(textOptions().color);
          print(
            `\n${st.bold(`Facts: what ${d.b.id} changes against ${d.a.id}`)}\n${factDiffText(diffFacts(d.a, d.b), st)}`,
          );
        }
      });
    });

  program
    .command('worker')
    .description('PostgreSQL only: take queued records (add --enqueue), process them, and commit stories in order')
    .addOption(dbOption())
    .addOption(batchOption())
    .option('--idle-exit', 'exit once the queue is empty instead of waiting for more')
    .option(
      '--lease <seconds>',
      `how long a hung worker keeps its claimed records before others take them (default ${LEASE_MS / 1000})`,
      Number,
    )
    .option('--json', 'print the worker totals (records, articles, time preparing and committing) as JSON')
    .addOption(threadsOption())
    .action(
      async (o: {
        db?: string;
        batch?: number;
        idleExit?: boolean;
        lease?: number;
        json?: boolean;
        threads?: number;
      }) => {
        await withStore(o.db, async (store) => {
          if (!(store instanceof PostgresStore))
            throw new CliError('worker needs a PostgreSQL store: --db postgres://…', EXIT.usage);
          if (o.lease !== undefined && !(o.lease > 0))
            throw new CliError('--lease takes a positive number of seconds', EXIT.usage);
          const leaseMs = o.lease === undefined ? undefined : o.lease * 1000;
          const t = await runWorker(store, { batchSize: o.batch, idleExit: o.idleExit, leaseMs, threads: o.threads });
          if (o.json) printJson(t);
          else {
            if (t.errors.length) process.stderr.write(errorsText(t.errors, makeStyle(colorWanted(process.stderr))));
            process.stderr.write(
              `${t.prepared} records prepared, ${t.added} articles added, ${t.skipped} already stored, ${t.errors.length} rejected\n`,
            );
          }
          if (t.errors.length) process.exitCode = EXIT.someRecordsRejected;
        });
      },
    );

  program
    .command('facts')
    .description("a story's fact table: each fact, and which articles carry it, omit it or state another value")
    .argument('<story>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (RFC 4180), one row per fact')
    .action(async (id: string, o: { db?: string; json?: boolean; csv?: boolean }) => {
      await withReadStore(o.db, async (store) => {
        const s = await loadStory(store, id);
        if (!s) throw new CliError(MESSAGES.noStory(id));
        const byId = new Map(s.articles.map((a) => [a.id, a]));
        const ordered = s.story.articles.map((x) => byId.get(x)!).filter(Boolean);
        const table = storyFactTable(ordered);
        if (o.csv) print(factTableCsv(table, ordered));
        else if (o.json) printJson(factTableJson(table, ordered));
        else print(factTableText(table, makeStyle(textOptions().color)));
      });
    });

  program
    .command('claims')
    .description(
      "a story's claim records: each figure or statement, what it counts, who asserts it, which articles carry it; the range across sources, a conservative value, updates and disputes",
    )
    .argument('<story>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (RFC 4180), one row per claim and article')
    .action(async (id: string, o: { db?: string; json?: boolean; csv?: boolean }) => {
      await withStore(o.db, async (store) => {
        const s = await loadStory(store, id);
        if (!s) throw new CliError(MESSAGES.noStory(id));
        const byId = new Map(s.articles.map((a) => [a.id, a]));
        const ordered = s.story.articles.map((x) => byId.get(x)!).filter(Boolean);
        const records = claimsOf(ordered);
        if (o.csv) print(claimsCsv(records, ordered));
        else if (o.json) printJson(claimsJson(records, ordered));
        else print(claimsText(records, makeStyle(textOptions().color)));
      });
    });

  program
    .command('serve')
    .description('serve the web UI and the HTTP API (see /openapi.json) over the store, after adding any paths given')
    .argument('[paths...]')
    .addOption(dbOption())
    .option('--port <n>', `TCP port (default ${DEFAULT_PORT}; 0 picks a free one)`, (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number 0-65535');
      return n;
    })
    .option('--host <host>', `address to listen on (default ${DEFAULT_HOST}, this machine only)`)
    .option(
      '--token <token>',
      'opens POST /api/articles to "Authorization: Bearer <token>" (visible to other users in ps: prefer $NEWSTRACE_TOKEN or --token-file)',
    )
    .option('--token-file <file>', 'read the token from the first line of this file')
    .option(
      '--allow-host <names>',
      'host names (comma-separated) requests may use besides the address served; on 127.0.0.1 only loopback names are accepted',
    )
    .action(async (paths: string[], o: ServeFlags) => {
      const token = serveToken(o);
      await withStore(o.db, async (store) => {
        if (paths.length) reportErrors(await ingest(store, paths));
        const allowHosts = o.allowHost
          ?.split(',')
          .map((h) => h.trim())
          .filter(Boolean);
        const server = await startServer({ store, port: o.port, host: o.host, token, allowHosts }).catch(
          (e: NodeJS.ErrnoException) => {
            if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL')
              throw new CliError(MESSAGES.cannotListen(o.host ?? DEFAULT_HOST, o.port ?? DEFAULT_PORT, e.code));
            throw e;
          },
        );
        process.stderr.write(
          `newstrace: serving ${server.url}/ (writes ${token ? 'need the token' : 'closed: no --token'}); Ctrl-C stops\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      });
    });

  program
    .command('errors')
    .description('the records rejected so far (by add, watch, the server or the workers), with their reasons')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      await withReadStore(o.db, async (store) => {
        const errors = await store.listErrors();
        if (o.json) printJson({ errors });
        else if (errors.length === 0) print('No rejected records.\n');
        else print(errorsText(errors, makeStyle(textOptions().color)));
      });
    });

  program
    .command('migrate')
    .description('create or upgrade the store schema (PostgreSQL; a SQLite file migrates itself on open)')
    .addOption(dbOption())
    .option('--json', 'print the store and its state as JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = resolveDb(o.db);
      let applied: string[] = [];
      try {
        const store = await openStore(db, { migrate: true });
        if (store instanceof PostgresStore) applied = store.migrationsApplied;
        await store.close();
      } catch (e) {
        if (e instanceof StoreOpenError) throw new CliError(e.message);
        throw e;
      }
      if (o.json) printJson({ store: redact(db), applied, upToDate: true });
      if (applied.length) process.stderr.write(`applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
      process.stderr.write(`store ${redact(db)} is up to date\n`);
    });

  program
    .command('reprocess')
    .description('re-run every stage on the stored raw input (after an upgrade); the store is replaced atomically')
    .addOption(dbOption())
    .option('--json', 'print the run summary as JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = resolveDb(o.db);
      if (isPostgresUrl(db))
        throw new CliError('reprocess works on a SQLite store file; for PostgreSQL re-ingest with workers');
      if (!existsSync(db)) throw new CliError(`no store at ${db}`);
      const tmp = `${db}.reprocess-${process.pid}`;
      rmSync(tmp, { force: true });
      rmSync(lookUpSnapshotFile(tmp), { force: true });
      let result: AddResult | undefined;
      await withStore(db, async (source) => {
        const target = await openStore(tmp);
        const progress = progressReporter(process.stderr);
        try {
          result = await new Engine(source).reprocessInto(target, progress.update);
        } finally {
          progress.stop();
          await target.close();
        }
      });
      for (const ext of ['-wal', '-shm']) rmSync(db + ext, { force: true });
      rmSync(lookUpSnapshotFile(db), { force: true });
      renameSync(tmp, db);
      if (existsSync(lookUpSnapshotFile(tmp))) renameSync(lookUpSnapshotFile(tmp), lookUpSnapshotFile(db));
      if (result && o.json) {
        const r = result;
        printJson({ added: r.added, skipped: r.skipped, read: r.read, articles: r.addedIds, errors: r.errorList });
        if (r.errors > 0) process.exitCode = EXIT.someRecordsRejected;
      } else if (result) reportErrors(result);
    });

  program
    .command('watch')
    .description('add new and changed files of a folder as they appear; an edited article becomes a new version')
    .argument('<folder>')
    .addOption(dbOption())
    .addOption(new Option('--interval <ms>', `time between scans (default ${POLL_INTERVAL_MS})`).argParser(positiveInt))
    .option('--once', 'scan the folder once and exit')
    .option('--json', 'print each event as one line of JSON')
    .action(async (folder: string, o: { db?: string; interval?: number; once?: boolean; json?: boolean }) => {
      if (!existsSync(folder)) throw new CliError(`no folder ${folder}`, EXIT.usage);
      await withStore(o.db, async (store) => {
        const out = (line: string) => process.stdout.write(line + '\n');
        const t = await runWatch(new Engine(store), folder, {
          intervalMs: o.interval,
          once: o.once,
          out,
          json: o.json,
        });
        process.stderr.write(`${t.added} added, ${t.versions} new versions, ${t.errors} rejected\n`);
        if (t.errors > 0) process.exitCode = EXIT.someRecordsRejected;
      });
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    if (e instanceof CliError) {
      process.stderr.write(`newstrace: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`newstrace: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  }
}
