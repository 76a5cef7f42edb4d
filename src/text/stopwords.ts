/**
 * English function words and reporting filler that carry no topic. Used to pick content words for same-event
 * matching and paraphrase scoring. Reporting verbs ("said", "told") are here because every article has them.
 */
const WORDS = `a about above after again against all almost also although always am among an and another any are
around as at be became because been before being below between both but by can could did do does doing done down
during each either else etc even ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less let like made make many may me might more
most much must my myself neither no nor not now of off often on once one only onto or other others our ours
ourselves out over own per perhaps rather same several shall she should since so some still such than that the
their theirs them themselves then there these they this those though through thus to too toward towards under
until up upon us very via was we were what whatever when where whether which while who whom whose why will with
within without would yet you your yours yourself yourselves said says say saying told tell tells added adding
according also reported reports report stated statement statements noted mr mrs ms dr st new year years day days
week weeks month months time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday
sunday s t don didn doesn isn wasn weren won wouldn couldn shouldn re ve ll d`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isStopword(lowerWord: string): boolean {
  return STOPWORDS.has(lowerWord);
}
