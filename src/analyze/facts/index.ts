import type { Fact, Span } from '../../model/index.js';
import { attributions, quotes } from './attribution.js';
import { dates } from './dates.js';
import { entities } from './entities.js';
import { loadedTerms } from './loaded.js';
import { quantities } from './quantity.js';

export interface FactContext {
  /** The article's publication date (ISO), to resolve relative dates against. */
  publishedAt?: string;
}

/** Every fact of a clean body, in text order. */
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
