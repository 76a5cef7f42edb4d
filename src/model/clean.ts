import type { Span } from './span.js';

/** Why a piece of the page was judged noise rather than story. */
export type NoiseReason =
  | 'photo-caption'
  | 'photo-credit'
  | 'link-bait'
  | 'share-text'
  | 'repeated-title'
  | 'dateline'
  | 'byline'
  | 'boilerplate';

export interface Removal {
  /** The removed text exactly, `text.slice(span[0], span[1])` of the extracted text. */
  text: string;
  reason: NoiseReason;
  /** Span into the extracted text (`Extracted.text`), not into the clean body. */
  span: Span;
}

/**
 * The clean stage's output. `body` is the concatenation of the `kept` spans of the extracted text, so any body
 * offset maps back to the extracted text (see offsets.ts).
 */
export interface Cleaned {
  body: string;
  /** Spans of the extracted text that make up `body`, in order, non-overlapping. */
  kept: Span[];
  removed: Removal[];
  /** A dateline split off as metadata ("DAMASCUS", "WASHINGTON (Reuters)"). */
  dateline?: { text: string; span: Span };
}
