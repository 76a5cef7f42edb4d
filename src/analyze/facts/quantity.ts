import type { Fact, QuantityValue, Span } from '../../model/index.js';
import { NUMBER, parseNumber, UNITS } from './numbers.js';
import { matchesOf } from '../../text/matches.js';
import { isDigit } from '../../text/chars.js';

/**
 * Figures with what they count and the event they belong to: "the killing and injuring of 240 civilians" →
 * {240, civilian, killing and injuring}; "38 different incidents"; "estimated the casualties … at 774 ones" →
 * {774, casualty}; "thousands of civilians" (approximate); "between 30 and 40 people" (range); "40 percent";
 * "$5 million". Years and the day numbers of dates are left to the date extractor.
 */

const APPROX =
  '(?:about|around|nearly|almost|approximately|roughly|some|more than|over|at least|up to|fewer than|less than|as many as|close to|an estimated|estimated)';
const CURRENCY: Record<string, string> = {
  $: 'usd',
  '€': 'eur',
  '£': 'gbp',
  US$: 'usd',
  $US: 'usd',
  A$: 'aud',
  $A: 'aud',
  C$: 'cad',
  HK$: 'hkd',
};

const QUANTITY = new RegExp(
  `(?<![\\w.,-])(?<approx>\\b${APPROX} )?(?<cur>US\\$|HK\\$|A\\$|C\\$|\\$US|\\$A|\\$|€|£)?(?<range>between )?(?<num>${NUMBER})(?:(?<join> and| to|-|–)(?<cur2> ?US\\$|\\$|€|£)? ?(?<num2>${NUMBER}))?(?<pct> ?(?:%|percent\\b|per cent\\b|pct\\b))?`,
  'gi',
);
/**
 * Where a QUANTITY match may begin is bounded by where its figure is: a digit or a number word, at most
 * ANCHOR_REACH code units after the match's start (the longest approximation "approximately ", the currency "US$",
 * "between " and the "three " of "three dozen": 14 + 3 + 8 + 6 = 31). Most of a sentence holds no figure, and the
 * figure-led expression tried at every position was a third of the quantity extractor's time; it now starts its search
 * just before the next figure.
 */
const ANCHOR_REACH = 40;
/** The start of every number word QUANTITY can read (case-insensitive, at a word boundary, as the expression has it). */
const NUMBER_WORD_START = new RegExp(`\\b(?:${Object.keys(UNITS).join('|')}|dozen)`, 'gi');

/** The same matches as `s.matchAll(QUANTITY)`, the search started near each figure instead of at every position. */
function quantityMatches(s: string): RegExpExecArray[] {
  const anchors: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) anchors.push(i);
  }
  NUMBER_WORD_START.lastIndex = 0;
  for (let m = NUMBER_WORD_START.exec(s); m; m = NUMBER_WORD_START.exec(s)) anchors.push(m.index);
  const out: RegExpExecArray[] = [];
  if (anchors.length === 0) return out;
  anchors.sort((a, b) => a - b);
  let from = 0;
  let k = 0;
  for (;;) {
    while (k < anchors.length && anchors[k] < from) k++;
    if (k === anchors.length) return out;
    QUANTITY.lastIndex = Math.max(from, anchors[k] - ANCHOR_REACH);
    const m = QUANTITY.exec(s);
    if (!m) return out;
    out.push(m);
    from = m.index + Math.max(1, m[0].length);
  }
}

/** The QUANTITY match that starts at `at`, if one does: the second figure of what was not a range. */
function matchAt(s: string, at: number): RegExpExecArray | undefined {
  QUANTITY.lastIndex = at;
  const m = QUANTITY.exec(s);
  return m && m.index === at ? m : undefined;
}

/** A bare year, 1900–2099. */
const isYear = (t: string) => /^(?:19|20)\d\d$/.test(t);

/** "thousands of", "hundreds of", "dozens of", "tens of thousands of". */
const VAGUE = /\b(?<approx>(?:tens of |hundreds of )?(?<scale>dozens|hundreds|thousands|millions|billions)) of\b/gi;
const VAGUE_HINT = /s of/i;
const VAGUE_VALUE: Record<string, number> = {
  dozens: 24,
  hundreds: 100,
  thousands: 1000,
  millions: 1_000_000,
  billions: 1_000_000_000,
};

