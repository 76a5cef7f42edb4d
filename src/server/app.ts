import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { diffArticles, loadStory } from '../engine/queries.js';
import { MAX_FILE_BYTES } from '../ingest/index.js';
import { claimsJson, claimsOf } from '../report/claims.js';
import { articleJson, diffJson, storyJson } from '../report/json.js';
import type { Store } from '../store/types.js';
import { apiError, type ApiErrorCode } from './errors.js';
import { htmlItems, Ingestor, jsonItems, jsonLineItems } from './ingest.js';
import { Engine } from '../engine/engine.js';
import { lookUpJson } from '../report/lookup.js';
import type { IngestItem } from '../model/index.js';
import { openApiDocument } from './openapi.js';
import {
  articleId,
  articleRecord,
  LOOKUP_DEFAULTS,
  OUTLETS_LISTED,
  diffQuery,
  htmlIngestQuery,
  ingestJson,
  issueText,
  storyId,
  storyQuery,
  storyView,
} from './schemas.js';
import { searchStories } from './search.js';
import { rateLimit, type RateLimit } from './ratelimit.js';
import { requireToken, securityHeaders } from './security.js';
import { staticFiles } from './static.js';
import { storyPageJson } from './views.js';

/** Largest request body accepted: the same bound the file reader puts on one document (`MAX_FILE_BYTES`). */
export const MAX_BODY_BYTES = MAX_FILE_BYTES;

export interface AppOptions {
  store: Store;
  /** Opens the write endpoints to `Authorization: Bearer <token>`; without it they are closed. */
  token?: string;
  /** Folder of the built UI (`dist/web`); the API works without it. */
  webRoot?: string;
  /** Reported in `/openapi.json`. */
  version?: string;
  /**
   * Host names (without port) requests may name in their Host header; others get 403. A server on the loopback address
   * takes only loopback names, so that a web page whose domain a DNS rebinding points at 127.0.0.1 cannot read it.
   * Undefined: any (a server bound to a public address, whose names the operator gives with --allow-host).
   */
  allowedHosts?: string[];
  /** The look-up's limit per client (default LOOKUP_DEFAULTS.rate). */
  lookupRate?: RateLimit;
}

/** The host name of a Host header, lower case, without port: `[::1]:8722` → `[::1]`, `Example.org:80` → `example.org`. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

function fail(c: Context, code: ApiErrorCode, ...args: unknown[]) {
  const e = (apiError as (c: ApiErrorCode, ...a: unknown[]) => ReturnType<typeof apiError>)(code, ...args);
  return c.json(e.body, e.status);
}

function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
): { ok: true; data: z.infer<T> } | { ok: false; detail: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, data: r.data } : { ok: false, detail: issueText(r.error) };
}

/** The request's JSON body, valid by `schema`; else the 400 answer saying what is wrong with it. */
async function jsonBody(c: Context, schema: z.ZodType): Promise<{ value: unknown } | { answer: Response }> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch (e) {
    return { answer: fail(c, 'badRequest', `body is not JSON (${(e as Error).message})`) };
  }
  const body = parse(schema, value);
  return body.ok ? { value } : { answer: fail(c, 'badRequest', body.detail) };
}

/**
 * Story responses kept ready, most recently used last. A large story's JSON (fact table, version diffs) takes the
 * better part of a second to build and is read far more often than the store changes; any ingest clears the cache.
 */
export const STORY_CACHE_SIZE = 32;

