import type { Fact, Span } from '../../model/index.js';
import { attributions, quotes } from './attribution.js';

export interface FactContext {
  /** The article's publication date (ISO), to resolve relative dates against. */
  publishedAt?: string;
}

/** Every fact of a clean body, in text order. */
export function extractFacts(body: string, sentences: Span[], _ctx: FactContext = {}): Fact[] {
  const attrs = attributions(body, sentences);
  const facts = [...attrs, ...quotes(body, sentences, attrs)];
  return facts.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}
