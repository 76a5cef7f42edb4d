import type { EntityValue, Fact, FactKind, Span } from '../../model/index.js';

/**
 * People, places and organisations, with a canonical form so that outlets' variants meet ("al-Baghouz" / "Baghouz",
 * "U.S.-led coalition" / "US-led coalition", "QSD" / "SDF" / "Syrian Democratic Forces"). Names are runs of
 * capitalised words (with the particles of Arabic, Dutch, Spanish names inside them); the kind comes from the words
 * in the name (Ministry, Forces, Agency …), the words around it (a preposition of place, "village", "province", a
 * title such as "President"), a short list of countries, and an alias table. The alias table and the lists are data
 * the user may read and extend in `aliases.json`.
 */
import aliasesJson from './aliases.json' with { type: 'json' };

interface Aliases {
  organisation: Record<string, string[]>;
  place: Record<string, string[]>;
  person: Record<string, string[]>;
  countries: string[];
}
const ALIASES = aliasesJson as Aliases;

const ORG_WORDS =
  /\b(?:Ministry|Ministries|Council|Forces|Force|Coalition|Agency|Army|Party|Union|Committee|Commission|Organi[sz]ation|Nations|Office|Department|Court|Police|Bank|Company|Inc|Corp|Group|News|Observatory|Front|Brigade|Brigades|Movement|Authority|Institute|University|Association|Federation|Parliament|Assembly|Senate|Congress|Government|Administration|Network|Times|Post|Press|Agency|Service|Services|Fund|Program|Programme|Red Cross|Red Crescent|Watch|International|Church|Hospital|Airlines|Ltd|PLC|AG|SA)\b/;
const PLACE_NOUNS =
  /^\s+(?:city|village|town|province|governorate|region|district|county|state|countryside|neighbo(?:u)?rhood|area|camp|port|island|valley|river|border|capital)\b/i;
const PLACE_PREP =
  /\b(?:in|at|from|near|into|across|to|toward|towards|outside|inside|around|(?:port|city|town|village|province|region|district|governorate|state|island|capital) of)\s+$/;
const TITLES =
  /\b(?:President|Prime Minister|Minister|Secretary|Secretary-General|Chancellor|King|Queen|Prince|Princess|Sheikh|Sen\.|Senator|Rep\.|Representative|Gov\.|Governor|Mayor|General|Gen\.|Colonel|Col\.|Lt\.|Captain|Judge|Justice|Dr\.|Mr\.|Mrs\.|Ms\.|Pope|Ambassador|spokesman|spokeswoman|spokesperson|envoy|commander|chief|leader|actor|actress|singer|star)\s+$/i;
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

export interface Canonical {
  kind: FactKind;
  canonical: string;
}

const aliasIndex = new Map<string, Canonical>();
for (const kind of ['organisation', 'place', 'person'] as const) {
  for (const [canonical, variants] of Object.entries(ALIASES[kind])) {
    aliasIndex.set(key(canonical), { kind, canonical });
    for (const v of variants) aliasIndex.set(key(v), { kind, canonical });
  }
}
const COUNTRIES = new Set(ALIASES.countries.map(key));

/** Matching key of a name: lower case, without "the", the al-/el- article, dots and hyphens. */
export function key(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\b(?:al|el)-/g, '')
    .replace(/[.’']/g, '')
    .replace(/[-\s]+/g, ' ')
    .trim();
}

export function canonicalEntity(name: string, kind: FactKind): Canonical {
  const k = key(name);
  const alias = aliasIndex.get(k);
  if (alias) return alias;
  return {
    kind,
    canonical: name
      .replace(/^(?:the|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+/i, '')
      .replace(/^(?:al|el)-/i, (m) => m.toLowerCase()),
  };
}

function classify(name: string, before: string, after: string): FactKind | undefined {
  const alias = aliasIndex.get(key(name));
  if (alias) return alias.kind;
  if (ORG_WORDS.test(name)) return 'organisation';
  if (/^\p{Lu}{2,6}s?$/u.test(name)) return 'organisation'; // acronyms: SANA, NATO, NGO
  if (COUNTRIES.has(key(name))) return 'place';
  if (PLACE_NOUNS.test(after)) return 'place';
  if (TITLES.test(before)) return 'person';
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (PLACE_PREP.test(before) && words.length <= 2) return 'place';
  if (words.length >= 2 && words.length <= 4 && /^\s*(?:,\s*\d{1,3},|said|says|told|added)\b/.test(after))
    return 'person';
  if (words.length >= 2 && words.length <= 3 && !/\b(?:of|and)\b/.test(name)) return 'person';
  return undefined;
}

export function entities(body: string, sentences: Span[]): Fact[] {
  const out: Fact[] = [];
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    let listKind: FactKind | undefined;
    let listEnd = -1;
    for (const m of s.matchAll(NAME)) {
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
      const first = name.split(/\s+/)[0];
      if (STOP_CAPS.has(first)) {
        const rest = name.slice(first.length).trimStart();
        if (!rest) continue;
        at += name.length - rest.length;
        name = rest;
      }
      if (name.length < 2 || STOP_CAPS.has(name) || GENERIC_HEADS.test(name)) continue;
      if (/-led$|-backed$|-linked$/.test(name)) continue; // "U.S.-led" qualifies what follows
      const before = s.slice(0, at);
      const after = s.slice(at + name.length);
      // A sentence-initial single word is only a name if it is known.
      if (at === 0 && !name.includes(' ') && !aliasIndex.has(key(name)) && !COUNTRIES.has(key(name))) continue;
      let kind = classify(name, before, after);
      // Lists continue their kind: "in Raqqa, Ayn al-Arab, and al-Baghouz".
      if (!kind && listKind && at - listEnd <= 6 && /^,?\s*(?:and\s+)?$/.test(s.slice(listEnd, at))) kind = listKind;
      if (!kind) continue;
      listKind = kind;
      listEnd = at + name.length;
      const c = canonicalEntity(name, kind);
      const value: EntityValue = { canonical: c.canonical };
      out.push({ kind: c.kind, span: [s0 + at, s0 + at + name.length], sentence: si, text: name, value });
    }
    // Qualified forms the name run misses: "U.S.-led coalition", "so-called international coalition".
    for (const m of s.matchAll(
      /\b(?:so-called |illegitimate )?(?:U\.S\.|US|Russian|Saudi|Turkish|Iranian)-(?:led|backed|linked) (?:international )?(?:coalition|forces|militia)s?\b|\bso-called international coalition\b/gi,
    )) {
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
