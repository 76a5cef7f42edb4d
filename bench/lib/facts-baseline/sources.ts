/**
 * Canonical names for who a claim is attributed to, so that outlets' variants of one source meet: "the Foreign and
 * Expatriates Ministry", "the Syrian foreign ministry" and "the Ministry of Foreign Affairs" are all the foreign
 * ministry. A nationality in front ("Syrian", "Ukraine's") is kept apart as a qualifier: outlets often drop it.
 */

/** Nouns that head a source phrase: an attribution needs one of these, a name, or a pronoun. */
export const SOURCE_HEADS = new Set(
  `ministry ministries minister ministers statement statements spokesman spokeswoman spokesperson spokespeople official
  officials source sources agency agencies government governments president presidency office department report reports
  police army military forces force command council committee commission coalition authorities authority observatory
  group groups organisation organization organisations organizations ngos ngo monitor monitors watchdog embassy
  ambassador envoy mission prosecutor prosecutors court judge investigators witnesses residents activists analysts
  experts doctors hospital medics rescuers spokesmen officer officers commander commanders lawmakers senator
  chief head leader leaders secretary-general secretary director board bank company firm union media newspaper
  channel broadcaster tv radio service services administration cabinet parliament kremlin pentagon whitehouse
  researchers scientists study survey mayor governor guard data figures filings documents television statistics
  economists diplomats diplomat spokespeople`
    .split(/\s+/)
    .filter(Boolean),
);

export const PRONOUNS = new Set(['it', 'he', 'she', 'they', 'we']);
/** Source phrases that point back to the last named source rather than naming one. */
export const GENERIC = new Set([
  'ministry',
  'statement',
  'the statement',
  'official statement',
  'letter',
  'message',
  'official message',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'source',
  'agency',
  'report',
]);

/** Multi-word forms of one body, longest first. */
const SYNONYMS: Array<[RegExp, string]> = [
  [/\b(?:foreign and expatriates|foreign affairs(?: and expatriates)?) ministry\b/, 'foreign ministry'],
  [/\bministry of (?:foreign affairs(?: and expatriates)?|foreign and expatriates affairs)\b/, 'foreign ministry'],
  [/\bministry of (defen[cs]e)\b/, 'defence ministry'],
  [/\bdefense ministry\b/, 'defence ministry'],
  [/\bministry of (interior|home affairs)\b/, 'interior ministry'],
  [/\bministry of health\b/, 'health ministry'],
  [
    /\bu\.?s\.?-led coalition|\bus-led coalition|\bso-called international coalition|\binternational coalition\b/,
    'US-led coalition',
  ],
  [/\b(?:qsd|sdf|syrian democratic forces)\b/, 'Syrian Democratic Forces'],
  [/\b(?:u\.?n\.?|united nations) secretary-general\b/, 'UN Secretary-General'],
  [/\bunited nations\b/, 'UN'],
  [/\bu\.s\.|\bunited states\b|\bu\.s\b/, 'US'],
  [/\bnon-governmental organi[sz]ations\b/, 'ngos'],
];

/** Country adjectives and possessives that qualify a source ("Syrian", "Syria's"). */
const NATIONALITY = /^(?:(?:the )?(\p{Lu}[\p{L}-]+(?:an|ian|ese|i|ish|ic|ch))|(\p{Lu}[\p{L}-]+)['’]s)\s+(?=\S)/u;

/** Capitalised words with a nationality's ending that are not nationalities. */
const NOT_NATIONALITIES = new Set(
  'Foreign Human Urban Western Eastern Northern Southern Central Islamic Public Democratic Republic Catholic Atlantic Pacific Arctic Baltic Republican Christian Muslim Civilian Veteran Italian-born'.split(
    ' ',
  ),
);

export interface SourceName {
  /** Key that variants share, lower case except acronyms: "foreign ministry", "SANA". */
  canonical: string;
  /** The most informative way to say it: "Syrian foreign ministry". */
  display: string;
}

export function canonicalSource(phrase: string): SourceName | undefined {
  let p = phrase.trim().replace(/\s+/g, ' ');
  p = p.replace(/^(?:the|a|an|this|that|its|their|his|her)\s+/i, '');
  // "the so-called Islamic State" is the Islamic State; the distancing is reported as a loaded term.
  p = p.replace(/^so-called\s+/i, '');
  // "police in Sydney" are the police: the place says which, outlets often drop it.
  const place = /\s+in\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)$/u.exec(p);
  if (place && place.index > 0) p = p.slice(0, place.index);
  let qualifier: string | undefined;
  const nat = NATIONALITY.exec(p);
  if (nat && p.slice(nat[0].length).trim() && !NOT_NATIONALITIES.has(nat[1] ?? nat[2])) {
    const word = nat[1] ?? `${nat[2]}'s`;
    // Only strip a qualifier when what follows still names a body ("Syrian foreign ministry"), not a name ("Syrian Arab News Agency").
    const rest = p.slice(nat[0].length);
    if (
      /^[\p{Ll}]/u.test(rest) ||
      /^(?:Foreign|Defen[cs]e|Interior|Health|Ministry|Government|Army|Military|Police|Presidency|Embassy)\b/.test(rest)
    ) {
      qualifier = word;
      p = rest;
    }
  }
  let key = p.toLowerCase();
  for (const [re, to] of SYNONYMS) key = key.replace(re, to);
  key = key
    .replace(/[’']s\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!key) return undefined;
  // Acronyms keep their case: "SANA", "NGOs".
  if (/^\p{Lu}{2,}s?$/u.test(p)) key = p === 'NGOs' ? 'ngos' : p;
  const display = qualifier ? `${qualifier} ${key}` : /^\p{Lu}/u.test(p) && !/\bministry\b/i.test(p) ? p : key;
  return { canonical: key, display };
}
