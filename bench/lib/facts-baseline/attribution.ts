import type { AttributionValue, Fact, QuoteValue, Span } from '../../../src/model/index.js';
import { isSpace } from '../../../src/text/chars.js';
import { matchesOf } from '../../../src/text/matches.js';
import { canonicalSource, GENERIC, PRONOUNS, SOURCE_HEADS, type SourceName } from './sources.js';

/**
 * Who is said to say what. Attributions are found around reporting verbs ("the ministry said", "U.S. official
 * sources have admitted", "NGOs have estimated") and after "according to"; pronouns and generic phrases ("it", "the
 * statement", "the ministry") point back to the last named source. Quotes are the text inside quotation marks, with
 * the speaker named in their sentence or the next.
 */

export const REPORTING_VERBS =
  'said|says|say|added|adds|stated|states|noted|notes|affirmed|affirms|stressed|stresses|announced|announces|reported|reports|told|tells|claimed|claims|admitted|admits|estimated|estimates|warned|warns|accused|accuses|considered|considers|confirmed|confirms|denied|denies|insisted|insists|explained|explains|argued|argues|wrote|writes|declared|declares|demanded|demands|urged|urges|called|calls|pointed out|indicated|indicates|revealed|reveals|asserted|asserts|described|describes|condemned|condemns|acknowledged|acknowledges|alleged|alleges|showed|shows|blamed|blames|believe|believes|believed';

