/** Character classes by code unit, for scanners that walk a text by hand instead of matching a regular expression. */

/** JavaScript's `\s`: white space and line terminators. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** An ASCII digit, 0–9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
