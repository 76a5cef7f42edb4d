import type { Fact, Span } from '../model/index.js';
import { splitSentences } from '../text/sentences.js';
import { extractFacts, type FactContext } from './facts/index.js';

export interface Analysis {
  /** Sentence spans into the body. */
  sentences: Span[];
  facts: Fact[];
}

/** The analyze stage: sentences and facts of a clean body. */
export function analyze(body: string, ctx: FactContext = {}): Analysis {
  const sentences = splitSentences(body);
  return { sentences, facts: extractFacts(body, sentences, ctx) };
}
