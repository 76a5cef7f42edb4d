import type { Span } from './span.js';

/**
 * Maps an offset in a clean body to the extracted text it was cut from. `kept` are the text spans whose
 * concatenation is the body. Binary search: O(log segments).
 */
export function bodyToText(kept: Span[], offset: number): number {
  let lo = 0;
  let hi = kept.length - 1;
  let bodyStart = 0;
  // Prefix sums are cheap to recompute for the few segments an article has; keep the function pure.
  const starts: number[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    starts[i] = bodyStart;
    bodyStart += kept[i][1] - kept[i][0];
  }
  if (kept.length === 0) return offset;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return kept[lo][0] + (offset - starts[lo]);
}

/** A body span as a span of the extracted text. An end offset maps to the end of its segment, not the next start. */
export function bodySpanToText(kept: Span[], span: Span): Span {
  const start = bodyToText(kept, span[0]);
  const end = span[1] > span[0] ? bodyToText(kept, span[1] - 1) + 1 : start;
  return [start, end];
}
