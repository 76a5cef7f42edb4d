import { franc } from 'franc-min';
import { foreignLanguage, UNDETERMINED } from '../model/index.js';

export const LANGUAGE_DEFAULTS = {
  /**
   * Characters of the clean body read: a lede's worth. Trigram identification is sure of a language well before
   * 300 characters, and costs in proportion to the text and to the languages compared: 0.37 ms an article at 400
   * characters and the list below, 0.19 ms at 250, 0.61 ms at 400 and all 82 of franc-min's languages (2,000 articles
   * of the generated corpus; the same languages found at 250 and 400 but for one text of 2,000).
   */
  chars: 300,
  /** Shorter texts say too little to tell (a headline, a caption): their language is undetermined. */
  minChars: 40,
  /**
   * The languages told apart (ISO 639-3), those of most of the world's news: texts in another language written in
   * Latin or Cyrillic script are given the closest of these. Scripts of one language (Greek, Hebrew, Thai, Korean,
   * Japanese kana, Han) are told by script alone.
   */
  /**
   * Share of English function words among the first words at and above which a text is English without asking the
   * trigram model: at .22, 57% of 10,127 texts (the generated corpus and the families) take this path, every one of them
   * English by the model too, and no text the model calls another language reaches .18 (the highest, .174, is an
   * English header over a German message). It saves the model's 0.2–0.4 ms on most English articles.
   */
  englishShare: 0.22,
  languages: [
    'eng',
    'fra',
    'deu',
    'spa',
    'por',
    'ita',
    'nld',
    'pol',
    'ron',
    'swe',
    'ces',
    'hun',
    'tur',
    'ind',
    'vie',
    'rus',
    'ukr',
    'srp',
    'bul',
    'arb',
    'pes',
    'urd',
    'hin',
    'ben',
    'ell',
    'heb',
    'tha',
    'kor',
    'jpn',
    'cmn',
  ],
};

/** The English name of a language given as ISO 639-3 ("fra" → "French"), from the platform's locale data. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Are the facts of a text in this language read? The fact extractor's rules are English; a text the identification
 * could not place (`und`: too short) is read as English, as are articles stored before languages were kept.
 */
export function factsRead(language: string | undefined): boolean {
  return !foreignLanguage(language);
}

/** The commonest English function words: frequent in any English text, rare in any other language. */
const ENGLISH = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'is',
  'that',
  'for',
  'on',
  'was',
  'with',
  'said',
  'it',
  'as',
  'by',
]);

/** Is this text plainly English: English function words make `englishShare` of its words (and it has a few)? */
function plainlyEnglish(text: string, share: number): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return false;
  let n = 0;
  for (const w of words) if (ENGLISH.has(w)) n++;
  return n >= share * words.length;
}

/** The language of a clean body as an ISO 639-3 code (`eng`, `fra`, …), or `und` when the text is too short to tell. */
export function languageOf(body: string, o = LANGUAGE_DEFAULTS): string {
  const text = body.slice(0, o.chars);
  if (text.trim().length < o.minChars) return UNDETERMINED;
  if (plainlyEnglish(text, o.englishShare)) return 'eng';
  return franc(text, { only: o.languages, minLength: o.minChars });
}
