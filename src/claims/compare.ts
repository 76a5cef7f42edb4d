import { entityForms, key } from '../analyze/facts/entities.js';
import type {
  DateValue,
  EntityValue,
  Fact,
  FactCell,
  FactDiff,
  FactRow,
  FactTable,
  QuantityValue,
  QuoteValue,
  AttributionValue,
} from '../model/index.js';
import { factKey, factLabel } from '../stories/facts.js';
import { factsRead } from '../analyze/language.js';

/**
 * Facts compared across the versions of a story by meaning, not by string:
 * - a fact is carried by a version that states it under any of its forms (an alias, the acronym or its expansion, a
 *   place with or without its qualifier, the same number and unit), in its facts or, failing that, in its text;
 * - two values conflict only when they measure the same thing (same counted unit and the same event, or a dated event
 *   with its date) and differ, and never when they are equal;
 * - a later value from the same outlet, or one its sentence says rose or was revised, is an update, not a conflict.
 */

export interface CompareArticle {
  id: string;
  facts: Fact[];
  /** The text's language (`cues.language` of a stored article): facts are read only in English (`factsRead`). */
  cues?: { language?: string };
  /** The clean body the facts' spans point into: searched for the forms of a fact the facts missed. */
  body?: string;
  outlet?: string;
  publishedAt?: string;
}

export const COMPARE_DEFAULTS = {
  /**
   * Units a figure shares with too many different things for two values to be of one measured thing without an event
   * that says so: "4 percent" and "3.75%" are often different rates, "$5 million" and "$2 million" different sums.
   */
  genericUnits: new Set([
    'percent',
    'usd',
    'eur',
    'gbp',
    'jpy',
    'cny',
    'inr',
    'rub',
    'aud',
    'cad',
    'hkd',
    'money',
    'year',
    'month',
    'week',
    'day',
    'hour',
    'minute',
    'second',
    'time',
    'point',
    'percentage point',
    'basis point',
  ]),
  /** Words in a figure's sentence that say it replaces an earlier one ("the toll rose to 5", "revised up"). */
  updateCue:
    /\b(?:rises|rose|risen|rising|climbs|climbed|jumps|jumped|increased|increases|grew|grown|revised|revises|updated|updates|now stands|has reached|raised|lowered|fell to|dropped to)\b/i,
};

/** A fact's sentence in its article: the text between the previous and next sentence ends around its span. */
function sentenceAround(a: CompareArticle, f: Fact): string {
  if (!a.body) return '';
  const from = Math.max(0, a.body.lastIndexOf('.', f.span[0] - 1) + 1, f.span[0] - 200);
  const dot = a.body.indexOf('.', f.span[1]);
  return a.body.slice(from, dot < 0 ? Math.min(a.body.length, f.span[1] + 200) : dot);
}

