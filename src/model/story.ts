import type { Passage } from './alignment.js';

export type RelationKind = 'copy' | 'translation' | 'shared-source' | 'same-event';

/**
 * Is one text made from the other (a copy, or a translation: a copy in another language)? Such a relation has a
 * direction, `from` the original; the others pair two texts made apart.
 */
export function derived(kind: RelationKind): boolean {
  return kind === 'copy' || kind === 'translation';
}

/**
 * How two articles of one story relate. For `copy`, `from` is the earlier/original and `to` the derived version; for
 * `translation`, `to` renders `from` (or a part of it) in another language, sentence by sentence. For
 * `shared-source` and `same-event` the pair is unordered (from is the earlier).
 */
export interface Relation {
  from: string;
  to: string;
  kind: RelationKind;
  /**
   * What the order of `from` and `to` rests on: publication times (`dated`), textual evidence such as a wire credit
   * or one side adding to the other (`textual`), or nothing (`unknown`: the order is that of arrival).
   */
  direction?: 'dated' | 'textual' | 'unknown';
  /** For a translation: the languages of `from` and `to` (ISO 639-3). */
  languages?: [from: string, to: string];
  /** For shared-source: the common source both attribute the text to, where they name one. */
  commonSource?: string;
  /** How sure the verdict is (0..1): a named source or a wholly reproduced text is sure, a guess from text is not. */
  confidence?: number;
  /**
   * For a copy that is a machine-like rewrite (the same sentences in the same order with words swapped for synonyms):
   * the swapped words, each with its span in `from` and in `to`.
   */
  spin?: SwappedWord[];
  /** Human-readable reasons, each checkable against the figures beside it. */
  evidence: string[];
  /** Measured figures behind the verdict. */
  scores: RelationScores;
  passages: Passage[];
}

export interface SwappedWord {
  from: [number, number];
  to: [number, number];
  fromText: string;
  toText: string;
}

export interface RelationScores {
  jaccard: number;
  containmentFrom: number;
  containmentTo: number;
  coverageFrom: number;
  coverageTo: number;
  /** Content-word/entity similarity used for same-event joins (0..1). */
  topical: number;
}

export interface Story {
  id: string;
  /** Article ids in publication order (unknown dates last, then by arrival). */
  articles: string[];
  relations: Relation[];
}
