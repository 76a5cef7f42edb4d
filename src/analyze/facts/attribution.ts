import type { AttributionValue, Fact, QuoteValue, Span } from '../../model/index.js';
import { isSpace } from '../../text/chars.js';
import { matchesOf } from '../../text/matches.js';
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
const VERB = new RegExp(
  `\\b(?:(?:has|have|had|also|further|then|later|earlier|now|previously|already|again)\\s+)*(${REPORTING_VERBS})\\b`,
  'g',
);
/** "<verb> the ministry" after a quote or clause: "…, said the ministry." */
const INVERTED = new RegExp(`(?:[,”"]|'')\\s*(${REPORTING_VERBS})\\s+((?:the\\s+)?[^,.;:"“”]{2,60}?)(?=[.,;]|$)`, 'g');
const ACCORDING = /\baccording to\s+((?:the\s+)?[^,.;:"“”()]{2,60}?)(?=[.,;:()]|\s+(?:on|in|at|which|who|that)\b|$)/gi;
/** "Per the autopsy, …": a document as the source ("per share" names none: the article is required). */
const PER_THE = /\b[Pp]er (the\s+[^,.;:"“”()]{2,40}?)(?=[.,;:()])/g;
/** "the announcement read", "their full statement reads": a document read out. */
const DOC_READS =
  /\b((?:[Tt]he|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:statement|announcement|report|communique|letter|message|memo|notice|release))\s+(reads?)\b/gu;

/** Words allowed inside a source phrase besides capitalised words and head nouns. */
const PHRASE_WORD =
  /^(?:the|of|and|for|on|its|official|officials|senior|local|foreign|military|human|rights|international|u\.s\.|us|un|\p{Lu}[\p{L}.'’-]*|[\p{Ll}-]+)$/u;

/** Time adjuncts between a source and its verb ("the ministry on Thursday accused"). */
const TIME_ADJUNCT =
  /\s+(?:(?:late |early )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:night|morning|evening|afternoon))?|yesterday|today|earlier|later|last (?:week|month|year|night)|on \p{L}+ \d{1,2}(?:, \d{4})?)\s*$/u;
/**
 * Characters before a verb that TIME_ADJUNCT is tried on: its longest match ("late on Wednesday afternoon", "on
 * September 18, 2024") with room for white space around it.
 */
const ADJUNCT_WINDOW = 80;
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
  // "the National Statistics Institute (INSEE) said", "Reed International Plc <REED.L> said", "The <New York Stock
  // Exchange> said": an acronym or ticker in brackets, or the closing bracket of a name, between the name and its verb.
  const bracket = /\s*(?:\([\p{Lu}\d.&-]{2,12}\)|<[\p{Lu}\d.&-]{1,12}>|>)$/u.exec(before);
  if (bracket) before = before.slice(0, bracket.index);
  if (mayEndInAdjunct(before)) {
    // Only the end of the text can hold the adjunct: matching there keeps the cost per verb constant.
    const from = Math.max(0, before.length - ADJUNCT_WINDOW);
    const adj = TIME_ADJUNCT.exec(before.slice(from));
    if (adj) before = before.slice(0, from + adj.index);
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

/**
 * "Norman Trew, head of the unit, said", "Industrial Equity, which is owned by …, a Hong Kong firm, said": a name, then
 * up to APPOSITIONS comma-delimited descriptions, then the verb. The name must be capitalised words only.
 */
const APPOSITIONS = 3;
const APPOSITION_CHARS = 120;
function appositionBefore(s: string, verbAt: number): { phrase: string; start: number } | undefined {
  let end = verbAt;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  if (s[end - 1] !== ',') return undefined;
  let cut = end - 1;
  for (let n = 0; n < APPOSITIONS; n++) {
    const prev = s.lastIndexOf(',', cut - 1);
    if (prev < 0 || cut - prev > APPOSITION_CHARS) return undefined;
    const desc = s.slice(prev + 1, cut).trim();
    // A description opens in lower case ("head of", "a publicly held", "who examined", "in turn") or is a title.
    if (!/^(?:\p{Ll}|QC\b)/u.test(desc) || /[:“”"`']/.test(desc)) return undefined;
    const name = /(?:^|[\s(“"])((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*)$/u.exec(s.slice(0, prev));
    if (name) {
      const start = prev - name[1].length;
      const before = s.slice(Math.max(0, start - 2), start);
      // The name opens its clause: the sentence, or after a comma, "and", "but" or a quote.
      if (start === 0 || /^(?:,\s|\s)$|[“"]\s?$/.test(before) || /\b(?:and|but)\s$/.test(s.slice(0, start)))
        return { phrase: name[1], start };
    }
    cut = prev;
  }
  return undefined;
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

/**
 * A clause is not a speaker: "it was cooperating with investigators" ends in a source noun but opens with a pronoun
 * and holds a verb. A speaker is a noun phrase: no pronoun before other words, no auxiliary or modal verb.
 */
const CLAUSE =
  /^(?:it|he|she|they|we|i|you|this|that|there)\s|\b(?:is|was|were|are|be|been|being|has|had|have|will|would|could|should|may|might|can|did|does|do)\b/i;

function isSourcePhrase(phrase: string): boolean {
  const lower = phrase.toLowerCase();
  const head = headOf(phrase);
  if (PRONOUNS.has(lower)) return true;
  if (CLAUSE.test(lower)) return false;
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
/**
 * Named sources a pronoun or generic phrase may point back to: the most recent ones. A reader resolves "they" to a
 * source of the last few paragraphs, not to one named hundreds of sources before; the bound also keeps the cost per
 * pronoun constant, where the whole history made it grow with the text.
 */
const RESOLVE_BACK = 50;

function resolve(lower: string, history: SourceName[]): SourceName | undefined {
  const recent = history.slice(-RESOLVE_BACK).reverse();
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
    for (const m of matchesOf(PER_THE, s)) {
      const phrase = m[1].trim();
      if (isSourcePhrase(phrase)) found.push([m.index, m.index + m[0].length, phrase, 'per']);
    }
    if (/\bread/.test(s))
      for (const m of matchesOf(DOC_READS, s)) found.push([m.index, m.index + m[0].length, m[1], m[2]]);
    for (const m of matchesOf(INVERTED, s)) {
      let phrase = m[2].trim();
      let end = m.index + m[0].length;
      // "said Mr. Musk": the expression stops at the title's full stop; the name follows it.
      const title = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St)$/.exec(phrase);
      if (title && s[end] === '.') {
        const rest = /^\.\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})/u.exec(s.slice(end));
        if (rest) {
          phrase = `${phrase}. ${rest[1]}`;
          end += rest[0].length;
        }
      }
      // "a center called Palm Gardens", "described as": naming, not saying.
      if (/^(?:call|describ)/i.test(m[1])) continue;
      if (isSourcePhrase(phrase) && !PRONOUNS.has(phrase.toLowerCase())) {
        const at = m.index + m[0].indexOf(m[1]);
        found.push([at, end, phrase, m[1]]);
      }
    }
    for (const m of matchesOf(VERB, s)) {
      const verb = m[1];
      const verbAt = m.index;
      // "called an election", "called a meeting": calling for something is not a statement.
      if (/^call/i.test(verb) && /^\s+(?:a|an|off|in|up)\b/i.test(s.slice(m.index + m[0].length))) continue;
      const pb = phraseBefore(s, verbAt) ?? appositionBefore(s, verbAt);
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

/**
 * The source of the first attribution (in `attrs` order) in the quote's sentence `si` or the next, or starting within
 * 80 characters after the quote's `end`. None before sentence `si` can be one; the search stops where every later one
 * starts too far on.
 */
function speakerNear(attrs: Fact[], sentences: Span[], si: number, end: number): string | undefined {
  let lo = 0;
  let hi = attrs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (attrs[mid].sentence < si) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < attrs.length; i++) {
    const f = attrs[i];
    const fs = f.sentence;
    if (fs === si || fs === si + 1 || (f.span[0] >= end && f.span[0] - end < 80))
      return (f.value as AttributionValue).source;
    if (fs > si + 1 && sentences[fs][0] - end >= 80) return undefined;
  }
  return undefined;
}

/** Quotations of three words or more, with the speaker attributed in the same sentence or the next. */
export function quotes(body: string, sentences: Span[], attrs: Fact[]): Fact[] {
  const out: Fact[] = [];
  // Quotes come in text order: the sentence holding each is found by a pointer that only moves on, and its speaker
  // among the attributions from that sentence on (attributions come in sentence order), so that the cost stays linear.
  let p = 0;
  for (const m of matchesOf(QUOTE, body)) {
    const inner = m[1];
    if (inner.trim().split(/\s+/).length < 3) continue;
    const start = m.index;
    const end = start + m[0].length;
    while (p < sentences.length && sentences[p][1] <= start) p++;
    const si = p < sentences.length && sentences[p][0] <= start ? p : -1;
    const speaker = speakerNear(attrs, sentences, si, end);
    const value: QuoteValue = { speaker, quote: [start + 1, end - 1] };
    out.push({ kind: 'quote', span: [start, end], sentence: Math.max(0, si), text: m[0], value });
  }
  return out;
}