/** The HTTP API and the UI's static files over one store. */
export function createApp(o: AppOptions): Hono {
  const { store } = o;
  const stories = new Map<string, Uint8Array>();
  let storesMark: string | undefined;
  const ingestor = new Ingestor(store, () => stories.clear());
  const app = new Hono();
  app.use('*', securityHeaders);
  if (o.allowedHosts) {
    const allowed = new Set(o.allowedHosts.map((h) => hostName(h)));
    app.use('*', async (c, next) => {
      const host = hostName(c.req.header('Host') ?? '');
      if (!allowed.has(host)) return fail(c, 'badHost', host);
      await next();
    });
  }

  app.get('/openapi.json', (c) => c.json(openApiDocument(o.version ?? '0.0.0')));

  app.get('/api/stories', async (c) => {
    const q = parse(storyQuery, c.req.query());
    if (!q.ok) return fail(c, 'badRequest', q.detail);
    const { q: text, lang: language, ...rest } = q.data;
    const stories = await searchStories(store, { text, language, ...rest });
    const outlines = new Map(
      (
        await store.storyOutlines(
          stories.map((x) => x.id),
          OUTLETS_LISTED,
        )
      ).map((o) => [o.id, o]),
    );
    return c.json({
      stories: stories.map((x) => ({
        ...x,
        outletNames: outlines.get(x.id)?.outletNames ?? [],
        lede: outlines.get(x.id)?.lede ?? null,
        languages: outlines.get(x.id)?.languages ?? [],
        days: outlines.get(x.id)?.days ?? [],
      })),
    });
  });

  app.get('/api/stories/:id', async (c) => {
    const id = parse(storyId, c.req.param('id'));
    if (!id.ok) return fail(c, 'badRequest', id.detail);
    const view = parse(storyView, c.req.query());
    if (!view.ok) return fail(c, 'badRequest', view.detail);
    const { offset, limit } = view.data;
    // Another process may have added to the store (`newstrace add` beside a running server): its answers are stale.
    const mark = await store.changeMark?.();
    if (mark !== storesMark) {
      stories.clear();
      storesMark = mark;
    }
    const key = `${view.data.view}:${id.data}:${offset}:${limit}`;
    let body = stories.get(key);
    if (body === undefined) {
      const s = await loadStory(store, id.data, { offset, limit });
      if (!s) return fail(c, 'noStory', id.data);
      const full = { ...storyJson(s.story, s.articles), firstSeen: s.story.firstSeen ?? null };
      let out: object = full;
      if (view.data.view === 'page') {
        // A later page is still the story of its earliest article: the page's title is that article's.
        const earliest = offset > 0 && s.story.articles[0] ? await store.getArticle(s.story.articles[0]) : undefined;
        out = storyPageJson(full, limit, earliest?.title);
      }
      body = Buffer.from(JSON.stringify(out));
      if (stories.size >= STORY_CACHE_SIZE) stories.delete(stories.keys().next().value!);
    } else stories.delete(key);
    stories.set(key, body);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/stories/:id/claims', async (c) => {
    const id = parse(storyId, c.req.param('id'));
    if (!id.ok) return fail(c, 'badRequest', id.detail);
    const s = await loadStory(store, id.data);
    if (!s) return fail(c, 'noStory', id.data);
    const byId = new Map(s.articles.map((a) => [a.id, a]));
    const ordered = s.story.articles.map((x) => byId.get(x)).filter((a) => a !== undefined);
    return c.json({ story: id.data, claims: claimsJson(claimsOf(ordered), ordered) });
  });

  app.get('/api/articles/:id', async (c) => {
    const id = parse(articleId, c.req.param('id'));
    if (!id.ok) return fail(c, 'badRequest', id.detail);
    const a = await store.getArticle(id.data);
    if (!a) return fail(c, 'noArticle', id.data);
    return c.json({ ...articleJson(a), storyId: a.storyId, body: a.body });
  });

  app.get('/api/diff', async (c) => {
    const q = parse(diffQuery, c.req.query());
    if (!q.ok) return fail(c, 'badRequest', q.detail);
    const d = await diffArticles(store, q.data.a, q.data.b);
    if ('missing' in d) return fail(c, 'noArticle', d.missing);
    return c.json(diffJson(d.a, d.b, d.relation));
  });

  app.post(
    '/api/articles',
    requireToken(o.token),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 'tooLarge', MAX_BODY_BYTES) }),
    async (c) => {
      const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
      const source = `POST /api/articles ${new Date().toISOString()}`;
      if (type === 'application/json') {
        const body = await jsonBody(c, ingestJson);
        if ('answer' in body) return body.answer;
        return c.json(await ingestor.run(jsonItems(body.value, source)));
      }
      if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/jsonlines') {
        return c.json(await ingestor.run(jsonLineItems(await c.req.text(), source)));
      }
      if (type === 'text/html') {
        const q = parse(htmlIngestQuery, c.req.query());
        if (!q.ok) return fail(c, 'badRequest', q.detail);
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await ingestor.run(htmlItems(bytes, q.data)));
      }
      return fail(c, 'unsupportedType', type || '(none)');
    },
  );

  app.post(
    '/api/lookup',
    rateLimit(o.lookupRate ?? LOOKUP_DEFAULTS.rate),
    bodyLimit({ maxSize: LOOKUP_DEFAULTS.maxBytes, onError: (c) => fail(c, 'tooLarge', LOOKUP_DEFAULTS.maxBytes) }),
    async (c) => {
      const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
      const source = 'POST /api/lookup';
      let item: IngestItem;
      if (type === 'application/json') {
        const body = await jsonBody(c, articleRecord);
        if ('answer' in body) return body.answer;
        [item] = jsonItems(body.value, source);
      } else if (type === 'text/plain') {
        const text = await c.req.text();
        if (!text.trim()) return fail(c, 'badRequest', 'the body is empty: send the text to look up');
        [item] = jsonItems({ text }, source);
      } else if (type === 'text/html') {
        const q = parse(htmlIngestQuery, c.req.query());
        if (!q.ok) return fail(c, 'badRequest', q.detail);
        [item] = htmlItems(new Uint8Array(await c.req.arrayBuffer()), q.data);
      } else
        return fail(c, 'unsupportedType', type || '(none)', 'application/json, text/plain, or text/html with ?url=');
      if (!item.ok) return fail(c, 'unreadable', item.error.reason);
      const doc = item.doc;
      // Behind the writes, so that it never reads a batch half-written.
      const r = await ingestor.read(() => new Engine(store).lookUp(doc));
      if (!r.ok) return fail(c, 'unreadable', r.error.reason);
      return c.json(lookUpJson(r.value));
    },
  );

  // A path that exists, asked with a method it does not take: 405 with the methods it does.
  const methods: Array<[RegExp, string]> = [
    [/^\/api\/stories(?:\/[^/]+)?$/, 'GET'],
    [/^\/api\/articles$/, 'POST'],
    [/^\/api\/articles\/[^/]+$/, 'GET'],
    [/^\/api\/diff$/, 'GET'],
    [/^\/api\/lookup$/, 'POST'],
  ];
  app.all('/api/*', (c) => {
    const path = new URL(c.req.url).pathname;
    const allow = methods.find(([re]) => re.test(path))?.[1];
    if (allow && c.req.method !== allow) {
      c.header('Allow', allow);
      return fail(c, 'methodNotAllowed', c.req.method, path, allow);
    }
    return fail(c, 'notFound', path);
  });
  app.get('*', staticFiles(o.webRoot));
  return app;
}
