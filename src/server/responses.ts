import { z } from 'zod';
import { OUTLETS_LISTED } from './schemas.js';
import { TIMELINE_DAYS } from '../store/types.js';

/**
 * The JSON bodies the API answers with, as zod schemas: `/openapi.json` is generated from them (openapi.ts), and
 * src/server/responses.test.ts parses every route's real answer with them, so that the document cannot drift from
 * the server. Objects are strict where the server builds them (a field added to a response and not here fails the
 * test); fact values and the claims' per-claim records, which the analysis extends, are open.
 */

/** [start, end) in UTF-16 code units into the article `text` of the same response. */
/** The named response schemas: `/openapi.json` lists them under components.schemas and refers to them by name. */
export const responseSchemas = z.registry<{ id: string }>();
const span = z.tuple([z.number().int(), z.number().int()]).register(responseSchemas, { id: 'Span' });
const nullable = (s: z.ZodType = z.string()) => s.nullable();

export const storySummary = z
  .object({
    id: z.string(),
    articles: z.number().int().describe('articles in the story'),
    outlets: z.number().int().describe('distinct outlets among them'),
    firstSeen: z
      .string()
      .optional()
      .describe("earliest member's date: an ISO timestamp where any member has a time, else YYYY-MM-DD"),
    lastSeen: z.string().optional().describe("latest member's date, in the same form as firstSeen"),
    title: z.string().optional(),
  })
  .strict()
  .register(responseSchemas, { id: 'StorySummary' });

/** A story in a list: its summary, some of its outlets and the start of its text (`Store.storyOutlines`). */
export const storyListItem = storySummary
  .extend({
    outletNames: z
      .array(z.string())
      .describe(`up to ${OUTLETS_LISTED} of its outlets, by name; \`outlets\` counts them all`),
    lede: z.string().nullable().describe('the start of the clean text of the article that names it'),
    languages: z.array(z.string()).describe('the languages of its articles (ISO 639-3), sorted'),
    days: z
      .array(z.object({ day: z.string(), articles: z.number().int() }).strict())
      .describe(`its dated articles per publication day (YYYY-MM-DD), earliest first, at most ${TIMELINE_DAYS} days`),
  })
  .strict()
  .register(responseSchemas, { id: 'StoryListItem' });

export const storiesResponse = z
  .object({ stories: z.array(storyListItem) })
  .strict()
  .register(responseSchemas, { id: 'StoryList' });

const membership = z
  .object({
    score: z.number(),
    by: z.enum(['founded', 'joined', 'moved']),
    closest: z.object({ id: z.string(), score: z.number() }).strict().optional(),
    evidence: z.array(z.string()),
  })
  .strict()
  .register(responseSchemas, { id: 'Membership' });

const fact = z
  .object({ kind: z.string(), text: z.string(), span, value: z.unknown().describe('depends on kind') })
  .strict();

const articleFields = {
  id: z.string(),
  source: z.string(),
  outlet: nullable(),
  url: nullable(),
  title: nullable(),
  publishedAt: nullable().describe('ISO timestamp, or YYYY-MM-DD where no time is known'),
  dateline: nullable(),
  byline: nullable(),
  language: nullable().describe('ISO 639-3 (und: too short to tell)'),
  text: z.string().describe('the extracted article text every span points into'),
  removed: z.array(z.object({ text: z.string(), reason: z.string(), span }).strict()),
  facts: z.array(fact),
  membership: membership.nullable(),
};

export const article = z.object(articleFields).strict().register(responseSchemas, { id: 'Article' });

/** GET /api/articles/{id}: the article, its story and its clean body. */
export const articleResponse = z
  .object({ ...articleFields, storyId: z.string(), body: z.string().describe('the clean body') })
  .strict()
  .register(responseSchemas, { id: 'ArticleWithBody' });

const passage = z
  .object({
    a: span,
    b: span,
    kind: z.enum(['verbatim', 'paraphrase', 'substitution', 'translation']),
    score: z.number(),
  })
  .strict()
  .register(responseSchemas, { id: 'Passage' });

