/**
 * Sources outside the store, inferred from the text and the outlet: the wire service, press-release distributor or
 * statement an article reproduces. News texts say where they come from — a dateline credit ("(AP) —", "(Reuters) -"),
 * a closing "Reporting by …; Editing by …", a distributor's name ("PRNewswire"), "said in a statement" — and an
 * article published on a wire's own site is that wire's text. Two outlets carrying one credited text are siblings of
 * that source, not copies of each other; a text on the wire's own site is the origin of the reprints that credit it.
 */

export type SourceKind = 'wire' | 'release' | 'statement';

export interface InferredSource {
  /** Canonical name ("AP", "Reuters", "PR Newswire", "a statement"). */
  name: string;
  kind: SourceKind;
  /** The credit in the body, [start, end) in UTF-16 code units; absent when the outlet alone says it. */
  span?: [number, number];
  /** A credit where wires print it (a dateline in the first lines, a closing credit line) or the outlet itself. */
  strong: boolean;
}

/**
 * Wire services and distributors, each with the credits its reprints carry and the hosts of its own sites. A list of
 * the agencies whose copy is most reprinted in English-language news (the global agencies, the national agencies whose
 * English services are widely carried, the release distributors): a credit in the text is how a reader knows the
 * source, so only credits in the forms the agencies themselves print are matched — a bare "AP" is too ambiguous.
 */
export const WIRES: ReadonlyArray<{ name: string; kind: SourceKind; credit: RegExp; hosts: string[] }> = [
  {
    name: 'AP',
    kind: 'wire',
    credit: /\((?:AP|The Associated Press)\)|\bAssociated Press\b/g,
    hosts: ['apnews.com', 'ap.org'],
  },
  { name: 'Reuters', kind: 'wire', credit: /\bReuters\b|\bReporting by [A-Z][a-z]+/g, hosts: ['reuters.com'] },
  { name: 'AFP', kind: 'wire', credit: /\bAFP\b|\bAgence France[- ]Presse\b/g, hosts: ['afp.com'] },
  { name: 'Xinhua', kind: 'wire', credit: /\bXinhua\b/g, hosts: ['xinhuanet.com', 'news.cn'] },
  { name: 'PA', kind: 'wire', credit: /\bPA Media\b|\bPress Association\b|\(PA\)/g, hosts: ['pa.media', 'PA'] },
  { name: 'Bloomberg', kind: 'wire', credit: /\bBloomberg News\b|\(Bloomberg\)/g, hosts: ['bloomberg.com'] },
  {
    name: 'dpa',
    kind: 'wire',
    credit: /\bdpa\b|\bDeutsche Presse-Agentur\b/g,
    hosts: ['dpa.com', 'dpa-international.com'],
  },
  { name: 'EFE', kind: 'wire', credit: /\bEFE\b/g, hosts: ['efe.com'] },
  { name: 'ANSA', kind: 'wire', credit: /\bANSA\b/g, hosts: ['ansa.it'] },
  { name: 'TASS', kind: 'wire', credit: /\bTASS\b/g, hosts: ['tass.com', 'tass.ru'] },
  { name: 'Kyodo', kind: 'wire', credit: /\bKyodo\b/g, hosts: ['kyodonews.net'] },
  { name: 'Yonhap', kind: 'wire', credit: /\bYonhap\b/g, hosts: ['yna.co.kr', 'en.yna.co.kr'] },
  { name: 'Anadolu', kind: 'wire', credit: /\bAnadolu Agency\b|\(AA\)/g, hosts: ['aa.com.tr'] },
  { name: 'PTI', kind: 'wire', credit: /\bPTI\b|\bPress Trust of India\b/g, hosts: ['ptinews.com'] },
  { name: 'ANI', kind: 'wire', credit: /\(ANI\)|\bANI reported\b/g, hosts: ['aninews.in'] },
  { name: 'IANS', kind: 'wire', credit: /\bIANS\b/g, hosts: ['ians.in'] },
  { name: 'UPI', kind: 'wire', credit: /\bUPI\b|\bUnited Press International\b/g, hosts: ['upi.com'] },
  { name: 'SANA', kind: 'wire', credit: /\bSANA\b/g, hosts: ['sana.sy'] },
  { name: 'NPR', kind: 'wire', credit: /\bNPR\b/g, hosts: ['npr.org'] },
  { name: 'PR Newswire', kind: 'release', credit: /\bPR ?Newswire\b/gi, hosts: ['prnewswire.com'] },
  { name: 'Business Wire', kind: 'release', credit: /\bBusiness ?Wire\b/g, hosts: ['businesswire.com'] },
  { name: 'GlobeNewswire', kind: 'release', credit: /\bGlobe ?Newswire\b/gi, hosts: ['globenewswire.com'] },
];

/**
 * A credit of a picture rather than of the text: "NAME / AFP", "AFP/Getty Images", or on a line about a photo.
 * Wires sell pictures to outlets that write their own text.
 */
