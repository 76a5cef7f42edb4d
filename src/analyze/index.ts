import type { EventTime, Fact, Span } from '../model/index.js';
import { splitSentences } from '../text/sentences.js';
import { eventTime } from './eventtime.js';
import { foreignDates } from './facts/dates.js';
import { extractFacts, type FactContext } from './facts/index.js';
import { factsRead } from './language.js';

export interface Analysis {
  /** Sentence spans into the body. */
  sentences: Span[];
  facts: Fact[];
  /** When the reported event happened, from the publication date and the dates the text names. */
  eventTime: EventTime;
}

/**
 * The analyze stage: sentences, facts and event time of a clean body. `language` (ISO 639-3) other than English leaves
 * the facts out: the extractor's rules read English, and on a text in another language they read wrong facts ("800
 * mètres" as 800 million), which a fact table would show with the same assurance as true ones. The event time of such
 * a text is read from its publication date and the full dates it writes in its language (`foreignDates`).
 */
export function analyze(body: string, ctx: FactContext = {}, language?: string): Analysis {
  const sentences = splitSentences(body);
  if (!factsRead(language)) {
    const dated = foreignDates(body, sentences, language!, ctx.publishedAt);
    return { sentences, facts: [], eventTime: eventTime(body, sentences, dated, ctx.publishedAt) };
  }
  const facts = extractFacts(body, sentences, ctx);
  return { sentences, facts, eventTime: eventTime(body, sentences, facts, ctx.publishedAt) };
}
