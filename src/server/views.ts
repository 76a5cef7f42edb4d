import type { StoryJson } from '../report/json.js';

/** Characters of an article's text the story page shows where the article has no title. */
export const EXCERPT_CHARS = 160;

/** Fact-table cell statuses as one letter each, in the table's column order: `storyPageJson` rows' `marks`. */
const STATUS_LETTER: Record<string, string> = { carried: 'c', omitted: 'o', conflicting: 'x', updated: 'u' };

/**
 * The story as the story page reads it (`GET /api/stories/{id}?view=page`): article metadata without texts, relations
 * without passages, and the fact table with one status letter per cell and details only where an article carries
 * the fact. For a 200-article story this is about a fifth of the full JSON, and parsing the full JSON was most of the
 * page's load time (measured in test/ui: the fact table's 30,000 cells, each an object keyed by article id).
 */
export function storyPageJson(
  s: StoryJson & { firstSeen: string | null },
  limit = s.articles.length,
  title: string | null = s.articles.find((a) => a.title)?.title ?? null,
) {
  const column = new Map(s.facts.articles.map((id, i) => [id, i]));
  return {
    id: s.id,
    firstSeen: s.firstSeen,
    articleCount: s.articleCount,
    offset: s.offset,
    /** The page size asked for: where the next and previous pages start. */
    limit,
    /** The story's title: its earliest titled article's, whatever the page. */
    title,
    articles: s.articles.map((a) => ({
      id: a.id,
      source: a.source,
      outlet: a.outlet,
      url: a.url,
      title: a.title,
      publishedAt: a.publishedAt,
      dateline: a.dateline,
      language: a.language,
      excerpt: a.text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS),
      removed: a.removed.length,
      facts: a.facts.length,
      membership: a.membership
        ? { score: a.membership.score, by: a.membership.by, evidence: a.membership.evidence }
        : null,
    })),
    relations: s.relations.map((r) => ({
      from: r.from,
      to: r.to,
      kind: r.kind,
      ...(r.commonSource ? { commonSource: r.commonSource } : {}),
      ...(r.languages ? { languages: r.languages } : {}),
      ...(r.direction ? { direction: r.direction } : {}),
      ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
      ...(r.spin ? { spin: r.spin.map((w) => `${w.fromText} → ${w.toText}`) } : {}),
      evidence: r.evidence,
      passages: r.passages.length,
      /** Share of the `to` article's text made of passages reused from `from` (picks each copy's closest parent). */
      coverageTo: r.scores.coverageTo,
    })),
    changes: s.changes,
    facts: {
      articles: s.facts.articles,
      ...(s.facts.unread ? { unread: s.facts.unread } : {}),
      rows: s.facts.rows.map((r) => {
        const marks = new Array<string>(s.facts.articles.length).fill('o');
        const details: Array<{ col: number; text?: string; attributedTo?: string }> = [];
        for (const [id, c] of Object.entries(r.cells)) {
          const col = column.get(id);
          if (col === undefined) continue;
          marks[col] = STATUS_LETTER[c.status] ?? 'o';
          if (c.status !== 'omitted')
            details.push({
              col,
              ...(c.text ? { text: c.text } : {}),
              ...(c.attributedTo ? { attributedTo: c.attributedTo } : {}),
            });
        }
        return { key: r.key, kind: r.kind, label: r.label, marks: marks.join(''), details };
      }),
    },
  };
}

export type StoryPageJson = ReturnType<typeof storyPageJson>;
