import { createRequire } from 'node:module';

/**
 * What of a text in another language than English survives translation, as English words: the names of countries
 * (from the CLDR-derived tables of `i18n-iso-countries`) and of the international organisations news names most, and
 * which words are the language's function words (`stopword`'s lists). Read by the term vectors (stories/terms.ts) so
 * that a French report's "Etats-Unis", "l'ONU" and "Raqqa" are the terms an English report's "United States", "UN"
 * and "Raqqa" are; its other words stay its own. Languages are ISO 639-3, as analyze/language.ts gives them.
 */

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use, not when this module is: an English-only run needs none of them, and
 * `transliteration` alone takes some 60 ms to load (every process and prepare thread would pay it at start).
 */
function lazily<T>(name: string): () => T {
  let value: T | undefined;
  return () => (value ??= require(name) as T);
}

/** `stopword`'s lists by ISO 639-3 code (the package ships no types). */
const stopwordLists = lazily<Record<string, unknown>>('stopword');
const transliteration = lazily<{ transliterate: (text: string) => string }>('transliteration');

/** ISO 639-3 (analyze/language.ts) → the two-letter code of `i18n-iso-countries`' tables. */
const COUNTRY_TABLES: Record<string, string> = {
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ron: 'ro',
  swe: 'sv',
  ces: 'cs',
  hun: 'hu',
  tur: 'tr',
  ind: 'id',
  vie: 'vi',
  rus: 'ru',
  ukr: 'uk',
  bul: 'bg',
  srp: 'sr',
  ell: 'el',
};

/**
 * Languages written in a script with capitals other than Latin (Cyrillic, Greek): their names are romanised
 * (`transliteration`) so that "Путин" meets "Putin", "Μητσοτάκης" "Mitsotakis". A romanisation is not always the
 * English spelling ("Zelenskiy", "Bayden"): those names stay apart. Scripts without capitals (Arabic, Hebrew, Han,
 * Devanagari, Thai) give no sign of which words are names, and are not romanised.
 */
export const ROMANISED: ReadonlySet<string> = new Set(['rus', 'ukr', 'bul', 'srp', 'ell']);

/** A word in Latin letters (accents dropped), as `transliteration` romanises it. */
export function romanised(word: string): string {
  return transliteration().transliterate(word);
}

/** ISO 639-3 of analyze/language.ts → the key of `stopword`'s list where the two differ. */
const STOPWORD_KEYS: Record<string, string> = { arb: 'ara', pes: 'fas', cmn: 'zho' };

/**
 * Countries whose table name in English is not the one news uses ("Syrian Arab Republic", "United States of
 * America"): a French "Syrie" should meet an English "Syria".
 */
const ENGLISH_NAME: Record<string, string> = {
  SY: 'Syria',
  US: 'US',
  GB: 'Britain',
  RU: 'Russia',
  IR: 'Iran',
  KR: 'South Korea',
  KP: 'North Korea',
  VE: 'Venezuela',
  BO: 'Bolivia',
  TZ: 'Tanzania',
  VN: 'Vietnam',
  LA: 'Laos',
  MD: 'Moldova',
  CN: 'China',
  TW: 'Taiwan',
  PS: 'Palestine',
  CD: 'Congo',
  CG: 'Congo',
};

/**
 * International organisations under their acronyms in other languages (matched only written in capitals: Spanish
 * "uno" is a number) and their names, folded (no accents, lower case), with the English name. English news writes
 * WHO, which reads as the pronoun: its full name is what meets.
 */
const ORG_ACRONYMS: Record<string, string> = {
  ONU: 'UN',
  UNO: 'UN',
  OTAN: 'NATO',
  NAVO: 'NATO',
  UE: 'EU',
  OMS: 'World Health Organization',
  WHO: 'World Health Organization',
  FMI: 'IMF',
  IWF: 'IMF',
  AIEA: 'IAEA',
  IAEO: 'IAEA',
  OCDE: 'OECD',
};
const ORG_NAMES: Record<string, string> = {
  'nations unies': 'UN',
  'naciones unidas': 'UN',
  'nazioni unite': 'UN',
  'vereinte nationen': 'UN',
  'nacoes unidas': 'UN',
  'verenigde naties': 'UN',
  'union europeenne': 'EU',
  'union europea': 'EU',
  'unione europea': 'EU',
  'europaische union': 'EU',
  'uniao europeia': 'EU',
  'europese unie': 'EU',
  weltgesundheitsorganisation: 'World Health Organization',
};

/** Most words a name of the tables spans ("Corée du Sud", "Vereinigte Staaten von Amerika" is cut to its head). */
export const ALIAS_MAX_WORDS = 3;

/** A word folded for matching: no accents or other marks, lower case. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded names of one language (one to ALIAS_MAX_WORDS words joined by a space) → the English name. */
const aliasTables = new Map<string, Map<string, string>>();

