/** Languages as ISO 639-3 codes (analyze/language.ts identifies them). */

/** The code of a text too short to tell its language. */
export const UNDETERMINED = 'und';

/** Did the identification place the text (not `und`; articles stored before languages were kept have none)? */
export function knownLanguage(language: string | undefined): language is string {
  return language !== undefined && language !== UNDETERMINED;
}

/** Is the text in a known language other than English: read with that language's tables (text/foreign.ts)? */
export function foreignLanguage(language: string | undefined): language is string {
  return knownLanguage(language) && language !== 'eng';
}
