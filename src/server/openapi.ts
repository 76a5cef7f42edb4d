import { z } from 'zod';
import { API_ERRORS } from './errors.js';
import { responseSchemas } from './responses.js';
import { articleRecord, diffQuery, htmlIngestQuery, LOOKUP_DEFAULTS, storyQuery, storyView } from './schemas.js';

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
const json = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
/** A response schema of responses.ts, by the name it is listed under in components.schemas. */
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The response schemas of responses.ts as OpenAPI components, referring to each other by name. */
function responseComponents(): Record<string, object> {
  const { schemas } = z.toJSONSchema(responseSchemas, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s;
      return [id, rest];
    }),
  );
}
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
          responses: { 200: json('stories, largest first', ref('StoryList')), 400: errorResponse },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary:
            'One story: articles in publication order (a page of them: limit, offset), relations with passages, fact table, version changes',
          parameters: [pathId('id', '^s[0-9a-f]{6,64}$'), ...queryParams(storyView)],
          responses: {
            200: json('view=full: the JSON of `newstrace show --json` (README "JSON output"); view=page: StoryPage', {
              oneOf: [ref('Story'), ref('StoryPage')],
            }),
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
          responses: { 200: json("the story's claim records", ref('Claims')), 404: errorResponse },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article: text, clean body, removed noise with reasons, facts with spans',
          parameters: [pathId('id', '^a[0-9a-f]{6,64}$')],
          responses: {
            200: json('the article, its story and its clean body', ref('ArticleWithBody')),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      '/api/diff': {
        get: {
          summary: 'Two articles compared: aligned passages (A spans in a.text, B spans in b.text) and the fact diff',
          parameters: queryParams(diffQuery),
          responses: {
            200: json('the two articles, their relation, aligned passages and fact diff', ref('Diff')),
            400: errorResponse,
            404: errorResponse,
          },
        },
      },
      '/api/lookup': {
        post: {
          summary:
            'What a text is, without storing it: its story, earliest known source, closest version, what it changes ' +
            `(no token; at most ${LOOKUP_DEFAULTS.rate.perMinute} a minute per client, ${LOOKUP_DEFAULTS.maxBytes} bytes)`,
          parameters: queryParams(htmlIngestQuery).map((p) => ({ ...p, required: false })),
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: z.toJSONSchema(articleRecord) },
              'text/plain': { schema: { type: 'string', description: 'the text alone' } },
              'text/html': { schema: { type: 'string', description: 'one page; ?url= is required' } },
            },
          },
          responses: {
            200: json('the look-up', ref('LookUp')),
            ...Object.fromEntries(
              Object.values(API_ERRORS)
                .filter((e) => [400, 413, 415, 422, 429].includes(e.status))
                .map((e) => [e.status, errorResponse]),
            ),
          },
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
            200: json(
              'what was added and skipped, their stories, and each rejected record with its reason',
              ref('IngestResult'),
            ),
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
        ...responseComponents(),
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
