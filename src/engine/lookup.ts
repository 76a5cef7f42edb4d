import { diffFacts } from '../claims/compare.js';
import type { FactDiff, Relation, SwappedWord } from '../model/index.js';
import { derived } from '../model/index.js';
import type { Assignment } from '../stories/assign.js';
import { inferredSources, type InferredSource } from '../stories/sources.js';
import type { Membership, Store, StoredArticle } from '../store/types.js';

/**
 * What a text looked up against the store is (`Engine.lookUp`): the story it tells, where it comes from, the stored
 * version closest to it and what it changes against that version. Nothing of it is stored.
 */
export interface LookUp {
  /** The text as the engine read it: the id it would be stored under, title, clean body, removed noise, facts. */
  article: StoredArticle;
  /** An article with this id is in the store already (it is compared with the others). */
  stored: boolean;
  /** The story it tells; undefined when no stored article tells it (it would found a story of its own). */
  story?: LookUpStory;
  /** Why it belongs to its story, or why it stays apart from the closest one. */
  membership: Membership;
  /** The stored version closest to it, their relation (passages aligned) and what it changes in facts. */
  closest?: { article: StoredArticle; relation: Relation; facts: FactDiff };
  /** Where the text comes from, as far as the store and the text tell. */
  origin?: LookUpOrigin;
  /** Sources outside the store the text credits (a wire, a press release, a statement), with their spans. */
  sources: InferredSource[];
  /** Words swapped for synonyms against the closest version, sentence by sentence: the marks of a machine-spun copy. */
  spin?: SwappedWord[];
}

export interface LookUpStory {
  id: string;
  /** Stored articles in it. */
  size: number;
  /** Mean same-story probability of the text with the members it was scored against. */
  score: number;
  /** Title of the story's earliest article. */
  title?: string;
  /** Its earliest known article (by publication date, else by arrival). */
  earliest: StoredArticle;
  /** Other stories the text would join to this one (it shows they tell one story). */
  merges: string[];
}

export type LookUpOrigin =
  /** A source outside the store that the text and its closest version both reproduce. */
  | { kind: 'outside'; name: string; via?: string }
  /** A stored article the text reproduces, directly or through the copies between (`chain`, origin first). */
  | { kind: 'article'; id: string; chain: string[] }
  /** No reproduced text: the story's first report in the store. */
  | { kind: 'first-report'; id: string }
  /** The text is older than the stored version that reproduces it: it is the earliest known version itself. */
  | { kind: 'this-text'; copiedBy: string };

/** The origin's name where the text and its closest version share a source that neither names. */
export const UNNAMED_SOURCE = 'a common source the texts do not name';

/** Copies followed back from the closest version towards the original, at most (a bound on a cycle of bad data). */
const MAX_CHAIN = 20;
/**
 * Articles of a story up to which its relations are read to follow the chain of copies: reading every relation of a
 * story of thousands of versions (passages and all) took a look-up from milliseconds to a quarter of a second.
 */
export const CHAIN_STORY_MAX = 200;

/**
 * The report of a looked-up text from what the engine decided for it. `relate` relates two articles with passages
 * aligned (engine.ts), `storyId` is the story the decision names (undefined: a story of its own).
 */
export async function lookUpReport(
  store: Store,
  article: StoredArticle,
  decided: { decision: Assignment; storyId?: string; merge: string[]; stored: boolean },
  relate: (a: StoredArticle, b: StoredArticle, topical: number) => Relation,
): Promise<LookUp> {
  const { decision, storyId } = decided;
  const sources = inferredSources(article.body, article.outlet);
  const base = { article, stored: decided.stored, membership: article.membership!, sources };
  if (storyId === undefined) return base;
  // A story's relations are read only where it is small enough to read at once: in a larger one the chain of copies
  // is not followed.
  const size = await store.storySize(storyId);
  const earliestId = await store.storyEarliest(storyId);
  if (size === 0 || !earliestId) return base;
  const relations = size <= CHAIN_STORY_MAX ? ((await store.getStory(storyId))?.relations ?? []) : [];
  const [earliest] = await store.getArticles([earliestId]);
  // The closest version: the member holding most of the text, else the most probably of its story.
  const members =
    decision.members.length > 0 ? decision.members : decision.scored.filter((s) => s.member.storyId === storyId);
  const best = [...members].sort(
    (a, b) => b.member.overlap.containmentA - a.member.overlap.containmentA || b.p - a.p || a.member.seq - b.member.seq,
  )[0];
  const story: LookUpStory = {
    id: storyId,
    size,
    score: decision.score,
    title: earliest?.title,
    earliest,
    merges: decided.merge,
  };
  if (!best) return { ...base, story, origin: earliest && { kind: 'first-report', id: earliest.id } };
  const [near] = await store.getArticles([best.member.id]);
  if (!near) return { ...base, story };
  const relation = relate(near, article, best.member.cos);
  const closest = { article: near, relation, facts: diffFacts(near, article) };
  return {
    ...base,
    story,
    closest,
    origin: originOf(relation, near, relations, earliest),
    spin: relation.spin,
  };
}

/**
 * Where the text comes from: the common source it shares with its closest version; else, when it reproduces that
 * version, the version's own origin by the story's copy relations (back to an outside source where one is named);
 * else the story's first report.
 */
export function originOf(
  relation: Relation,
  near: StoredArticle,
  relations: Relation[],
  earliest: StoredArticle | undefined,
): LookUpOrigin | undefined {
  if (relation.kind === 'shared-source' && relation.commonSource)
    return { kind: 'outside', name: relation.commonSource };
  // A translation is a copy in another language: its original is where the text comes from.
  if (derived(relation.kind) && relation.from !== near.id) return { kind: 'this-text', copiedBy: near.id };
  if (derived(relation.kind) || relation.kind === 'shared-source') {
    const chain = [near.id];
    let at = near.id;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const named = relations.find(
        (r) => r.kind === 'shared-source' && r.commonSource && (r.from === at || r.to === at),
      );
      if (named) return { kind: 'outside', name: named.commonSource!, via: at };
      const up = relations.find((r) => derived(r.kind) && r.to === at && !chain.includes(r.from));
      if (!up) break;
      chain.unshift(up.from);
      at = up.from;
    }
    // Siblings of a source neither text names: it is outside the store, nameless.
    if (relation.kind === 'shared-source') return { kind: 'outside', name: UNNAMED_SOURCE };
    return { kind: 'article', id: chain[0], chain };
  }
  return earliest && { kind: 'first-report', id: earliest.id };
}
