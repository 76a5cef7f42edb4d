import { matchesOf } from '../text/matches.js';
import { fnv1a, NAME_BIT, termOf, type TermVector } from './terms.js';

/** A word, as terms.ts reads them. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The terms of an article's title, as the article's term vector spells them (with the name bit when the body writes
 * them as names), sorted. A short formulaic wire item often names its subject only in its title ("TULTEX CORP <TTX>
 * SETS QUARTERLY DIVIDEND" over "Qtly div 15 cts vs 15 cts prior Pay April 1 Record March 13"): there the title says
 * which company the text is about.
 */
export function titleTerms(vec: TermVector, title: string | undefined): Uint32Array {
  return title ? vectorTerms(vec, [title], WORD) : new Uint32Array(0);
}

/**
 * The terms of the words `re` finds in the texts that the term vector carries, as it spells them (with the name bit
 * where the body writes them as names), sorted; words for which `skip` holds left out.
 */
function vectorTerms(vec: TermVector, texts: string[], re: RegExp, skip?: (term: string) => boolean): Uint32Array {
  const out = new Set<number>();
  for (const s of texts)
    for (const m of matchesOf(re, s)) {
      const t = termOf(m[0]);
      if (t === undefined || skip?.(t)) continue;
      const h = fnv1a(t) & ~NAME_BIT;
      const named = (h | NAME_BIT) >>> 0;
      if (has(vec.terms, named)) out.add(named);
      else if (has(vec.terms, h >>> 0)) out.add(h >>> 0);
    }
  return Uint32Array.from(out).sort();
}

/** Is `t` in the sorted array? */
export function has(sorted: Uint32Array, t: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === t;
}

/** A year's term ("#1987"): it dates a report, it does not tell one event's amounts from another's. */
const YEAR = /^#(?:19|20)\d\d$/;
/** A word that starts with a digit, at a word start as terms.ts reads words. */
const FIGURE_WORD = /(?<![\p{L}\p{N}'’-])\p{N}[\p{L}\p{N}'’-]*/gu;

/**
 * The figure terms (amounts, counts, rates, days: "#800" for "800") of the title and text that the article's term
 * vector carries, as it spells them, sorted; years left out. Only figures of two digits or more are terms.
 */
export function figureTerms(vec: TermVector, text: string, title?: string): Uint32Array {
  return vectorTerms(vec, [title ?? '', text], FIGURE_WORD, (t) => YEAR.test(t));
}