export const relation = z
  .object({
    from: z.string(),
    to: z.string(),
    kind: z.enum(['copy', 'translation', 'shared-source', 'same-event']),
    languages: z.tuple([z.string(), z.string()]).optional().describe('of a translation: from, to (ISO 639-3)'),
    commonSource: z.string().optional(),
    direction: z.enum(['dated', 'textual', 'unknown']).optional(),
    confidence: z.number().optional(),
    spin: z.array(z.object({ from: span, to: span, fromText: z.string(), toText: z.string() }).strict()).optional(),
    evidence: z.array(z.string()),
    scores: z.record(z.string(), z.number()),
    passages: z.array(passage),
  })
  .strict()
  .register(responseSchemas, { id: 'Relation' });

const factRef = z.object({ kind: z.string(), label: z.string(), text: z.string(), span }).strict();
const factPair = z.object({ from: factRef, to: factRef }).strict();
/** Articles whose facts are not read (a text not in English), with their language. */
const unread = z.array(z.object({ article: z.string(), language: z.string() }).strict()).optional();

export const factDiff = z
  .object({
    dropped: z.array(factRef),
    added: z.array(factRef),
    changed: z.array(factPair),
    updated: z.array(factPair),
    attributionChanges: z.array(z.object({ from: factRef.optional(), to: factRef.optional() }).strict()),
    loadedAdded: z.array(factRef),
    loadedRemoved: z.array(factRef),
    unread: unread.describe('articles whose facts are not read (not in English): the two were not compared'),
  })
  .strict()
  .register(responseSchemas, { id: 'FactDiff' });

