/** Number words and multipliers as wire copy writes them. */
export const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
export const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
  m: 1_000_000,
  // Reuters and other wire desks abbreviate: "52.6 mln shares", "1.02 bln stg".
  mln: 1_000_000,
  bln: 1_000_000_000,
  mn: 1_000_000,
  bn: 1_000_000_000,
  k: 1_000,
};

/** "240", "1,200", "3.5", "eighty", "twenty-five", "two dozen", "1.5 million" → the number, or undefined. */
export function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const m =
    /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: ?(hundred|thousand|million|billion|trillion|mln|bln|m|mn|bn|k)\b)?$/.exec(
      t,
    );
  if (m) {
    const n = Number(m[1].replace(/,/g, ''));
    // Rounded to 12 significant digits: 4.1 * 1e6 is 4099999.9999999995 in binary floating point.
    return m[2] ? Number((n * SCALES[m[2]]).toPrecision(12)) : n;
  }
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of t.split(/[ -]/)) {
    if (w === 'and' || w === 'a') continue;
    if (w in UNITS) {
      current += UNITS[w];
      any = true;
    } else if (w === 'dozen') {
      current = (current || 1) * 12;
      any = true;
    } else if (w in SCALES && w.length > 2) {
      current = (current || 1) * SCALES[w];
      if (SCALES[w] >= 1000) {
        total += current;
        current = 0;
      }
      any = true;
    } else return undefined;
  }
  return any ? total + current : undefined;
}

const WORD_NUMBER = `(?:a |two |three |four |five )?dozen|(?:${Object.keys(UNITS).join('|')})(?:[ -](?:${Object.keys(UNITS).join('|')}))?(?: (?:hundred|thousand|million|billion|mln|bln))?`;
/** A number in digits or words, with an optional scale word. */
export const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?: ?(?:hundred|thousand|million|billion|trillion|mln|bln|mn|bn|m|k)\\b)?|\\b(?:${WORD_NUMBER})\\b`;
