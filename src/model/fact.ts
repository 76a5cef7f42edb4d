import type { Span } from './span.js';

export type FactKind =
  'quantity' | 'date' | 'person' | 'place' | 'organisation' | 'quote' | 'attribution' | 'loaded-term';

/** The kinds of fact that name something: their value is an EntityValue. */
export type EntityKind = 'person' | 'place' | 'organisation';

export interface QuantityValue {
  /** The number; for a range its low end. */
  value: number;
  /** High end of a range ("between 30 and 40"). */
  max?: number;
  /** "thousands of", "about 200", "more than 40". */
  approximate?: boolean;
  /**
   * An order of magnitude the text gives instead of a figure ("thousands", "tens of thousands", "dozens"): `value` is
   * its lower bound, and the fact is shown in these words, never as a number the text does not state.
   */
  vague?: string;
  /** What is counted, lemmatised and lower case: "civilian", "incident", "casualty", "percent", "usd". */
  unit: string;
  /** The event or verb the count belongs to, where the sentence says it: "killing and injuring", "estimated". */
  event?: string;
}

export interface DateValue {
  /** ISO date at the precision known: "2019", "2019-03", "2019-03-18". */
  iso: string;
  /** End of a period ("between June and October of 2017"). */
  end?: string;
  /** Resolved against the article's publication date ("on Monday night", "last January"). */
  relative?: boolean;
  /** The event the date belongs to, where the sentence says it: "took effect", "struck", "launched". */
  event?: string;
}

export interface EntityValue {
  /** Canonical form so variants match across outlets ("US-led coalition", "Syrian Democratic Forces"). */
  canonical: string;
}

export interface QuoteValue {
  /** Canonical speaker, where the text says who. */
  speaker?: string;
  /** Span (body offsets) of the quoted words without the quotation marks. */
  quote: Span;
}

export interface AttributionValue {
  /** Canonical source the claim is attributed to ("Syrian foreign ministry", "SANA", "US official sources"). */
  source: string;
  /** The reporting verb or phrase: "said", "according to", "admitted", "estimated". */
  verb: string;
  /** The most informative way the article names the source ("Syrian foreign ministry"). */
  display?: string;
}

export interface LoadedTermValue {
  /** The lexicon entry that matched (lemma). */
  term: string;
  /** Lexicon category ("violence", "delegitimising", "emotive"). */
  category: string;
}

export type FactValue = QuantityValue | DateValue | EntityValue | QuoteValue | AttributionValue | LoadedTermValue;

/** What every fact carries, whatever its kind. */
interface FactBase {
  /** Span into the article's clean body. */
  span: Span;
  /** Index into the article's sentences. */
  sentence: number;
  /** `body.slice(span[0], span[1])`. */
  text: string;
}

/** A fact: its kind says which value it carries (`f.kind === 'quantity'` narrows `f.value` to a QuantityValue). */
export type Fact = FactBase &
  (
    | { kind: 'quantity'; value: QuantityValue }
    | { kind: 'date'; value: DateValue }
    | { kind: EntityKind; value: EntityValue }
    | { kind: 'quote'; value: QuoteValue }
    | { kind: 'attribution'; value: AttributionValue }
    | { kind: 'loaded-term'; value: LoadedTermValue }
  );