const MONTHS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;
/** Words skipped between a number and the thing it counts. */
const FILLER = new Set([
  'different',
  'other',
  'more',
  'additional',
  'separate',
  'innocent',
  'more',
  'of',
  'the',
  'their',
  'its',
  'his',
  'her',
  'those',
  'these',
  'new',
  'local',
  'armed',
  'unarmed',
  'young',
  'small',
  'large',
  'major',
  'minor',
  'total',
  'further',
  'such',
  // Rank and status adjectives: "two senior officials" counts officials.
  'senior',
  'junior',
  'top',
  'former',
  'elderly',
  'foreign',
  'suspected',
  'alleged',
  'unidentified',
]);
/** Words before a figure that make it a label or a measure on a scale, not a count: "magnitude 6.8", "Category 4". */
const LABEL_BEFORE =
  /\b(?:magnitude|category|level|grade|no\.|number|article|section|flight|route|highway|platform|gate|room|bus|chapter|page|version|court|group|terminal|pier|studio|model|series|phase|stage|round|week|day|game)\s+$/i;
/**
 * A figure right after a capitalised word inside the sentence is part of a name or an identifier: "El 19 Digital",
 * "the Nielsen 1-20 well", "Boeing 737"; one glued to a capital letter is a code ("3D", "5G"). Neither counts anything.
 */
const NAME_BEFORE = /(?<=\S\s+)\p{Lu}[\p{L}]*\s$/u;
const CODE_AFTER = /^\p{Lu}/u;
/** Clock times ("4.07pm"), emergency numbers ("a 911 call") and spans back from now ("three weeks ago", a date). */
const NOT_COUNT_AFTER = /^\s?(?:a\.?m\b|p\.?m\b|calls?\b|(?:\p{L}+\s+)?ago\b)/iu;
/** Currency words after a figure, with the country in front where it is not the dollar of the US. */
const CURRENCY_AFTER =
  /^\s+(?:(US|U\.S\.|American|Canadian|Australian|Hong Kong|New Zealand|Singapore)\s+)?(?:dollars?|dlrs?)\b/i;
