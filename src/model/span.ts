/**
 * A half-open range [start, end) of UTF-16 code-unit offsets into a string (JavaScript's own indexing,
 * so `text.slice(start, end)` gives the spanned text). Which string it points into is said where it is used.
 */
export type Span = [start: number, end: number];

export function spanText(text: string, span: Span): string {
  return text.slice(span[0], span[1]);
}

export function spanLength(span: Span): number {
  return span[1] - span[0];
}
