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
export function analyze(body: string, ctx: FactContext = {}): Analysis {
  const sentences = splitSentences(body);
  const facts = extractFacts(body, sentences, ctx);
  return { sentences, facts, eventTime: eventTime(body, sentences, facts, ctx.publishedAt) };
}
