import type { EventTime, Fact, Span } from '../model/index.js';
import { splitSentences } from '../text/sentences.js';
import { eventTime } from './eventtime.js';
import { extractFacts, type FactContext } from './facts/index.js';

export interface Analysis {
  /** Sentence spans into the body. */
  sentences: Span[];
  facts: Fact[];
  /** When the reported event happened, from the publication date and the dates the text names. */
  eventTime: EventTime;
}

/** The analyze stage: sentences, facts and event time of a clean body. */
/**
 * `readFacts` false leaves the facts out: the extractor's rules read English, and on a text in another language they
 * read wrong facts ("800 mètres" as 800 million), which a fact table would show with the same assurance as true ones.
 */
export function analyze(body: string, ctx: FactContext = {}, readFacts = true): Analysis {
  const sentences = splitSentences(body);
  const facts = readFacts ? extractFacts(body, sentences, ctx) : [];
  return { sentences, facts, eventTime: eventTime(body, sentences, facts, ctx.publishedAt) };
}