/** Lower case, no diacritics, words separated by single spaces, padded: for whole-word search. */
const normText = (s: string) =>
  ` ${s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(?:al|el)-/g, '')
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** Per article: its normalised body and the keys of its facts, built once per comparison. */
interface Indexed {
  a: CompareArticle;
  text: string;
  byKey: Map<string, Fact>;
  /** Entity facts by every normalised form of their name. */
  entityForms: Map<string, Fact>;
  /** Quantities by "unit|value", dates by ISO. */
  values: Map<string, Fact>;
  /** The words of the normalised body. */
  words: Set<string>;
  /** Quantities and dates by what they measure (see `measured`): the only candidates for a conflict or an update. */
  byMeasure: Map<string, Fact[]>;
}

function firstByKey(facts: Fact[]): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of facts) {
    const k = factKey(f);
    if (!out.has(k)) out.set(k, f);
  }
  return out;
}

const isEntity = (f: Fact) => f.kind === 'person' || f.kind === 'place' || f.kind === 'organisation';
const quantityKey = (v: QuantityValue) => `${v.unit}|${v.value}${v.max !== undefined ? `-${v.max}` : ''}`;

/** The forms of an entity fact's name as written (see entityForms), memoised per fact. */
const formsMemo = new WeakMap<Fact, string[]>();
function rawForms(f: Fact): string[] {
  let out = formsMemo.get(f);
  if (!out) {
    const v = f.value as EntityValue;
    out = [...new Set([...entityForms(f.text), ...entityForms(v.canonical)])].filter((s) => s.trim().length > 1);
    formsMemo.set(f, out);
  }
  return out;
}
const formsOf = (f: Fact) => rawForms(f).map(normText);

function index(a: CompareArticle): Indexed {
  const entity = new Map<string, Fact>();
  const values = new Map<string, Fact>();
  for (const f of a.facts) {
    if (isEntity(f)) for (const form of formsOf(f)) if (!entity.has(form)) entity.set(form, f);
    if (f.kind === 'quantity') {
      const k = quantityKey(f.value);
      if (!values.has(k)) values.set(k, f);
    }
    if (f.kind === 'date') {
      const k = f.value.iso;
      if (!values.has(k)) values.set(k, f);
    }
  }
  const byMeasure = new Map<string, Fact[]>();
  for (const f of a.facts) {
    const m = measured(f);
    if (!m) continue;
    const list = byMeasure.get(m);
    if (list) list.push(f);
    else byMeasure.set(m, [f]);
  }
  const text = a.body ? normText(a.body) : '';
  return {
    a,
    text,
    words: new Set(text.split(' ')),
    byKey: firstByKey(a.facts),
    entityForms: entity,
    values,
    byMeasure,
  };
}

/** A fact standing for text that carries `f` where no extracted fact does: `f`'s value at the span found. */
function textFact(x: Indexed, f: Fact, form: string): Fact | undefined {
  const body = x.a.body!;
  // The form's words in order, separated by anything that is not a letter or digit, with the capitals the form has
  // ("WHO" is not "who", "Rush" not "rush"); diacritics are ignored by searching the body without them (same length).
  const words = form.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  const esc = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${esc.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u');
  const acronym = /^\p{Lu}{2,6}$/u.test(form);
  const re2 = acronym ? re : new RegExp(re.source, 'iu');
  const m = re2.exec(stripMarks(body));
  if (!m) return undefined;
  return {
    ...f,
    span: [m.index, m.index + m[0].length],
    sentence: -1,
    text: body.slice(m.index, m.index + m[0].length),
  };
}

/** Diacritics removed where they are combining marks of a precomposed letter, keeping the text's length. */
const stripMarks = (s: string) =>
  s.replace(/[\u0080-\uffff]/g, (c) => {
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    return base.length === 1 ? base : c;
  });

/** A run of two or more capitalised words, with the small words names hold between them. */
const CAPS_RUN = /\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:of|for|the|and|on)\s+)?\p{Lu}[\p{L}.'’-]*)+/gu;
const expansionsMemo = new WeakMap<Indexed, Map<string, [number, number]>>();
/** The initials of every capitalised run of an article's body, with the first run's span: built once, on demand. */
function expansions(x: Indexed): Map<string, [number, number]> {
  let out = expansionsMemo.get(x);
  if (!out) {
    out = new Map();
    for (const m of x.a.body!.matchAll(CAPS_RUN)) {
      const initials = m[0]
        .split(/\s+/)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      if (!out.has(initials)) out.set(initials, [m.index, m.index + m[0].length]);
    }
    expansionsMemo.set(x, out);
  }
  return out;
}

/** B's fact (or text) that carries A's fact `f` under any of its forms, if any. */
export function carriedBy(x: Indexed, f: Fact): Fact | undefined {
  const same = x.byKey.get(factKey(f));
  if (same) return same;
  if (isEntity(f)) {
    const forms = rawForms(f);
    for (const form of forms) {
      const g = x.entityForms.get(normText(form));
      if (g) return g;
    }
    if (x.text)
      for (const form of forms) {
        const n = normText(form);
        // Every word of the form among the text's words, then the form itself: most forms fail the first, cheap test.
        if (
          !n
            .trim()
            .split(' ')
            .every((w) => x.words.has(w)) ||
          !x.text.includes(n)
        )
          continue;
        const t = textFact(x, f, form);
        if (t) return t;
      }
    // An acronym whose expansion the text writes out in capitalised words ("Smart Lander for Investigating Moon").
    if (x.a.body && /^\p{Lu}{2,6}$/u.test(f.text)) {
      const run = expansions(x).get(f.text);
      if (run) return { ...f, span: run, sentence: -1, text: x.a.body.slice(run[0], run[1]) };
    }
    return undefined;
  }
  if (f.kind === 'quantity') return x.values.get(quantityKey(f.value));
  if (f.kind === 'date') return x.values.get(f.value.iso);
  return undefined;
}

/** What a value measures, where two values of it can disagree; undefined where nothing says. */
function measured(f: Fact): string | undefined {
  if (f.kind === 'quantity') {
    const v = f.value;
    if (v.approximate || COMPARE_DEFAULTS.genericUnits.has(v.unit)) return undefined;
    return `q|${v.unit}`;
  }
  if (f.kind === 'date') {
    const v = f.value;
    return v.event ? `d|${v.event}` : undefined;
  }
  return undefined;
}

const eventOf = (f: Fact) => (f.kind === 'quantity' ? (f.value as QuantityValue).event : (f.value as DateValue).event);
const sameValue = (f: Fact, g: Fact) =>
  f.kind === 'quantity'
    ? quantityKey(f.value as QuantityValue) === quantityKey(g.value as QuantityValue)
    : (f.value as DateValue).iso === (g.value as DateValue).iso &&
      (f.value as DateValue).end === (g.value as DateValue).end;

/**
 * How B's value `g` stands to A's `f`: a conflict (same measured thing and event, different value, different source
 * or time unknown), an update (same measured thing, B later and from the same outlet or saying the value moved), or
 * nothing (different things, or equal values).
 */
export function relation(
  a: CompareArticle,
  f: Fact,
  b: CompareArticle,
  g: Fact,
): 'conflicting' | 'updated' | undefined {
  const m = measured(f);
  if (!m || m !== measured(g) || sameValue(f, g)) return undefined;
  const [e1, e2] = [eventOf(f), eventOf(g)];
  const later = !!a.publishedAt && !!b.publishedAt && b.publishedAt > a.publishedAt;
  const undated = !a.publishedAt || !b.publishedAt;
  const sameSource = !!a.outlet && a.outlet === b.outlet;
  // An update may name its event otherwise ("4 killed" → "the toll rose to 5"); a conflict needs both to say it.
  // The sentence is read for a cue only where the dates and the events allow an update.
  if ((later || undated) && (!e1 || !e2 || e1 === e2)) {
    const cue = () => COMPARE_DEFAULTS.updateCue.test(sentenceAround(b, g));
    if (later ? sameSource || cue() : cue()) return 'updated';
  }
  if (e1 && e2 && e1 === e2) return 'conflicting';
  return undefined;
}

/** The source the article credits for the sentence a fact is in, if any. */
export function attributionOf(article: CompareArticle, f: Fact): string | undefined {
  if (f.kind === 'attribution') return undefined;
  const inSentence = article.facts.filter((g) => g.kind === 'attribution' && g.sentence === f.sentence);
  const before = inSentence.filter((g) => g.span[0] <= f.span[0]).pop();
  const chosen = before ?? inSentence[0];
  if (chosen) return (chosen.value as AttributionValue).source;
  const quote = article.facts.find((g) => g.kind === 'quote' && g.span[0] <= f.span[0] && f.span[1] <= g.span[1]);
  return quote ? (quote.value as QuoteValue).speaker : undefined;
}

/** The story's fact table: rows are facts in the order first seen, columns the articles in the order given. */
export function factTable(all: CompareArticle[]): FactTable {
  const articles = all.filter((a) => factsRead(a.cues?.language));
  const unread = unreadOf(all);
  const indexed = articles.map(index);
  const rows = new Map<string, FactRow>();
  const origin = new Map<FactRow, { article: CompareArticle; fact: Fact }>();
  /** Entity rows by every normalised form of their first fact: an alias or acronym joins the row, not a new one. */
  const rowByForm = new Map<string, FactRow>();
  for (const x of indexed) {
    for (const [k, f] of x.byKey) {
      if (rows.has(k)) continue;
      if (isEntity(f)) {
        const row = formsOf(f)
          .map((form) => rowByForm.get(form))
          .find((r) => r && r.kind === f.kind && !r.cells[x.a.id]);
        if (row) {
          row.cells[x.a.id] = { status: 'carried', fact: f, attributedTo: attributionOf(x.a, f) };
          continue;
        }
      }
      const row: FactRow = { key: k, kind: f.kind, label: factLabel(f), cells: {} };
      rows.set(k, row);
      origin.set(row, { article: x.a, fact: f });
      if (isEntity(f)) for (const form of formsOf(f)) if (!rowByForm.has(form)) rowByForm.set(form, row);
    }
  }
  for (const row of rows.values()) {
    const o = origin.get(row)!;
    for (const x of indexed) {
      if (row.cells[x.a.id]) continue;
      const carried = carriedBy(x, o.fact);
      if (carried) {
        row.cells[x.a.id] = { status: 'carried', fact: carried, attributedTo: attributionOf(x.a, carried) };
        continue;
      }
      let cell: FactCell = { status: 'omitted' };
      const m = measured(o.fact);
      for (const g of m ? (x.byMeasure.get(m) ?? []) : []) {
        const rel = relation(o.article, o.fact, x.a, g);
        if (!rel) continue;
        cell = {
          status: rel,
          fact: g,
          attributedTo: attributionOf(x.a, g),
          against: { article: o.article.id, fact: o.fact },
        };
        if (rel === 'conflicting') break;
      }
      row.cells[x.a.id] = cell;
    }
  }
  return { articles: articles.map((a) => a.id), rows: [...rows.values()], ...(unread ? { unread } : {}) };
}

/** What B changes against A (A the earlier or reference version), fact by fact. */
export function diffFacts(a: CompareArticle, b: CompareArticle): FactDiff {
  const unread = unreadOf([a, b]);
  if (unread) {
    return {
      dropped: [],
      added: [],
      changed: [],
      updated: [],
      attributionChanges: [],
      loadedAdded: [],
      loadedRemoved: [],
      unread,
    };
  }
  const xa = index(a);
  const xb = index(b);
  const onlyA = [...xa.byKey].filter(([k]) => !xb.byKey.has(k)).map(([, f]) => f);
  const onlyB = [...xb.byKey].filter(([k]) => !xa.byKey.has(k)).map(([, f]) => f);
  const changed: FactDiff['changed'] = [];
  const updated: NonNullable<FactDiff['updated']> = [];
  const usedB = new Set<Fact>();
  const dropped: Fact[] = [];
  const candidates = (f: Fact) => {
    const m = measured(f);
    return m ? (xb.byMeasure.get(m) ?? []).filter((g) => !xa.byKey.has(factKey(g))) : [];
  };
  for (const f of onlyA) {
    if (f.kind === 'attribution' || f.kind === 'loaded-term' || f.kind === 'quote') continue;
    const carried = carriedBy(xb, f);
    if (carried) {
      usedB.add(carried);
      continue;
    }
    let rel: 'conflicting' | 'updated' | undefined;
    let match: Fact | undefined;
    for (const g of candidates(f)) {
      if (usedB.has(g)) continue;
      rel = relation(a, f, b, g);
      if (rel) {
        match = g;
        break;
      }
    }
    if (match && rel) {
      usedB.add(match);
      (rel === 'updated' ? updated : changed).push({ from: f, to: match });
    } else dropped.push(f);
  }
  const added = onlyB.filter(
    (g) =>
      !usedB.has(g) && g.kind !== 'attribution' && g.kind !== 'loaded-term' && g.kind !== 'quote' && !carriedBy(xa, g),
  );
  const quotesA = onlyA.filter((f) => f.kind === 'quote' && !xb.text.includes(normText(f.text)));
  const quotesB = onlyB.filter((g) => g.kind === 'quote' && !xa.text.includes(normText(g.text)));
  const attributionChanges: FactDiff['attributionChanges'] = [
    ...onlyA.filter((f) => f.kind === 'attribution').map((f) => ({ from: f })),
    ...onlyB.filter((f) => f.kind === 'attribution').map((f) => ({ to: f })),
  ];
  return {
    dropped: [...dropped, ...quotesA].sort((x, y) => x.span[0] - y.span[0]),
    added: [...added, ...quotesB].sort((x, y) => x.span[0] - y.span[0]),
    changed,
    updated,
    attributionChanges,
    loadedAdded: onlyB.filter((f) => f.kind === 'loaded-term'),
    loadedRemoved: onlyA.filter((f) => f.kind === 'loaded-term'),
  };
}

export { key as entityKey };

/** The articles whose facts are not read (`factsRead`), with their language; undefined when there is none. */
export function unreadOf(articles: CompareArticle[]): FactTable['unread'] {
  const out = articles
    .filter((a) => !factsRead(a.cues?.language))
    .map((a) => ({ article: a.id, language: a.cues!.language! }));
  return out.length > 0 ? out : undefined;
}
