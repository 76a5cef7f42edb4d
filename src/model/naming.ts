import { memoise } from '../text/memo.js';

/**
 * A story's name: the title of its most representative member — the one whose salient terms lie closest to the
 * story's centre (the mean of its members' term vectors), preferring among those about as close an article with the
 * page's own headline and date, the earliest first — else the first words of the most central member's lede. Never empty, never
 * "Untitled": every stored article has text. Both stores call this, so the rule lives in one place.
 */

export const NAMING_DEFAULTS = {
  /**
   * Members within this cosine of the closest one to the centre count as equally representative; among them the
   * earliest credible one names the story. Reprints of one wire story differ from each other by less than this.
   */
  nearCentre: 0.05,
  /** Words of the lede a name made from it keeps: a headline's length. */
  ledeWords: 12,
  /**
   * Members a store reads to name a story: the earliest and the latest this many each (a story's centre is stable
   * long before it has this many members; bounds the work per stored article).
   */
  sampleEach: 64,
};
export type NamingOptions = typeof NAMING_DEFAULTS;

export interface NamingMember {
  /** Arrival order in the store: the last tie-breaker. */
  seq: number;
  title?: string;
  /** Whether the title is only the words of the URL's slug (the page printed no headline). */
  titleFromUrl?: boolean;
  publishedAt?: string;
  /** Salient terms and their weights (the stored article's vector). */
  terms: Uint32Array;
  weights: Float32Array;
}

export interface StoryName {
  name: string;
  /** `title`: a member's title; `lede`: no member has one, the words open the member's text. */
  from: 'title' | 'lede';
  /** The member named after. */
  seq: number;
  publishedAt?: string;
}

function norm(m: NamingMember): number {
  let s = 0;
  for (let i = 0; i < m.weights.length; i++) s += m.weights[i] * m.weights[i];
  // A vector without weights, or with weights that are not numbers, counts as empty (centrality 0).
  return Number.isFinite(s) ? Math.sqrt(s) : 0;
}

/** Cosine of each member to the mean of the members' unit vectors. */
export function centrality(members: NamingMember[]): number[] {
  const norms = members.map(norm);
  // The centre's terms in the order they first occur (its squared norm is summed in that order), found through an
  // open-addressing table of typed arrays (a Map of numbers cost most of naming a story on every insert).
  let total = 0;
  for (const m of members) total += m.terms.length;
  let bits = 4;
  while (1 << bits < 2 * total) bits++;
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  const keys = new Uint32Array(1 << bits);
  const slots = new Int32Array(1 << bits).fill(-1);
  const centre = new Float64Array(total);
  let size = 0;
  const at = members.map((m, k) => {
    if (norms[k] === 0) return undefined;
    const idx = new Int32Array(m.terms.length);
    for (let i = 0; i < m.terms.length; i++) {
      const t = m.terms[i];
      let h = Math.imul(t, 0x9e3779b1) >>> shift;
      while (slots[h] >= 0 && keys[h] !== t) h = (h + 1) & mask;
      if (slots[h] < 0) {
        keys[h] = t;
        slots[h] = size++;
      }
      idx[i] = slots[h];
      centre[idx[i]] += m.weights[i] / norms[k];
    }
    return idx;
  });
  let cn = 0;
  for (let k = 0; k < size; k++) cn += centre[k] * centre[k];
  cn = Math.sqrt(cn);
  return members.map((m, k) => {
    const idx = at[k];
    if (idx === undefined || cn === 0) return 0;
    let dot = 0;
    for (let i = 0; i < m.terms.length; i++) dot += centre[idx[i]] * m.weights[i];
    const cos = dot / (norms[k] * cn);
    return Number.isFinite(cos) ? cos : 0;
  });
}

/** Story order: dated before undated, then by date, then by arrival. */
function earlier(a: NamingMember, b: NamingMember): number {
  if (a.publishedAt && b.publishedAt && a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? -1 : 1;
  if (!!a.publishedAt !== !!b.publishedAt) return a.publishedAt ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * Picks the member a story is named after: among the members within `nearCentre` of the most central one, a titled one
 * before an untitled, a headline the page printed before words of a URL slug (which aggregators may take from another
 * story), a dated one (an outlet that states when it published) before an undated, the earliest first. When none of
 * those has a title, the most central titled member; when no member has one, the most central member (named by its
 * lede).
 */
export function namingMember(
  members: NamingMember[],
  options: Partial<NamingOptions> = {},
): { member: NamingMember; titled: boolean } | undefined {
  const o = { ...NAMING_DEFAULTS, ...options };
  if (members.length === 0) return undefined;
  const c = centrality(members);
  const titled = (m: NamingMember) => !!m.title?.trim();
  const rank = (m: NamingMember) => (titled(m) ? (m.titleFromUrl ? 1 : 2) : 0);
  const best = Math.max(...c);
  const near = members.filter((m, i) => c[i] >= best - o.nearCentre);
  near.sort((a, b) => rank(b) - rank(a) || earlier(a, b));
  if (titled(near[0])) return { member: near[0], titled: true };
  let pick = -1;
  members.forEach((m, i) => {
    if (titled(m) && (pick < 0 || c[i] > c[pick])) pick = i;
  });
  if (pick >= 0) return { member: members[pick], titled: true };
  return { member: near[0], titled: false };
}

/** The first words of a text, cut at its first sentence end when that comes first, with an ellipsis when cut. */
export function ledeName(text: string, words = NAMING_DEFAULTS.ledeWords): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{20,}?[.!?])["”’']?(?:\s|$)/.exec(flat)?.[1] ?? flat;
  const w = sentence.split(' ');
  if (w.length <= words) return sentence.replace(/[.!?]$/, '');
  return (
    w
      .slice(0, words)
      .join(' ')
      .replace(/[,;:]$/, '') + '…'
  );
}

/**
 * `ledeName` at the default length, kept for the last texts named: a story is named again on every article it gains,
 * most often after the same member, and the lede's whitespace folding reads the member's whole text.
 */
const defaultLede = memoise((text: string) => ledeName(text), 4096);

/**
 * The story's name from its members. `ledeOf(seq)` gives a member's text; it is asked only when no member has a title.
 * Undefined only for a story with no members.
 */
export function storyName(
  members: NamingMember[],
  ledeOf: (seq: number) => string | undefined,
  options: Partial<NamingOptions> = {},
): StoryName | undefined {
  const o = { ...NAMING_DEFAULTS, ...options };
  const pick = namingMember(members, o);
  if (!pick) return undefined;
  const m = pick.member;
  const lede = (text: string) =>
    o.ledeWords === NAMING_DEFAULTS.ledeWords ? defaultLede(text) : ledeName(text, o.ledeWords);
  const name = pick.titled ? m.title!.trim() : lede(ledeOf(m.seq) ?? '');
  return {
    name: name || `Story of ${members.length} article${members.length === 1 ? '' : 's'}`,
    from: pick.titled ? 'title' : 'lede',
    seq: m.seq,
    publishedAt: m.publishedAt,
  };
}
