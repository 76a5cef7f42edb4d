import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Engine } from '../engine/engine.js';
import { readInputs } from '../ingest/index.js';
import { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';
import {
  articleResponse,
  claimsResponse,
  diffResponse,
  ingestResponse,
  lookupResponse,
  responseSchemas,
  storiesResponse,
  storyPageResponse,
  storyResponse,
} from './responses.js';

/**
 * Every main route's real answer parses with the zod schema that /openapi.json is generated from, and the document
 * names that schema for the route's 200: a field the server adds or drops without the schema fails here.
 */

const dir = mkdtempSync(join(tmpdir(), 'nt-responses-'));
const TOKEN = 'test-token-responses';
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};
let doc: Doc;

beforeAll(async () => {
  store = new SqliteStore(join(dir, 'api.db'));
  await new Engine(store).add(readInputs(['examples/raqqa', 'test/fixtures/stories']));
  app = createApp({ store, token: TOKEN });
  doc = (await (await app.request('/openapi.json')).json()) as Doc;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = (s: z.ZodType) => responseSchemas.get(s)!.id;
const ok = (path: string, method = 'get') =>
  doc.paths[path][method].responses['200'].content['application/json'].schema;

/** The route's answer, parsed with the schema; a failure names the route and zod's complaint. */
async function answer<T extends z.ZodType>(schema: T, path: string, init?: RequestInit): Promise<z.infer<T>> {
  const res = await app.request(path, init);
  expect(res.status, path).toBe(200);
  const r = schema.safeParse(await res.json());
  if (!r.success) throw new Error(`${path}: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
  return r.data;
}

describe('responses against the schemas /openapi.json is made from', () => {
  it('lists a named schema for the 200 of every main route, and every reference resolves', () => {
    expect(ok('/api/stories')).toEqual({ $ref: `#/components/schemas/${idOf(storiesResponse)}` });
    expect(ok('/api/stories/{id}')).toEqual({
      oneOf: [
        { $ref: `#/components/schemas/${idOf(storyResponse)}` },
        { $ref: `#/components/schemas/${idOf(storyPageResponse)}` },
      ],
    });
    expect(ok('/api/stories/{id}/claims')).toEqual({ $ref: `#/components/schemas/${idOf(claimsResponse)}` });
    expect(ok('/api/articles/{id}')).toEqual({ $ref: `#/components/schemas/${idOf(articleResponse)}` });
    expect(ok('/api/diff')).toEqual({ $ref: `#/components/schemas/${idOf(diffResponse)}` });
    expect(ok('/api/articles', 'post')).toEqual({ $ref: `#/components/schemas/${idOf(ingestResponse)}` });
    expect(ok('/api/lookup', 'post')).toEqual({ $ref: `#/components/schemas/${idOf(lookupResponse)}` });
    const text = JSON.stringify(doc);
    for (const [, id] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components.schemas, id).toHaveProperty(id);
    // No 200 left as a bare object.
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops))
        expect(op.responses['200']?.content?.['application/json']?.schema).not.toEqual({ type: 'object' });
    // Properties listed in the document are the schema's own.
    const story = doc.components.schemas.Story as { properties: object; additionalProperties: boolean };
    expect(Object.keys(story.properties).sort()).toEqual(Object.keys(storyResponse.shape).sort());
    expect(story.additionalProperties).toBe(false);
  });

  it('gives answers of exactly the documented shapes: list, story (full and page), claims, article, diff, POST', async () => {
    const { stories } = await answer(storiesResponse, '/api/stories');
    expect(stories.length).toBeGreaterThan(2);
    await answer(storiesResponse, '/api/stories?q=raqqa');
    let withRelations: z.infer<typeof storyResponse> | undefined;
    for (const s of stories) {
      const full = await answer(storyResponse, `/api/stories/${s.id}`);
      await answer(storyPageResponse, `/api/stories/${s.id}?view=page`);
      await answer(claimsResponse, `/api/stories/${s.id}/claims`);
      for (const a of full.articles) await answer(articleResponse, `/api/articles/${a.id}`);
      if (full.relations.length) withRelations ??= full;
    }
    expect(withRelations, 'a story with relations').toBeDefined();
    const r = withRelations!.relations[0];
    const d = await answer(diffResponse, `/api/diff?a=${r.to}&b=${r.from}`);
    expect(d.passages.length).toBeGreaterThan(0);
    const look = (body: object) =>
      answer(lookupResponse, '/api/lookup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const found = await look({ text: withRelations!.articles[1].text, title: withRelations!.articles[1].title });
    expect(found.story?.id).toBe(withRelations!.id);
    expect(found.closest).not.toBeNull();
    expect((await look({ text: 'A ferry ran late on Monday.' })).story).toBeNull();
    const post = await answer(ingestResponse, '/api/articles', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify([
        {
          url: 'https://example.org/tram',
          title: 'Tram line opens',
          published: '2025-09-01',
          text: 'The tram line opened.',
        },
        { url: 'https://example.org/none', published: 'not a date', text: 'A record with a bad date.' },
      ]),
    });
    expect(post).toMatchObject({ added: 1, errors: [{ source: expect.any(String) }] });
  });

  it('fails an answer with a field the schema does not list', () => {
    const extra = { stories: [{ id: 's1', articles: 1, outlets: 1, score: 3 }] };
    expect(storiesResponse.safeParse(extra).success).toBe(false);
  });
});
