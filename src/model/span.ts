/**
 * A half-open range [start, end) of UTF-16 code-unit offsets into a string (JavaScript's own indexing,
 * so `text.slice(start, end)` gives the spanned text). Which string it points into is said where it is used.
 */
export type Span = [start: number, end: number];