const DOLLAR_OF: Record<string, string> = {
  us: 'usd',
  'u.s.': 'usd',
  american: 'usd',
  canadian: 'cad',
  australian: 'aud',
  'hong kong': 'hkd',
  'new zealand': 'nzd',
  singapore: 'sgd',
};
/** A person's age as wire copy gives it: "Sam Bankman-Fried, 32, was …". */
const AGE = /,\s(\d{1,3}),\s/g;
/** The end of a capitalised word, which an age follows (tested on the few characters before the comma). */
const NAME_END = /\p{Lu}[\p{L}'’.-]*$/u;
/** Most years an age can be: a larger figure between commas is something else. */
const MAX_AGE = 120;
/** Words that cannot be what a figure counts. */
const NOT_UNITS = new Set([
  'and',
  'or',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'a',
  'an',
  'that',
  'which',
  'who',
  'as',
  'said',
  'ones',
  'one',
  'times',
  'percent',
]);
const MONEY_WORDS: Record<string, string> = {
  dollars: 'usd',
  dollar: 'usd',
  euros: 'eur',
  euro: 'eur',
  pounds: 'gbp',
  pound: 'gbp',
  yuan: 'cny',
  rupees: 'inr',
  roubles: 'rub',
  rubles: 'rub',
  dlrs: 'usd',
  dlr: 'usd',
  stg: 'gbp',
  yen: 'jpy',
};

/** Plurals that no suffix rule turns back into their singular. */
const IRREGULAR: Record<string, string> = {
  children: 'child',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  leaves: 'leave',
  thieves: 'thief',
};

export function singular(word: string): string {
  const w = word.toLowerCase();
  if (w in IRREGULAR) return IRREGULAR[w];
  if (/^(people|police|staff|personnel|cattle|news|series|species|basis|crisis|analysis)$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('men')) return w.slice(0, -3) + 'man';
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

const WORD_RE = /[\p{L}][\p{L}'’-]*/gu;
/** The fillers and the word counted right after a figure, which the figure's span takes in ("240 innocent civilians"). */
const UNIT_WORDS = new RegExp(`^(?:\\s+(?:${[...FILLER].join('|')}))*\\s+[\\p{L}][\\p{L}'’-]*`, 'u');

function wordsAfter(s: string, from: number, n: number): string[] {
  const out: string[] = [];
  for (const m of matchesOf(WORD_RE, s.slice(from, from + 80))) {
    out.push(m[0]);
    if (out.length === n) break;
  }
  return out;
}

/** The thing counted: the first noun-like word after the number, skipping fillers. */
function unitAfter(s: string, from: number): string | undefined {
  const after = s.slice(from);
  if (/^\s*[,.;:)]/.test(after)) return undefined;
  // Compound units.
  const compound = /^\s+(basis|percentage) points?\b/i.exec(after);
  if (compound) return `${compound[1].toLowerCase()} point`;
  for (const w of wordsAfter(s, from, 4)) {
    const l = w.toLowerCase();
    if (FILLER.has(l)) continue;
    if (NOT_UNITS.has(l) || MONTHS.test(l)) return undefined;
    return singular(l);
  }
  return undefined;
}

/** For "estimated the casualties in Raqqa at 774 ones": the object named before the figure. */
function unitBefore(s: string, at: number): string | undefined {
  const before = s.slice(Math.max(0, at - 120), at);
  const m = /\bthe ([\p{Ll}]+s)\b[^,;]*?\b(?:at|to|of|reached|stood at|totalled|totaled)\s+$/u.exec(before);
  return m ? singular(m[1]) : undefined;
}

/** The event a figure belongs to: a gerund phrase before "of" ("the killing and injuring of"), or the verb before it. */
function eventBefore(s: string, at: number): string | undefined {
  const before = s.slice(Math.max(0, at - 80), at);
  const g =
    /\b(\p{L}+ing(?: and \p{L}+ing)?) (?:of )?(?:about |around |nearly |at least |more than |some |the )?$/iu.exec(
      before,
    );
  if (
    g &&
    !/^(?:including|during|according|being|having|morning|evening|building|nothing|something|during)$/i.test(g[1])
  ) {
    return g[1].toLowerCase();
  }
  const v =
    /\b(\p{L}+ed|killed|wounded|injured|estimated|displaced|arrested|detained|rescued|evacuated|raised|cut|lost|hit|reached)\b(?: (?:at least|about|around|nearly|some|more than|over|up to|at|to|by))? ?$/iu.exec(
      before,
    );
  if (v) return v[1].toLowerCase();
  return undefined;
}

/**
 * The event told after the thing counted: "12 people were killed", "30 people injured in the attack". Only a
 * participle right after the noun (or after its auxiliary) counts; a later verb may belong to another clause.
 */
const EVENT_AFTER =
  /^\s*(?:(?:were|was|are|is|have been|has been|had been|been|reportedly|later)\s+)*(\p{L}+ed|hurt|shot|held|slain|taken|driven|thrown|burnt|burned)\b/iu;

function eventAfter(s: string, end: number): string | undefined {
  const m = EVENT_AFTER.exec(s.slice(end, end + 40));
  return m && !/^(?:said|reported|added|stated|needed|based)$/i.test(m[1]) ? m[1].toLowerCase() : undefined;
}

/** Gerund of the "killing and injuring of 240" form: the most specific event a figure can have. */
const GERUND_OF = /\b\p{L}+ing(?: and \p{L}+ing)? of (?:about |around |nearly |at least |more than |some |the )?$/iu;

function isDatePart(s: string, start: number, end: number, text: string): boolean {
  const n = Number(text.replace(/,/g, ''));
  const before = s.slice(Math.max(0, start - 12), start);
  const after = s.slice(end, end + 12);
  // Years: 1900–2099 written bare.
  if (/^\d{4}$/.test(text) && n >= 1900 && n <= 2099) return true;
  // Day numbers next to a month: "March 18th", "18 March", "on the 18th".
  if (
    /^\d{1,2}$/.test(text) &&
    (/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? $/i.test(before) ||
      /^(?:st|nd|rd|th)?,? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(after) ||
      /^(?:st|nd|rd|th)\b/i.test(after))
  )
    return true;
  // Times and clock figures, ordinals, percentages handled elsewhere.
  if (/^[:.]\d/.test(after) || /\d[:.]$/.test(before)) return true;
  return false;
}

export function quantities(body: string, sentences: Span[]): Fact[] {
  const out: Fact[] = [];
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    let lastUnit: string | undefined;
    let skipTo = 0;
    const matches = quantityMatches(s);
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i];
      if (m.index < skipTo) continue;
      const g = m.groups!;
      const num = g.num;
      const value = parseNumber(num);
      if (value === undefined) continue;
      const numAt =
        m.index + m[0].indexOf(num, (g.approx?.length ?? 0) + (g.cur?.length ?? 0) + (g.range?.length ?? 0));
      let end = m.index + m[0].length;
      let max = g.num2 ? parseNumber(g.num2) : undefined;
      let fraction = 0;
      if (g.num2 && max !== undefined) {
        const num2At = m.index + m[0].lastIndexOf(g.num2);
        const den = /^\/(\d{1,2})\b/.exec(s.slice(num2At + g.num2.length));
        if (g.join === '-' && den && max < Number(den[1])) {
          // "11-3/4 dlrs": a whole number and a fraction, as commodity and bond prices are written.
          fraction = max / Number(den[1]);
          max = undefined;
          const tail = /^\/\d{1,2}(?: ?(?:%|percent\b|pct\b))?/.exec(s.slice(num2At + g.num2.length))![0];
          end = num2At + g.num2.length + tail.length;
          if (/(?:%|percent|pct)$/.test(tail)) g.pct = tail;
        } else if (max <= value || isYear(num)) {
          // Not a range: a score ("won 2-1"), a year before a figure ("2025 to 2.2%"), a fall ("from 5 to 3").
          // The second figure is read on its own; the first is a count only in the last case, and then says no unit.
          if (!(g.join === '-' || g.join === '–') || isYear(num)) {
            const again = matchAt(s, num2At);
            if (again) matches.splice(i + 1, 0, again);
          } else skipTo = num2At + g.num2.length;
          continue;
        }
      }
      if (!g.num2 && !g.pct && !g.cur && isDatePart(s, numAt, numAt + num.length, num)) continue;
      if (!g.cur && LABEL_BEFORE.test(s.slice(Math.max(0, m.index - 12), m.index))) continue;
      if (
        !g.cur &&
        !g.approx &&
        NAME_BEFORE.test(s.slice(Math.max(0, numAt - 40), numAt)) &&
        !MONTHS.test(
          s
            .slice(Math.max(0, numAt - 12), numAt)
            .trim()
            .split(/\s+/)
            .pop() ?? '',
        ) &&
        // "El 19 Digital", "Apollo 11.", "the Nielsen 1-20 well": a name or a code; "fined Google 4.3 billion euros"
        // counts something.
        (g.join === '-' || /^(?:\s+\p{Lu}|\s*$|\s*[,.;:)])/u.test(s.slice(end, end + 3)))
      )
        continue;
      if (CODE_AFTER.test(s.slice(numAt + num.length, numAt + num.length + 1))) continue;
      if (!g.pct && !g.cur && NOT_COUNT_AFTER.test(s.slice(end, end + 24))) continue;
      // "one" alone is an article more often than a count: keep it only with a unit that follows directly.
      if (/^(?:one|a dozen)$/i.test(num) && !g.cur) continue;
      let unit: string | undefined;
      let scale = 1;
      if (g.pct) unit = 'percent';
      else if (g.cur) unit = CURRENCY[g.cur.trim()] ?? 'money';
      else {
        const after = wordsAfter(s, end, 1)[0]?.toLowerCase();
        const dollars = CURRENCY_AFTER.exec(s.slice(end, end + 40));
        if (dollars) unit = dollars[1] ? DOLLAR_OF[dollars[1].toLowerCase()] : 'usd';
        else if (after === 'cts' || after === 'cents') {
          unit = 'usd';
          scale = 0.01;
        } else if (after && after in MONEY_WORDS) unit = MONEY_WORDS[after];
        else unit = unitAfter(s, end);
        if (!unit && /^\s*ones?\b/i.test(s.slice(end))) unit = unitBefore(s, m.index);
      }
      // "42 people were killed and 120 injured": a participle counts the thing counted before.
      let participle: string | undefined;
      if (unit && /(?:ed|en)$/.test(unit) && lastUnit && !/(?:ed|en)$/.test(lastUnit)) {
        participle = unit;
        unit = lastUnit;
      }
      if (!unit) continue;
      lastUnit = unit;
      const approx =
        !!g.approx ||
        /\b(?:about|around|nearly|some|approximately|roughly|more than|over|at least|up to|estimated)\s+$/i.test(
          s.slice(Math.max(0, m.index - 20), m.index),
        );
      const v: QuantityValue = { value: Number(((value + fraction) * scale).toPrecision(12)), unit };
      if (max !== undefined && max > value) v.max = Number((max * scale).toPrecision(12));
      if (approx) v.approximate = true;
      // The span covers the figure and the word it counts, where that word follows.
      let spanEnd = end;
      const unitMatch = UNIT_WORDS.exec(s.slice(end));
      if (unitMatch && unit !== 'percent' && !g.cur) spanEnd = end + unitMatch[0].length;
      const before = s.slice(Math.max(0, m.index - 80), m.index);
      const event =
        participle ??
        (GERUND_OF.test(before) ? eventBefore(s, m.index) : (eventAfter(s, spanEnd) ?? eventBefore(s, m.index)));
      if (event) v.event = event;
      const start = s0 + m.index + (g.approx && !approx ? g.approx.length : 0);
      out.push({
        kind: 'quantity',
        span: [start, s0 + spanEnd],
        sentence: si,
        text: body.slice(start, s0 + spanEnd),
        value: v,
      });
    }
    // "Bankman-Fried, 32, was …": an age between commas after a name.
    if (s.includes(', ')) {
      for (const m of matchesOf(AGE, s)) {
        if (!NAME_END.test(s.slice(Math.max(0, m.index - 30), m.index))) continue;
        const age = Number(m[1]);
        const a = m.index + m[0].indexOf(m[1]);
        if (age > MAX_AGE || out.some((f) => f.span[0] <= s0 + a && s0 + a < f.span[1])) continue;
        out.push({
          kind: 'quantity',
          span: [s0 + a, s0 + a + m[1].length],
          sentence: si,
          text: m[1],
          value: { value: age, unit: 'year', event: 'age' },
        });
      }
    }
    // Every VAGUE match holds "s of" (its scale word is a plural): most sentences hold none.
    if (!VAGUE_HINT.test(s)) return;
    for (const m of matchesOf(VAGUE, s)) {
      const scale = m.groups!.scale.toLowerCase();
      const unit = unitAfter(s, m.index + m[0].length);
      if (!unit) continue;
      const v: QuantityValue = {
        value:
          VAGUE_VALUE[scale] *
          (/tens of/i.test(m[0]) ? 10 : /hundreds of (?:thousands|millions)/i.test(m[0]) ? 100 : 1),
        unit,
        approximate: true,
        vague: m.groups!.approx.toLowerCase(),
      };
      const event = eventBefore(s, m.index);
      if (event) v.event = event;
      const unitMatch = /^(?:\s+(?:innocent|other|more))*\s+[\p{L}][\p{L}'’-]*/u.exec(s.slice(m.index + m[0].length));
      const end = m.index + m[0].length + (unitMatch ? unitMatch[0].length : 0);
      out.push({
        kind: 'quantity',
        span: [s0 + m.index, s0 + end],
        sentence: si,
        text: s.slice(m.index, end),
        value: v,
      });
    }
  });
  return out;
}