const factTable = z
  .object({
    articles: z.array(z.string()),
    unread: unread.describe('articles left out of the table: their facts are not read (not in English)'),
    rows: z.array(
      z
        .object({
          key: z.string(),
          kind: z.string(),
          label: z.string(),
          cells: z.record(
            z.string(),
            z
              .object({
                status: z.string(),
                text: z.string().optional(),
                span: span.optional(),
                attributedTo: z.string().optional(),
                against: z.object({ article: z.string(), text: z.string(), span }).strict().optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict()
  .register(responseSchemas, { id: 'FactTable' });

const storyChange = z
  .object({
    at: z.string(),
    kind: z.enum(['moved', 'merged']),
    articleId: z.string(),
    from: z.string(),
    to: z.string(),
    cause: z.string(),
    score: z.number(),
  })
  .strict()
  .register(responseSchemas, { id: 'StoryChange' });

/** GET /api/stories/{id} (view=full): the JSON contract of `newstrace show --json`, plus firstSeen. */
export const storyResponse = z
  .object({
    id: z.string(),
    articleCount: z.number().int(),
    offset: z.number().int(),
    articles: z.array(article),
    relations: z.array(relation),
    facts: factTable,
    versions: z.array(z.object({ article: z.string(), against: z.string(), changes: factDiff }).strict()),
    changes: z.array(storyChange),
    firstSeen: z.string().nullable(),
  })
  .strict()
  .register(responseSchemas, { id: 'Story' });

/** GET /api/stories/{id}?view=page: the compact story the story page reads (views.ts). */
export const storyPageResponse = z
  .object({
    id: z.string(),
    firstSeen: z.string().nullable(),
    articleCount: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    title: z.string().nullable(),
    articles: z.array(
      z
        .object({
          id: z.string(),
          source: z.string(),
          outlet: nullable(),
          url: nullable(),
          title: nullable(),
          publishedAt: nullable(),
          dateline: nullable(),
          language: nullable(),
          excerpt: z.string(),
          removed: z.number().int(),
          facts: z.number().int(),
          membership: z
            .object({ score: z.number(), by: z.string(), evidence: z.array(z.string()) })
            .strict()
            .nullable(),
        })
        .strict(),
    ),
    relations: z.array(
      z
        .object({
          from: z.string(),
          to: z.string(),
          kind: z.string(),
          commonSource: z.string().optional(),
          languages: z.tuple([z.string(), z.string()]).optional(),
          direction: z.string().optional(),
          confidence: z.number().optional(),
          spin: z.array(z.string()).optional(),
          evidence: z.array(z.string()),
          passages: z.number().int(),
          coverageTo: z.number(),
        })
        .strict(),
    ),
    changes: z.array(storyChange),
    facts: z
      .object({
        articles: z.array(z.string()),
        unread: unread,
        rows: z.array(
          z
            .object({
              key: z.string(),
              kind: z.string(),
              label: z.string(),
              marks: z.string().describe('one letter a column: c carried, o omitted, x conflicting, u updated'),
              details: z.array(
                z
                  .object({ col: z.number().int(), text: z.string().optional(), attributedTo: z.string().optional() })
                  .strict(),
              ),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict()
  .register(responseSchemas, { id: 'StoryPage' });

const claimArticle = z
  .object({
    article: z.string(),
    outlet: z.string().optional(),
    publishedAt: z.string().optional(),
    text: z.string(),
    span,
  })
  .strict();
const claimEnd = z.object({ article: z.string(), publishedAt: z.string().optional(), value: z.number() }).strict();

/** GET /api/stories/{id}/claims. */
export const claimsResponse = z
  .object({
    story: z.string(),
    claims: z.array(
      z
        .object({
          key: z.string(),
          kind: z.enum(['figure', 'statement']),
          subject: z.string(),
          unit: z.string().optional(),
          claims: z.array(
            z
              .looseObject({
                value: z.union([z.number(), z.string()]),
                max: z.number().optional(),
                approximate: z.boolean().optional(),
                vague: z
                  .string()
                  .optional()
                  .describe('"thousands", "dozens": the words the text gives; value is their lower bound'),
                source: z.string().optional(),
                sourceDisplay: z.string().optional(),
                articles: z.array(claimArticle),
              })
              .describe('a figure or statement and the articles that carry it'),
          ),
          low: z.number().optional(),
          high: z.number().optional(),
          conservative: z.number().optional(),
          updates: z.array(z.object({ source: z.string().optional(), from: claimEnd, to: claimEnd }).strict()),
          disputes: z.array(z.object({ source: z.string(), values: z.array(z.number()) }).strict()),
        })
        .strict(),
    ),
  })
  .strict()
  .register(responseSchemas, { id: 'Claims' });

/** GET /api/diff: A → B whichever article the relation calls earlier; `a` spans in a.text, `b` spans in b.text. */
export const diffResponse = z
  .object({ a: article, b: article, relation, passages: z.array(passage), facts: factDiff })
  .strict()
  .register(responseSchemas, { id: 'Diff' });

/** POST /api/lookup: what a text is, read against the store without storing it (`newstrace lookup --json`). */
export const lookupResponse = z
  .object({
    article: article.describe('the text as read, with the id it would be stored under; its spans point into its text'),
    stored: z.boolean().describe('an article with this id is in the store already'),
    story: z
      .object({
        id: z.string(),
        size: z.number().int(),
        score: z.number().describe('mean same-story probability with the members scored'),
        lowConfidence: z.boolean(),
        title: nullable(),
        earliest: z.object({ id: z.string(), title: nullable(), outlet: nullable(), publishedAt: nullable() }).strict(),
        merges: z.array(z.string()).describe('other stories the text shows to be this one'),
      })
      .strict()
      .nullable()
      .describe('null: no stored article tells its story'),
    closest: z
      .object({ article, relation, facts: factDiff })
      .strict()
      .nullable()
      .describe('the stored version closest to the text, their relation and what the text changes in facts'),
    origin: z
      .union([
        z.object({ kind: z.literal('outside'), name: z.string(), via: z.string().optional() }).strict(),
        z.object({ kind: z.literal('article'), id: z.string(), chain: z.array(z.string()) }).strict(),
        z.object({ kind: z.literal('first-report'), id: z.string() }).strict(),
        z.object({ kind: z.literal('this-text'), copiedBy: z.string() }).strict(),
      ])
      .nullable(),
    sources: z.array(
      z.object({ name: z.string(), kind: z.string(), span: span.nullable(), strong: z.boolean() }).strict(),
    ),
    spin: z.array(z.object({ from: span, to: span, fromText: z.string(), toText: z.string() }).strict()),
  })
  .strict()
  .register(responseSchemas, { id: 'LookUp' });

/** POST /api/articles. */
export const ingestResponse = z
  .object({
    added: z.number().int(),
    skipped: z.number().int(),
    read: z.number().int(),
    articles: z.array(z.string()).describe('ids of the articles added or already stored'),
    stories: z.array(z.string()).describe('the stories they are in'),
    errors: z.array(z.object({ source: z.string(), reason: z.string() }).strict()),
  })
  .strict()
  .register(responseSchemas, { id: 'IngestResult' });
