import { z } from 'zod';
import { API_ERRORS } from './errors.js';
import { articleRecord, diffQuery, htmlIngestQuery, storyQuery, storyView } from './schemas.js';

/** Query parameters of an OpenAPI operation, from the zod schema that validates them (one source of truth). */
function queryParams(schema: z.ZodObject): object[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(s.description ? { description: s.description } : {}),
    schema: s,
  }));
}

const pathId = (name: string, pattern: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', pattern },
});
const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const errorResponse = json('an error: { error: { code, message } }', { $ref: '#/components/schemas/Error' });

/** The OpenAPI 3.1 description served at `/openapi.json`. Response bodies follow the JSON contract in the README. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'newstrace',
      version,
      description:
        'How news stories spread across outlets: stories, articles, relations, aligned passages and fact tables. ' +
        'Every span is [start, end) in UTF-16 code units into the article `text` the same response carries.',
    },
    paths: {
      '/api/stories': {
        get: {
          summary: 'List or search stories (full text, outlet, date range, entity), largest first',
          parameters: queryParams(storyQuery),
          responses: { 200: json('{ stories: StorySummary[] }'), 400: errorResponse },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary:
            'One story: articles in publication order (a page of them: limit, offset), relations with passages, fact table, version changes',
          parameters: [pathId('id', '^s[0-9a-f]{6,64}$'), ...queryParams(storyView)],
          responses: {
            200: json('StoryJson (README "JSON output") plus summary'),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      '/api/stories/{id}/claims': {
        get: {
          summary:
            'Claim records of a story: each figure or statement, what it counts, who asserts it, which articles carry it (spans in each article text); range, conservative value, updates, disputes',
          parameters: [pathId('id', '^s[0-9a-f]{6,64}$')],
          responses: { 200: json('{ story, claims: ClaimsJson }'), 404: errorResponse },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article: text, clean body, removed noise with reasons, facts with spans',
          parameters: [pathId('id', '^a[0-9a-f]{6,64}$')],
          responses: { 200: json('ArticleJson plus storyId and body'), 400: errorResponse, 404: errorResponse },
        },
      },
      '/api/diff': {
        get: {
          summary: 'Two articles compared: aligned passages (A spans in a.text, B spans in b.text) and the fact diff',
          parameters: queryParams(diffQuery),
          responses: { 200: json('{ a, b, relation, passages, facts }'), 400: errorResponse, 404: errorResponse },
        },
      },
      '/api/articles': {
        post: {
          summary: 'Add articles (write endpoint: needs the server token as "Authorization: Bearer <token>")',
          parameters: queryParams(htmlIngestQuery).map((p) => ({ ...p, required: false })),
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [z.toJSONSchema(articleRecord), { type: 'array', items: z.toJSONSchema(articleRecord) }],
                },
              },
              'application/x-ndjson': { schema: { type: 'string', description: 'one JSON record a line' } },
              'text/html': { schema: { type: 'string', description: 'one page; ?url= is required' } },
            },
          },
          responses: {
            200: json('{ added, skipped, read, articles, stories, errors: [{ source, reason }] }'),
            ...Object.fromEntries(
              Object.values(API_ERRORS)
                .filter((e) => [400, 401, 403, 413, 415].includes(e.status))
                .map((e) => [e.status, errorResponse]),
            ),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              properties: { code: { enum: Object.keys(API_ERRORS) }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