function photoCredit(body: string, start: number, end: number): boolean {
  if (/\/\s*$/.test(body.slice(Math.max(0, start - 3), start)) || /^\s*\//.test(body.slice(end, end + 3))) return true;
  const lineStart = body.lastIndexOf('\n', start) + 1;
  const lineEnd = body.indexOf('\n', end);
  const line = body.slice(lineStart, lineEnd < 0 ? body.length : lineEnd);
  return /\b(?:photo|picture|image|getty|file photo|caption)\b/i.test(line);
}

/** The names of the sources a text mentions without naming them. */
const A_RELEASE = 'a press release';
const A_STATEMENT = 'a statement';

/** Does the source have a name of its own (a wire, a distributor), not just a kind ("a statement")? */
export function isNamed(s: InferredSource): boolean {
  return s.name !== A_RELEASE && s.name !== A_STATEMENT;
}

/** Generic words for a release or statement: a source, though not a named one. */
const RELEASE = /\b(?:press|news) release\b/gi;
const STATEMENT = /\b(?:said|says|announced|confirmed) in a (?:joint )?statement\b|\bissued a statement\b/gi;

export const SOURCE_DEFAULTS = {
  /**
   * A credit within this many characters of the body's start is a dateline credit ("WASHINGTON (AP) —"), where wires
   * print it; page text before the article (navigation, a headline) rarely runs longer.
   */
  datelineChars: 400,
  /** A credit within this many characters of the end is a closing credit line ("Reporting by …; Editing by …"). */
  closingChars: 300,
};

/** The wire whose own site an outlet is, if any. Outlets are host names (`www.` dropped) or a name the input gave. */
export function wireOfOutlet(outlet?: string): string | undefined {
  if (!outlet) return undefined;
  const host = outlet.toLowerCase().replace(/^www\./, '');
  for (const w of WIRES)
    if (w.hosts.some((h) => host === h.toLowerCase() || host.endsWith('.' + h.toLowerCase()))) return w.name;
  return undefined;
}

/** The sources an article reproduces by its own account (credits) and by where it is published (a wire's site). */
export function inferredSources(
  body: string,
  outlet?: string,
  options: Partial<typeof SOURCE_DEFAULTS> = {},
): InferredSource[] {
  const o = { ...SOURCE_DEFAULTS, ...options };
  const out = new Map<string, InferredSource>();
  const add = (s: InferredSource) => {
    const had = out.get(s.name);
    if (!had || (s.strong && !had.strong)) out.set(s.name, s);
  };
  const own = wireOfOutlet(outlet);
  if (own) add({ name: own, kind: WIRES.find((w) => w.name === own)!.kind, strong: true });
  const strongAt = (i: number) => i < o.datelineChars || i >= body.length - o.closingChars;
  for (const w of WIRES)
    for (const m of body.matchAll(w.credit))
      if (!photoCredit(body, m.index, m.index + m[0].length))
        add({ name: w.name, kind: w.kind, span: [m.index, m.index + m[0].length], strong: strongAt(m.index) });
  for (const m of body.matchAll(RELEASE))
    add({ name: A_RELEASE, kind: 'release', span: [m.index, m.index + m[0].length], strong: false });
  for (const m of body.matchAll(STATEMENT))
    add({ name: A_STATEMENT, kind: 'statement', span: [m.index, m.index + m[0].length], strong: false });
  return [...out.values()];
}

/** Nouns that make a name an organisation's or a document's rather than a person's. */
const ORGANISATION =
  /\b(?:ministry|department|office|agency|government|police|company|corporation|corp|inc|ltd|plc|llc|university|association|council|commission|court|committee|authority|service|administration|bureau|institute|foundation|board|group|bank|party|army|military|forces|coalition|observatory|organi[sz]ation|union|federation|league|club|network|statement|report|release|spokes(?:man|woman|person)|examiner|coroner|embassy|white house|kremlin|pentagon|nasa|fbi|cia|un|who|nato|eu)\b/i;

/** Titles that, followed by a name, make a person speaking for an organisation ("NASA Administrator Bill Nelson"). */
const TITLES = new Set(
  'administrator minister secretary president director chief ceo chair chairman chairwoman governor mayor senator spokesman spokeswoman spokesperson officer official professor dr mr mrs ms judge general'.split(
    ' ',
  ),
);

function personWithTitle(name: string): boolean {
  for (const m of name.matchAll(/([A-Za-z]+)\.?\s+(?=[A-Z][a-z])/g)) if (TITLES.has(m[1].toLowerCase())) return true;
  return false;
}

/**
 * Can an attributed source be the source of a text (an organisation, an office or a document) rather than a person
 * quoted in it? Quoting one official is what independent reports of one event do; reproducing a ministry's statement
 * or an agency's release is what siblings do. Acronyms (SANA, NASA) and qualified names carrying an organisation
 * noun count; bare generic ones ("the company", "police") do not name a source.
 */
export function isOrganisationSource(name: string): boolean {
  const words = name
    .replace(/^(?:the|a|an)\s+/i, '')
    .split(/\s+/)
    .filter(Boolean);
  if (personWithTitle(name)) return false;
  if (words.length === 1 && /^[A-Z][A-Z0-9&.-]{1,7}$/.test(words[0])) return true;
  // A qualified organisation ("foreign ministry", "Kroger Co."), not a bare generic one ("the company", "police").
  return ORGANISATION.test(name) && words.length >= 2;
}
