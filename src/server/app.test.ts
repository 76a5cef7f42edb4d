import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { readInputs } from '../ingest/index.js';
import type { StoryJson } from '../report/json.js';
import type { LookUpJson } from '../report/lookup.js';
import { LOOKUP_DEFAULTS } from './schemas.js';
import { SqliteStore } from '../store/sqlite.js';
import type { StoryFilter } from '../store/types.js';
import { createApp, MAX_BODY_BYTES } from './app.js';
import { scanStories } from './search.js';
import type { StoryPageJson } from './views.js';

const dir = mkdtempSync(join(tmpdir(), 'nt-server-'));
const TOKEN = 'test-token-1234';
let store: SqliteStore;
let app: ReturnType<typeof createApp>;
let open: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'api.db'));
  await new Engine(store).add(
    readInputs(['examples/raqqa', 'test/fixtures/ui/hostile', 'test/fixtures/stories', 'test/fixtures/languages']),
  );
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(web, 'assets', 'x.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  app = createApp({ store, webRoot: web });
  open = createApp({ store, token: TOKEN, webRoot: web });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(path: string, a = app) => {
  const res = await a.request(path);
  return { status: res.status, body: (await res.json()) as T, res };
};

describe('story search', () => {
  it('lists every story without filters, largest first', async () => {
    const { body } = await json<{ stories: Array<{ id: string; articles: number }> }>('/api/stories');
    expect(body.stories.length).toBeGreaterThan(3);
    const sizes = body.stories.map((s) => s.articles);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it('finds by words (prefixes, any case and accents), outlet, entity and date range', async () => {
    const ids = async (q: string) =>
      (await json<{ stories: Array<{ id: string }> }>(`/api/stories?${q}`)).body.stories.map((s) => s.id);
    const raqqa = await ids('q=RAQQ%C3%A1');
    expect(raqqa).toHaveLength(1);
    expect(await ids('q=raqqa+harbour')).toEqual([]);
    expect(await ids('entity=baghouz')).toEqual(raqqa);
    const bridge = await ids('outlet=harbour%20news');
    expect(bridge).toHaveLength(1);
    expect(await ids('outlet=harbour%20news&from=2025-05-12&to=2025-05-12')).toEqual(bridge);
    expect(await ids('outlet=harbour%20news&from=2025-05-13')).toEqual([]);
    // By the language of an article: the French report of the bridge's closure, and the fixtures' ferry accident and
    // ship fire (each told in English and French; the ferry in German and Spanish too).
    const french = await ids('lang=fra');
    expect(french).toHaveLength(3);
    const pont = await ids('lang=fra&q=pont');
    expect(pont).toHaveLength(1);
    expect(french).toEqual(expect.arrayContaining(pont));
    const german = await ids('lang=deu');
    expect(german).toHaveLength(1);
    expect(french).toEqual(expect.arrayContaining(german));
    expect(await ids('lang=spa')).toEqual(german);
    expect(await ids('lang=eng&q=raqqa')).toEqual(raqqa);
    expect((await app.request('/api/stories?lang=french')).status).toBe(400);
  });

  it('gives the same answer by scanning as the SQLite full-text index', async () => {
    const filters: StoryFilter[] = [
      { text: 'raqqa' },
      { text: 'coalition crimes' },
      { text: 'bridge', to: '2025-12-31' },
      { entity: 'syria' },
      { entity: 'council', from: '2020-01-01' },
      { outlet: 'HARBOUR NEWS' },
      { language: 'fra' },
      { language: 'eng', text: 'bridge' },
      { text: 'the' },
      { text: 'zzzz' },
    ];
    for (const f of filters) {
      expect(await scanStories(store, f), JSON.stringify(f)).toEqual(await store.findStories(f));
    }
  });

  it('rejects malformed queries with a code and what to do', async () => {
    const { status, body } = await json<{ error: { code: string; message: string } }>('/api/stories?from=yesterday');
    expect(status).toBe(400);
    expect(body.error.code).toBe('badRequest');
    expect(body.error.message).toMatch(/from.*YYYY-MM-DD/);
    expect((await app.request('/api/stories?limit=100000')).status).toBe(400);
    expect((await app.request('/api/stories?color=red')).status).toBe(400);
  });
});

describe('stories, articles, diffs', () => {
  it('serves one story in the JSON contract and in the compact page view, with the same facts', async () => {
    const list = await json<{ stories: Array<{ id: string }> }>('/api/stories?q=raqqa');
    const id = list.body.stories[0].id;
    const full = (await json<StoryJson>(`/api/stories/${id}`)).body;
    expect(full.articles).toHaveLength(2);
    expect(full.relations[0].kind).toBe('shared-source');
    expect(full.facts.rows.length).toBeGreaterThan(5);
    const page = (await json<StoryPageJson>(`/api/stories/${id}?view=page`)).body;
    expect(page.articles.map((a) => a.id)).toEqual(full.articles.map((a) => a.id));
    expect(page.articles.map((a) => a.language)).toEqual(['eng', 'eng']);
    expect(page.facts.rows.map((r) => r.key)).toEqual(full.facts.rows.map((r) => r.key));
    for (const [i, r] of page.facts.rows.entries()) {
      const letter = { carried: 'c', omitted: 'o', conflicting: 'x' } as Record<string, string>;
      expect(r.marks).toBe(full.facts.articles.map((a) => letter[full.facts.rows[i].cells[a].status]).join(''));
      expect(r.details.map((d) => d.col)).toEqual(
        full.facts.articles.flatMap((a, col) => (full.facts.rows[i].cells[a].status === 'omitted' ? [] : [col])),
      );
    }
    expect((await app.request('/api/stories/s000000000000')).status).toBe(404);
    expect((await app.request('/api/stories/not-an-id')).status).toBe(400);
  });

  it('serves a story a page at a time: the page’s articles, the relations among them, their fact table', async () => {
    const list = await json<{ stories: Array<{ id: string; articles: number }> }>('/api/stories');
    const { id, articles: n } = list.body.stories[0];
    expect(n).toBeGreaterThanOrEqual(2);
    const full = (await json<StoryJson>(`/api/stories/${id}`)).body;
    expect(full).toMatchObject({ articleCount: n, offset: 0 });
    expect(full.articles).toHaveLength(n);
    expect(full.relations.length).toBeGreaterThan(0);
    const part = (await json<StoryJson>(`/api/stories/${id}?limit=${n - 1}&offset=1`)).body;
    expect(part).toMatchObject({ articleCount: n, offset: 1 });
    const ids = full.articles.slice(1).map((a) => a.id);
    expect(part.articles.map((a) => a.id)).toEqual(ids);
    for (const r of part.relations) expect(ids).toEqual(expect.arrayContaining([r.from, r.to]));
    // The relations to the first article are not this page's.
    expect(part.relations.length).toBeLessThan(full.relations.length);
    expect(part.relations).toEqual(full.relations.filter((r) => ids.includes(r.from) && ids.includes(r.to)));
    for (const a of part.facts.articles) expect(ids).toContain(a);
    const page = (await json<StoryPageJson>(`/api/stories/${id}?view=page&limit=${n - 1}&offset=1`)).body;
    expect(page).toMatchObject({ articleCount: n, offset: 1 });
    expect(page.articles.map((a) => a.id)).toEqual(ids);
    // The page's title is the story's, not its first article's.
    expect(page.title).toBe((await json<StoryPageJson>(`/api/stories/${id}?view=page`)).body.title);
    // Past the end: no articles, the count still there.
    const past = (await json<StoryJson>(`/api/stories/${id}?offset=${n}`)).body;
    expect(past).toMatchObject({ articleCount: n, articles: [], relations: [] });
    for (const bad of ['limit=0', 'limit=100000', 'offset=-1', 'limit=two'])
      expect((await app.request(`/api/stories/${id}?${bad}`)).status, bad).toBe(400);
  });

  it('serves an article with its removed noise and facts, spans into its text', async () => {
    const list = await json<{ stories: Array<{ id: string }> }>('/api/stories?q=raqqa');
    const story = (await json<StoryJson>(`/api/stories/${list.body.stories[0].id}`)).body;
    const withNoise = story.articles.find((a) => a.removed.length)!;
    const { body } = await json<StoryJson['articles'][number] & { storyId: string }>(`/api/articles/${withNoise.id}`);
    expect(body.storyId).toBe(story.id);
    const caption = body.removed.find((r) => r.reason === 'photo-caption')!;
    expect(body.text.slice(caption.span[0], caption.span[1])).toBe(caption.text);
    for (const f of body.facts) expect(body.text.slice(f.span[0], f.span[1])).toBe(f.text);
    expect((await app.request('/api/articles/a0000000000000000')).status).toBe(404);
  });

  it('diffs two articles with passages as A → B either way round, and the fact changes', async () => {
    const list = await json<{ stories: Array<{ id: string }> }>('/api/stories?outlet=harbour%20news');
    const story = (await json<StoryJson>(`/api/stories/${list.body.stories[0].id}`)).body;
    const [x, y] = story.articles;
    type Diff = {
      a: { text: string };
      b: { text: string };
      passages: Array<{ a: number[]; b: number[]; kind: string }>;
    };
    for (const [a, b] of [
      [x, y],
      [y, x],
    ]) {
      const d = (await json<Diff>(`/api/diff?a=${a.id}&b=${b.id}`)).body;
      const verbatim = d.passages.filter((p) => p.kind === 'verbatim');
      expect(verbatim.length).toBeGreaterThan(0);
      for (const p of verbatim) expect(d.a.text.slice(p.a[0], p.a[1])).toBe(d.b.text.slice(p.b[0], p.b[1]));
    }
    expect((await app.request(`/api/diff?a=${x.id}`)).status).toBe(400);
    expect((await app.request(`/api/diff?a=${x.id}&b=a0000000000000000`)).status).toBe(404);
  });
});

describe('ingest', () => {
  const record = {
    url: 'https://example.org/tram',
    outlet: 'Example Gazette',
    title: 'Tram line opens',
    published: '2025-09-01',
    text: 'The new tram line between the station and the university opened on Monday, carrying 12,000 passengers on its first day, the transport authority said.\n\nThe line cost 140 million euros and took four years to build.',
  };
  const post = (a: typeof app, body: string, type: string, headers: Record<string, string> = {}, query = '') =>
    a.request(`/api/articles${query}`, { method: 'POST', body, headers: { 'Content-Type': type, ...headers } });

  it('is closed without a configured token, and needs the right one when there is', async () => {
    const closed = await post(app, JSON.stringify(record), 'application/json', { Authorization: `Bearer ${TOKEN}` });
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as { error: { message: string } }).error.message).toMatch(/--token/);
    expect((await post(open, JSON.stringify(record), 'application/json')).status).toBe(401);
    expect(
      (await post(open, JSON.stringify(record), 'application/json', { Authorization: 'Bearer nope' })).status,
    ).toBe(401);
  });

  it('adds JSON, JSON lines and HTML with its URL; bad records come back as errors with their source', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const r1 = await post(open, JSON.stringify(record), 'application/json', auth);
    expect(r1.status).toBe(200);
    const b1 = (await r1.json()) as { added: number; stories: string[]; articles: string[] };
    expect(b1.added).toBe(1);
    const again = (await (await post(open, JSON.stringify([record]), 'application/json', auth)).json()) as {
      skipped: number;
    };
    expect(again.skipped).toBe(1);
    const lines = [
      JSON.stringify({ ...record, url: 'https://example.org/tram-2', outlet: 'Other Post' }),
      '{oops',
    ].join('\n');
    const b2 = (await (await post(open, lines, 'application/x-ndjson', auth)).json()) as {
      added: number;
      stories: string[];
      errors: Array<{ source: string; reason: string }>;
    };
    expect(b2.added).toBe(1);
    expect(b2.stories).toEqual(b1.stories);
    expect(b2.errors).toHaveLength(1);
    expect(b2.errors[0].source).toMatch(/#L2$/);
    const html = `<!doctype html><html><head><title>Tram line opens</title></head><body><article><h1>Tram line opens</h1><p>${record.text.replace('\n\n', '</p><p>')}</p></article></body></html>`;
    const r3 = await post(open, html, 'text/html', auth, '?url=https%3A%2F%2Fthird.example%2Ftram&outlet=Third');
    const b3 = (await r3.json()) as { added: number; articles: string[] };
    expect(b3.added).toBe(1);
    const art = (await json<{ url: string; outlet: string }>(`/api/articles/${b3.articles[0]}`, open)).body;
    expect(art).toMatchObject({ url: 'https://third.example/tram', outlet: 'Third' });
    expect((await post(open, html, 'text/html', auth)).status).toBe(400);
    expect((await post(open, '{}', 'application/json', auth)).status).toBe(400);
    expect((await post(open, 'x', 'application/pdf', auth)).status).toBe(415);
  });

  it('refuses bodies over the size limit before reading them', async () => {
    const res = await open.request('/api/articles', {
      method: 'POST',
      body: 'x',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(MAX_BODY_BYTES + 1),
        Authorization: `Bearer ${TOKEN}`,
      },
    });
    expect(res.status).toBe(413);
  });
});

