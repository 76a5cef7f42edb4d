import type { LookUp, LookUpOrigin } from '../engine/lookup.js';
import { bodySpanToText, type Span } from '../model/index.js';
import type { StoredArticle } from '../model/index.js';
import { factDiffJson, factDiffText, type FactDiffJson } from './facts.js';
import { articleJson, relationJson, LOW_CONFIDENCE, type ArticleJson, type RelationJson } from './json.js';
import type { Style } from './style.js';
import { dateLabel } from './text.js';

/**
 * A look-up in the public JSON contract: spans are [start, end) offsets into the `text` of the article they belong
 * to (`article` is the looked-up text as read, with the id it would be stored under).
 */
export interface LookUpJson {
  article: ArticleJson;
  /** An article with this id is in the store already. */
  stored: boolean;
  story: {
    id: string;
    size: number;
    score: number;
    /** The score is below LOW_CONFIDENCE: a guess, shown as one. */
    lowConfidence: boolean;
    title: string | null;
    earliest: { id: string; title: string | null; outlet: string | null; publishedAt: string | null };
    merges: string[];
  } | null;
  closest: { article: ArticleJson; relation: RelationJson; facts: FactDiffJson } | null;
  origin: LookUpOrigin | null;
  /** Outside sources the text credits, with their spans in its text. */
  sources: Array<{ name: string; kind: string; span: Span | null; strong: boolean }>;
  /** Swapped words against the closest version (a machine-spun copy), spans in each article's text. */
  spin: Array<{ from: Span; to: Span; fromText: string; toText: string }>;
}

export function lookUpJson(l: LookUp): LookUpJson {
  const a = l.article;
  const byId = new Map<string, StoredArticle>([[a.id, a]]);
  if (l.closest) byId.set(l.closest.article.id, l.closest.article);
  const relation = l.closest ? relationJson(l.closest.relation, byId) : undefined;
  return {
    article: articleJson(a),
    stored: l.stored,
    story: l.story
      ? {
          id: l.story.id,
          size: l.story.size,
          score: l.story.score,
          lowConfidence: l.story.score < LOW_CONFIDENCE,
          title: l.story.title ?? null,
          earliest: {
            id: l.story.earliest.id,
            title: l.story.earliest.title ?? null,
            outlet: l.story.earliest.outlet ?? null,
            publishedAt: l.story.earliest.publishedAt ?? null,
          },
          merges: l.story.merges,
        }
      : null,
    closest: l.closest
      ? {
          article: articleJson(l.closest.article),
          relation: relation!,
          facts: factDiffJson(l.closest.article, a, l.closest.facts),
        }
      : null,
    origin: l.origin ?? null,
    sources: l.sources.map((s) => ({
      name: s.name,
      kind: s.kind,
      span: s.span ? bodySpanToText(a.kept, s.span) : null,
      strong: s.strong,
    })),
    spin: relation?.spin ?? [],
  };
}

function who(a: StoredArticle): string {
  const when = a.publishedAt ? dateLabel(a.publishedAt) : 'date unknown';
  return `${a.outlet ?? a.source} (${when}) ${a.id}${a.title ? ` “${a.title}”` : ''}`;
}

function originText(o: LookUpOrigin, l: LookUp): string {
  switch (o.kind) {
    case 'outside':
      return `${o.name}, reproduced by this text and its closest version${o.via ? ` (through ${o.via})` : ''}`;
    case 'article':
      return o.chain.length > 1 ? `${o.chain[0]}, copied on through ${o.chain.slice(1).join(' → ')}` : o.id;
    case 'first-report':
      return `no reproduced text; the story's first report in the store is ${o.id}`;
    case 'this-text':
      return `this text: the stored ${o.copiedBy} reproduces it and is later (${l.closest?.relation.direction ?? 'unknown'} order)`;
  }
}

/** The look-up for a terminal: the verdicts first, each with what it rests on, then the fact changes. */
export function lookUpText(l: LookUp, st: Style): string {
  const out: string[] = [];
  const a = l.article;
  out.push(
    st.bold(`Looked up: ${a.title ?? a.id}`),
    `  would be stored as ${a.id}${l.stored ? ' (already stored)' : ''}`,
  );
  if (!l.story) {
    out.push('', `${st.bold('Story:')} none in the store tells it`);
    for (const e of l.membership.evidence) out.push(`  · ${e}`);
  } else {
    const s = l.story;
    const guess = s.score < LOW_CONFIDENCE ? st.yellow(' (low confidence: a guess)') : '';
    out.push(
      '',
      `${st.bold('Story:')} ${s.id}  ${s.size} article(s)  score ${s.score.toFixed(2)}${guess}`,
      `  earliest: ${who(s.earliest)}`,
    );
    if (s.merges.length) out.push(`  it would join to it: ${s.merges.join(', ')}`);
    for (const e of l.membership.evidence) out.push(`  · ${e}`);
  }
  if (l.origin) out.push('', `${st.bold('Origin:')} ${originText(l.origin, l)}`);
  if (l.sources.length)
    out.push(
      `${st.bold('Credits:')} ${l.sources.map((s) => `${s.name} (${s.kind}${s.strong ? '' : ', weak'})`).join(', ')}`,
    );
  if (l.closest) {
    const r = l.closest.relation;
    const conf = r.confidence !== undefined && r.confidence < LOW_CONFIDENCE ? st.yellow(' (low confidence)') : '';
    out.push(
      '',
      `${st.bold('Closest version:')} ${who(l.closest.article)}`,
      `  relation: ${r.kind}${r.spin?.length ? ' (machine-spun)' : ''}${r.commonSource ? `, common source ${r.commonSource}` : ''}${conf}`,
      ...r.evidence.map((e) => `  · ${e}`),
    );
    if (l.spin?.length) out.push(`  swapped words: ${l.spin.map((w) => `${w.fromText} → ${w.toText}`).join(', ')}`);
    out.push(
      '',
      st.bold('Facts: what this text changes against its closest version'),
      factDiffText(l.closest.facts, st),
    );
  }
  if (a.removed.length) {
    out.push('', st.bold('Page noise removed:'));
    for (const r of a.removed) out.push(`  ${r.reason}: ${r.text.length > 100 ? r.text.slice(0, 99) + '…' : r.text}`);
  }
  return out.join('\n') + '\n';
}
