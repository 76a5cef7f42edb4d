import type { Span } from './span.js';

/**
 * `verbatim`: the same words; `paraphrase`: a sentence rewritten around the same content words; `substitution`: the
 * words that changed inside reused text, between two verbatim passages ("four workers" → "five workers" is the
 * verbatim "workers" with the substitution "four" → "five"); `translation`: a sentence and its rendering in another
 * language (stories/translation.ts).
 */
export type PassageKind = 'verbatim' | 'paraphrase' | 'substitution' | 'translation';

/** A passage of A reused in B. Spans are into each article's clean body. */
export interface Passage {
  a: Span;
  b: Span;
  kind: PassageKind;
  /**
   * 1 for verbatim, 0 for a substitution; for paraphrase and translation the similarity measure (0..1) that matched
   * the sentences.
   */
  score: number;
}

/** Shingle-set overlap of two articles, exact (not estimated). */
export interface Overlap {
  /** |A ∩ B| / |A ∪ B| over word 5-shingle hashes. */
  jaccard: number;
  /** |A ∩ B| / |A|: how much of A is in B. */
  containmentA: number;
  /** |A ∩ B| / |B|. */
  containmentB: number;
  shared: number;
}

export interface Alignment {
  passages: Passage[];
  /** Share of A's body characters covered by passages (verbatim + paraphrase). */
  coverageA: number;
  coverageB: number;
}

/** Passages seen from the other side: each one's A span becomes its B span and back. */
export function reversed<P extends { a: Span; b: Span }>(passages: P[]): P[] {
  return passages.map((p) => ({ ...p, a: p.b, b: p.a }));
}

/** A relation's passages as A → B, for article `a` of the pair, whichever of the two the relation calls `from`. */
export function passagesFrom<P extends { a: Span; b: Span }>(a: string, r: { from: string; passages: P[] }): P[] {
  return r.from === a ? r.passages : reversed(r.passages);
}