describe('look-up', () => {
  const spun = readFileSync('examples/raqqa/001_7c7eab2b7c111950.txt', 'utf8');
  const look = (a: typeof app, body: string, type: string, query = '') =>
    a.request(`/api/lookup${query}`, { method: 'POST', body, headers: { 'Content-Type': type } });

  it('answers without the token and stores nothing: story, closest version, origin, fact changes', async () => {
    const before = await store.countArticles();
    const res = await look(app, JSON.stringify({ text: spun }), 'application/json');
    expect(res.status).toBe(200);
    const l = (await res.json()) as LookUpJson;
    expect(l.story?.size).toBe(2);
    expect(l.origin).toEqual({ kind: 'outside', name: 'Syrian foreign ministry' });
    expect(l.closest?.relation.kind).toBe('shared-source');
    expect(l.spin.map((w) => w.toText)).toContain('extermination');
    // Spans point into the texts the answer carries.
    for (const w of l.spin) expect(l.article.text.slice(w.to[0], w.to[1])).toBe(w.toText);
    expect(await store.countArticles()).toBe(before);
    const plain = (await (await look(app, spun, 'text/plain')).json()) as LookUpJson;
    expect(plain.story?.id).toBe(l.story?.id);
  });

  it('refuses what it cannot read with the reason, and other content types', async () => {
    expect((await look(app, '{"title":"x"}', 'application/json')).status).toBe(400);
    expect((await look(app, '', 'text/plain')).status).toBe(400);
    expect((await look(app, 'x', 'application/pdf')).status).toBe(415);
    const html = await look(
      app,
      '<html><body><script>x()</script></body></html>',
      'text/html',
      '?url=https%3A%2F%2Fa.example%2F',
    );
    expect(html.status).toBe(422);
    expect(((await html.json()) as { error: { message: string } }).error.message).toMatch(/could not be read/);
    expect((await app.request('/api/lookup')).status).toBe(405);
  });

  it('limits look-ups per client: a burst, then 429 with Retry-After', async () => {
    const limited = createApp({ store, lookupRate: { perMinute: 6, burst: 2, clients: 10 } });
    const text = JSON.stringify({ text: 'The harbour ferry resumed service on Monday after repairs.' });
    expect((await look(limited, text, 'application/json')).status).toBe(200);
    expect((await look(limited, text, 'application/json')).status).toBe(200);
    const third = await look(limited, text, 'application/json');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('tooManyRequests');
  });

  it('refuses a body over its size limit before reading it', async () => {
    const res = await app.request('/api/lookup', {
      method: 'POST',
      body: 'x',
      headers: { 'Content-Type': 'text/plain', 'Content-Length': String(LOOKUP_DEFAULTS.maxBytes + 1) },
    });
    expect(res.status).toBe(413);
  });
});

describe('pages and headers', () => {
  it('sends a Content-Security-Policy without inline scripts on every response', async () => {
    for (const path of ['/', '/api/stories', '/openapi.json', '/api/nothing']) {
      const csp = (await app.request(path)).headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('serves the UI files and nothing outside them', async () => {
    expect(await (await app.request('/')).text()).toMatch(/<title>ui/);
    const js = await app.request('/assets/x.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect((await app.request('/../secret.txt')).status).toBe(404);
    expect((await app.request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await app.request('/%E0%A4%A.js')).status).toBe(404);
    expect((await app.request('/api/nothing')).status).toBe(404);
  });

  it('describes the API in OpenAPI, with the validated parameters', async () => {
    const { body } = await json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>('/openapi.json');
    expect(body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/stories',
        '/api/stories/{id}',
        '/api/articles/{id}',
        '/api/diff',
        '/api/articles',
        '/api/lookup',
      ]),
    );
    expect(body.paths['/api/stories'].get.parameters!.map((p) => p.name)).toEqual([
      'q',
      'outlet',
      'from',
      'to',
      'entity',
      'lang',
      'limit',
      'offset',
    ]);
  });
});