/** The alias table of a language; empty for English and for languages without tables. */
export function aliasesOf(language: string): ReadonlyMap<string, string> {
  let table = aliasTables.get(language);
  if (table) return table;
  table = new Map();
  aliasTables.set(language, table);
  if (language === 'eng') return table;
  for (const [k, v] of Object.entries(ORG_NAMES)) table.set(k, v);
  const code = COUNTRY_TABLES[language];
  if (!code) return table;
  const countries = (
    require(`i18n-iso-countries/langs/${code}.json`) as { countries: Record<string, string | string[]> }
  ).countries;
  const english = (require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> })
    .countries;
  const full = new Map<string, string>();
  const heads = new Map<string, Set<string>>();
  for (const [iso, names] of Object.entries(countries)) {
    const en = ENGLISH_NAME[iso] ?? shortest(english[iso]);
    if (!en) continue;
    for (const name of typeof names === 'string' ? [names] : names) {
      const words = fold(name).split(/\s+/);
      if (words.length <= ALIAS_MAX_WORDS) full.set(words.join(' '), en);
      // The head of a longer or qualified name: "Syrien, Arabische Republik" → "syrien", "États-Unis d'Amérique" →
      // "etats-unis", "Corée du Sud" → "coree" (which "Corée du Nord" shares: such heads are dropped below).
      const head = name.split(',')[0].split(/\s+(?=\p{Ll})/u)[0];
      const hw = fold(head).split(/\s+/);
      if (hw.length <= ALIAS_MAX_WORDS) {
        const key = hw.join(' ');
        let set = heads.get(key);
        if (!set) heads.set(key, (set = new Set()));
        set.add(en);
      }
    }
  }
  for (const [k, set] of heads) if (set.size === 1 && !full.has(k)) table.set(k, [...set][0]);
  for (const [k, v] of full) table.set(k, v);
  return table;
}

/** The English name in fewest words among a country's table names, letters only ("USA" and "U.S." are not words). */
function shortest(names: string | string[] | undefined): string | undefined {
  if (names === undefined) return undefined;
  const list = (typeof names === 'string' ? [names] : names).filter(
    (n) => /^[\p{L} -]+$/u.test(n) && !/^\p{Lu}+$/u.test(n),
  );
  list.sort((a, b) => a.split(/\s+/).length - b.split(/\s+/).length);
  return list[0];
}

/** The English name of an organisation acronym written in capitals, if it is one. */
export function acronymAlias(word: string): string | undefined {
  return Object.hasOwn(ORG_ACRONYMS, word) ? ORG_ACRONYMS[word] : undefined;
}

const stopSets = new Map<string, ReadonlySet<string>>();

/** The function words of a language, folded; empty when `stopword` has no list for it. */
export function stopwordsOf(language: string): ReadonlySet<string> {
  let set = stopSets.get(language);
  if (!set) {
    const list = stopwordLists()[STOPWORD_KEYS[language] ?? language];
    set = new Set((Array.isArray(list) ? (list as string[]) : []).map(fold));
    stopSets.set(language, set);
  }
  return set;
}

/**
 * French and Italian elisions before a word ("l'ONU", "d'une", "dell'Onu"): the word is what follows. Undefined when
 * the word has none.
 */
const ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|dell|all|dall|nell|sull|dov|un)['’](?=\p{L})/iu;
export function elided(word: string): number {
  const m = ELISION.exec(word);
  return m ? m[0].length : 0;
}

/**
 * German writes every noun with a capital. A capitalised German word is taken for a name only when no determiner
 * stands before it (directly or before an adjective: "der kroatischen Insel", "die Fähre", "im Hafen") and it does
 * not end like a common noun (-ung, -heit, -keit, -schaft, -tion, -tät, -ismus, -nis, -tum, …), lest "Regierung"
 * weigh like "Scholz". Acronyms are names. `before` holds the one or two words before it as written, nearest first.
 */
const GERMAN_NOUN =
  /(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|tat|taten|ismus|nis|nisse|tum|ling|chen|lein|ment|mente|ik)$/u;
const GERMAN_DETERMINERS = new Set(
  `der die das den dem des ein eine einer eines einem einen kein keine keiner keines keinem keinen sein seine seiner
  seinem seinen ihr ihre ihrer ihrem ihren unser unsere dieser diese dieses diesem diesen jeder jede jedes jedem jeden
  alle beim vom zum zur im am ins ans aufs`.split(/\s+/),
);
export function capitalIsName(language: string, word: string, before: readonly string[]): boolean {
  if (language !== 'deu') return true;
  if (/^\p{Lu}{2,}$/u.test(word)) return true;
  if (GERMAN_NOUN.test(fold(word))) return false;
  const [p1 = '', p2 = ''] = before;
  if (GERMAN_DETERMINERS.has(fold(p1))) return false;
  return !(/^\p{Ll}+$/u.test(p1) && GERMAN_DETERMINERS.has(fold(p2)));
}

/** The platform's locale (ICU) for a language of analyze/language.ts; undefined where it has none. */
function localeOf(language: string): string | undefined {
  try {
    return new Intl.Locale(COUNTRY_TABLES[language] ?? language).toString();
  } catch {
    return undefined;
  }
}

/**
 * Month names of a language as it writes them, long and short (without the short form's period: "März", "Mär"), from
 * the platform's own locale data; empty where it has none.
 */
const months = new Map<string, ReadonlySet<string>>();
export function monthNamesOf(language: string): ReadonlySet<string> {
  let set = months.get(language);
  if (set) return set;
  const out = new Set<string>();
  const locale = localeOf(language);
  if (locale)
    for (let m = 0; m < 12; m++)
      for (const month of ['long', 'short'] as const) {
        const d = new Date(Date.UTC(2024, m, 15));
        out.add(new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' }).format(d).replace(/\.$/, ''));
      }
  months.set(language, (set = out));
  return set;
}

/**
 * Month and weekday names of a language, folded: dates, not names, though German writes them with a capital ("am
 * Dienstag", "im März").
 */
const calendars = new Map<string, ReadonlySet<string>>();
export function calendarWordsOf(language: string): ReadonlySet<string> {
  let set = calendars.get(language);
  if (set) return set;
  const out = new Set([...monthNamesOf(language)].map(fold));
  const locale = localeOf(language);
  if (locale)
    for (let k = 0; k < 7; k++) {
      const d = new Date(Date.UTC(2024, 0, 1 + k));
      out.add(fold(new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(d)));
    }
  calendars.set(language, (set = out));
  return set;
}
