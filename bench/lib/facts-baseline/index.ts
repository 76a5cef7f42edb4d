/** The fact extractor as of commit b5391c1 (src/analyze/facts), kept unchanged as the baseline of `npm run bench -- facts`. */
import type { Fact, Span } from '../../../src/model/index.js';
import { attributions, quotes } from './attribution.js';
import { dates } from './dates.js';
import { entities } from './entities.js';
import { loadedTerms } from './loaded.js';
import { quantities } from './quantity.js';

export interface FactContext {
  /** The article's publication date (ISO), to resolve relative dates against. */
  publishedAt?: string;
}

/**
 * Every fact of a clean body, in text order.
 *
 * Dates come from chrono-node (resolved against the publication date); the other kinds from extractors written for
 * wire copy: the general NLP libraries measured on the founding example were too slow or wrong for this job
 * (compromise about 0.18 MB/s on one core and "Ayn al-Arab", "al-Baghouz" tagged as people; wink-nlp's English lite
 * model finds dates and cardinals but no people, places or organisations), while these run at 3.7 MB/s together on
 * the generated corpus and are scored per kind on hand-checked sentences (`npm run bench -- facts`, BENCHMARKS.md).
 */
export function extractFacts(body: string, sentences: Span[], ctx: FactContext = {}): Fact[] {
  const attrs = attributions(body, sentences);
  const facts = [
    ...attrs,
    ...quotes(body, sentences, attrs),
    ...quantities(body, sentences),
    ...dates(body, sentences, ctx.publishedAt),
    ...entities(body, sentences),
    ...loadedTerms(body, sentences),
  ];
  return facts.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}