/** "<source> [has|have|had] <verb>" — the source phrase is taken from the words just before. */
const VERB = new RegExp(`\\b(?:(?:has|have|had|also|further|then|later|earlier)\\s+)*(${REPORTING_VERBS})\\b`, 'g');
/** "<verb> the ministry" after a quote or clause: "…, said the ministry." */
const INVERTED = new RegExp(`[,”"]\\s*(${REPORTING_VERBS})\\s+((?:the\\s+)?[^,.;:"“”]{2,60}?)(?=[.,;]|$)`, 'g');
const ACCORDING = /\baccording to\s+((?:the\s+)?[^,.;:"“”()]{2,60}?)(?=[.,;:()]|\s+(?:on|in|at|which|who|that)\b|$)/gi;

/** Words allowed inside a source phrase besides capitalised words and head nouns. */
const PHRASE_WORD =
  /^(?:the|of|and|for|on|its|official|officials|senior|local|foreign|military|human|rights|international|u\.s\.|us|un|\p{Lu}[\p{L}.'’-]*|[\p{Ll}-]+)$/u;

/** Time adjuncts between a source and its verb ("the ministry on Thursday accused"). */
const TIME_ADJUNCT =
  /\s+(?:(?:late |early )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:night|morning|evening|afternoon))?|yesterday|today|earlier|later|last (?:week|month|year|night)|on \p{L}+ \d{1,2}(?:, \d{4})?)\s*$/u;
/** Words that end a source phrase when read backwards from the verb. */
const STOP =
  /^(?:that|which|who|whom|as|while|when|where|because|but|or|if|than|in|on|at|by|with|from|to|after|before|said|has|have|had|it's|is|was|were|are)$/i;

/**
 * The last word of every TIME_ADJUNCT: a phrase can only end in one when the text before the verb ends in one of these
 * (or in a digit, for "on March 18"), which most do not; the expression itself is tried only then.
 */
const ADJUNCT_ENDS = new Set(
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday night morning evening afternoon yesterday today earlier later week month year'.split(
    ' ',
  ),
);

function mayEndInAdjunct(before: string): boolean {
  const n = before.length;
  if (n === 0) return false;
  const last = before.charCodeAt(n - 1);
  if (last >= 48 && last <= 57) return true;
  let i = n;
  while (i > 0 && isAsciiLetter(before.charCodeAt(i - 1))) i--;
  return i < n && ADJUNCT_ENDS.has(before.slice(i));
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** A character of a source phrase's word: `[\p{L}\p{N}.'’-]`. The length of the code point ending at `end`, or 0. */
const PHRASE_CHAR = /^[\p{L}\p{N}.'’-]$/u;
const ASCII_PHRASE_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_PHRASE_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_PHRASE_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_PHRASE_CHAR[c] = 1;
for (const c of ".'-") ASCII_PHRASE_CHAR[c.charCodeAt(0)] = 1;

function phraseCharBefore(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c < 128) return ASCII_PHRASE_CHAR[c];
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = s.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return PHRASE_CHAR.test(s.slice(end - 2, end)) ? 2 : 0;
  }
  return PHRASE_CHAR.test(s[end - 1]) ? 1 : 0;
}

/** Most words a source phrase is read from. */
const PHRASE_WORDS = 8;

/**
 * Where the last words of `before` start, as `/((?:[\p{L}\p{N}.'’-]+\s+){0,7}[\p{L}\p{N}.'’-]+)$/u` would find them:
 * up to PHRASE_WORDS runs of word characters separated by white space, ending the text; -1 when the text does not end
 * in one. Read backwards from the end, so the cost is the phrase's length, not the sentence's.
 */
function lastWordsStart(before: string): number {
  let j = before.length;
  let start = -1;
  for (let words = 0; words < PHRASE_WORDS; words++) {
    let i = j;
    for (let w; i > 0 && (w = phraseCharBefore(before, i)) > 0;) i -= w;
    if (i === j) break;
    start = i;
    let k = i;
    while (k > 0 && isSpace(before.charCodeAt(k - 1))) k--;
    if (k === i) break;
    j = k;
  }
  return start;
}

/** The source phrase just before a reporting verb: up to eight words back, stopping at punctuation or a clause word. */
function phraseBefore(s: string, verbAt: number): { phrase: string; start: number } | undefined {
  let end = verbAt;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  let before = s.slice(0, end);
  if (mayEndInAdjunct(before)) {
    const adj = TIME_ADJUNCT.exec(before);
    if (adj) before = before.slice(0, adj.index);
  }
  const at = lastWordsStart(before);
  if (at < 0) return undefined;
  const tail = before.slice(at);
  const words = tail.split(/\s+/);
  let from = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    // "Foreign and Expatriates Ministry": "and" between capitalised words belongs to the name.
    const nameAnd =
      /^(?:and|of|for)$/i.test(w) && i > 0 && /^\p{Lu}/u.test(words[i - 1]) && /^\p{Lu}/u.test(words[i + 1] ?? '');
    if (!nameAnd && (STOP.test(w) || /^and$/i.test(w) || !PHRASE_WORD.test(w))) {
      from = i + 1;
      break;
    }
  }
  // "Police in Sydney said": a place after the head noun belongs to the source.
  if (
    from >= 2 &&
    /^in$/i.test(words[from - 1]) &&
    SOURCE_HEADS.has(words[from - 2].toLowerCase()) &&
    /^\p{Lu}/u.test(words[from] ?? '')
  )
    from -= 2;
  const chosen = words.slice(from);
  if (chosen.length === 0) return undefined;
  const phrase = chosen.join(' ');
  const start = at + tail.lastIndexOf(phrase);
  return { phrase, start };
}

/** Capitalised words that are times, not sources. */
const NOT_SOURCES =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|This|That|These|Those|There|Here|Then|However|Meanwhile|Earlier|Later)$/;

function headOf(phrase: string): string {
  const words = phrase
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/\s+/);
  return words[words.length - 1];
}

function isSourcePhrase(phrase: string): boolean {
  const lower = phrase.toLowerCase();
  const head = headOf(phrase);
  if (PRONOUNS.has(lower)) return true;
  if (SOURCE_HEADS.has(head)) return true;
  if (NOT_SOURCES.test(phrase)) return false;
  // "chief executive Sundar Pichai", "the refugee agency UNHCR": a title or a head noun, then the name.
  const words = phrase.split(/\s+/);
  let capsTail = 0;
  while (capsTail < words.length && /^\p{Lu}/u.test(words[words.length - 1 - capsTail])) capsTail++;
  if (
    words.length >= 2 &&
    /^\p{Lu}/u.test(words[words.length - 1]) &&
    (words.slice(0, -1).some((w) => SOURCE_HEADS.has(w.toLowerCase())) || capsTail >= 2)
  )
    return true;
  // A name: every word capitalised ("Syria", "Bashar al-Assad", "SANA"), word by word. As one expression,
  // `^(?:(?:\p{Lu}[\p{L}.'’-]*|…)\s*)+$`, a run of capitals could be split into words in exponentially many ways
  // before a failing word ("DÜNYA GAZETESÝ ANKARA TEMSÝLCÝLÝÐÝ The trainman called": 53 s for one article).
  return words.every((w) => NAME_WORD.test(w)) && /^\p{Lu}/u.test(phrase.replace(/^the\s+/i, ''));
}

/** A word of a name: capitalised, or an "al-" name, or a joining word. */
const NAME_WORD = /^(?:\p{Lu}[\p{L}.'’-]*|al-\p{Lu}[\p{L}-]*|of|and|the|for|on)$/u;

const isPlural = (n: SourceName) => /s$/i.test(n.canonical) && !/\bnews$|ss$/i.test(n.canonical);

/**
 * Resolves a pronoun or generic phrase to the source it points back to: "the ministry" to the last named ministry,
 * "the statement" to the last named source, "it" to the last singular one, "they" to the last plural one.
 */
function resolve(lower: string, history: SourceName[]): SourceName | undefined {
  const recent = [...history].reverse();
  if (lower === 'they' || lower === 'we') return recent.find(isPlural) ?? recent[0];
  if (PRONOUNS.has(lower)) return recent.find((n) => !isPlural(n)) ?? recent[0];
  const head = lower.split(' ').pop()!;
  if (/statement|message|letter|report/.test(head)) return recent.find((n) => !isPlural(n)) ?? recent[0];
  return recent.find((n) => n.canonical.split(' ').pop() === head);
}

export function attributions(body: string, sentences: Span[]): Fact[] {
  const out: Fact[] = [];
  const history: SourceName[] = [];
  const push = (si: number, start: number, end: number, phrase: string, verb: string) => {
    const lower = phrase.toLowerCase().replace(/^the\s+/, '');
    let name: SourceName | undefined;
    if (PRONOUNS.has(lower) || GENERIC.has(lower)) {
      name = resolve(lower, history);
      if (!name && PRONOUNS.has(lower)) return;
    }
    if (!name) {
      name = canonicalSource(phrase);
      if (!name) return;
      history.push(name);
    }
    const value: AttributionValue = { source: name.canonical, verb, display: name.display };
    out.push({ kind: 'attribution', span: [start, end], sentence: si, text: body.slice(start, end), value });
  };
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    const found: Array<[number, number, string, string]> = [];
    for (const m of matchesOf(ACCORDING, s)) {
      const phrase = m[1].trim();
      if (isSourcePhrase(phrase)) found.push([m.index, m.index + m[0].length, phrase, 'according to']);
    }
    for (const m of matchesOf(INVERTED, s)) {
      const phrase = m[2].trim();
      if (isSourcePhrase(phrase) && !PRONOUNS.has(phrase.toLowerCase())) {
        const at = m.index + m[0].indexOf(m[1]);
        found.push([at, m.index + m[0].length, phrase, m[1]]);
      }
    }
    for (const m of matchesOf(VERB, s)) {
      const verb = m[1];
      const verbAt = m.index;
      // "called an election", "called a meeting": calling for something is not a statement.
      if (/^call/i.test(verb) && /^\s+(?:a|an|off|in|up)\b/i.test(s.slice(m.index + m[0].length))) continue;
      const pb = phraseBefore(s, verbAt);
      if (!pb || !isSourcePhrase(pb.phrase)) continue;
      if (found.some(([a, b]) => a <= verbAt && verbAt < b)) continue;
      found.push([pb.start, m.index + m[0].length, pb.phrase, verb]);
    }
    found.sort((a, b) => a[0] - b[0]);
    for (const [a, b, phrase, verb] of found) push(si, s0 + a, s0 + b, phrase, verb.toLowerCase());
  });
  return out;
}

const QUOTE = /[“"]([^“”"]{12,}?)[”"]/g;

/** Quotations of three words or more, with the speaker attributed in the same sentence or the next. */
export function quotes(body: string, sentences: Span[], attrs: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (const m of matchesOf(QUOTE, body)) {
    const inner = m[1];
    if (inner.trim().split(/\s+/).length < 3) continue;
    const start = m.index;
    const end = start + m[0].length;
    const si = sentences.findIndex(([a, b]) => a <= start && start < b);
    const near = attrs.filter(
      (f) => f.sentence === si || f.sentence === si + 1 || (f.span[0] >= end && f.span[0] - end < 80),
    );
    const speaker = near.length ? (near[0].value as AttributionValue).source : undefined;
    const value: QuoteValue = { speaker, quote: [start + 1, end - 1] };
    out.push({ kind: 'quote', span: [start, end], sentence: Math.max(0, si), text: m[0], value });
  }
  return out;
}
