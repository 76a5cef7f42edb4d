import type {
  AttributionValue,
  DateValue,
  EntityValue,
  Fact,
  FactDiff,
  FactRow,
  FactTable,
  LoadedTermValue,
  QuantityValue,
  QuoteValue,
} from '../model/index.js';

/**
 * Facts compared across versions. Each fact gets a key (kind + normalised value + the context that makes it the same
 * fact: what a figure counts, who is quoted) and, for figures, a "subject" key (what is counted and, where known, the
 * event) so that two versions giving different numbers for the same thing show as a conflict rather than as one fact
 * dropped and another added.
 */

export interface FactArticle {
  id: string;
  facts: Fact[];
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Content words of a quote, for matching quotes across outlets that re-punctuate them. */
function quoteKey(text: string): string {
  return norm(text).split(' ').slice(0, 12).join(' ');
}

export function factKey(f: Fact): string {
  switch (f.kind) {
    case 'quantity': {
      const v = f.value as QuantityValue;
      return `quantity|${v.unit}|${v.value}${v.max !== undefined ? `-${v.max}` : ''}${v.approximate ? '~' : ''}`;
    }
    case 'date': {
      const v = f.value as DateValue;
      return `date|${v.iso}${v.end ? `/${v.end}` : ''}`;
    }
    case 'person':
    case 'place':
    case 'organisation':
      return `${f.kind}|${norm((f.value as EntityValue).canonical)}`;
    case 'quote':
      return `quote|${quoteKey(f.text)}`;
    case 'attribution':
      return `attribution|${(f.value as AttributionValue).source}`;
    case 'loaded-term':
      return `loaded-term|${(f.value as LoadedTermValue).term}`;
  }
}

/**
 * What a figure is a figure of, or what a date dates: two versions with the same subject and different values
 * conflict (240 civilians against 774 civilians; a ceasefire that "took effect" on March 18 against March 19).
 */
export function subjectKey(f: Fact): string | undefined {
  if (f.kind === 'date') {
    const v = f.value as DateValue;
    // Only a dated event can be dated otherwise; a bare "in 2018" may be any of the story's years.
    return v.event ? `date|${v.event}` : undefined;
  }
  if (f.kind !== 'quantity') return undefined;
  const v = f.value as QuantityValue;
  // Approximate counts ("thousands of civilians") do not conflict with exact ones: they say less, not otherwise.
  if (v.approximate) return undefined;
  return `quantity|${v.unit}`;
}

/**
 * Same subject, and no event that sets them apart: "120 people injured" does not conflict with "42 people killed",
 * though both count people; a figure whose event is unsaid may be either.
 */
export function sameSubject(f: Fact, g: Fact): boolean {
  const k = subjectKey(f);
  if (!k || k !== subjectKey(g)) return false;
  if (f.kind !== 'quantity') return true;
  const [e1, e2] = [(f.value as QuantityValue).event, (g.value as QuantityValue).event];
  return !e1 || !e2 || e1 === e2;
}

export function factLabel(f: Fact): string {
  switch (f.kind) {
    case 'quantity': {
      const v = f.value as QuantityValue;
      const n = `${v.approximate ? '~' : ''}${v.value.toLocaleString('en-US')}${v.max !== undefined ? `–${v.max.toLocaleString('en-US')}` : ''}`;
      return `${n} ${v.unit}${v.event ? ` (${v.event})` : ''}`;
    }
    case 'date': {
      const v = f.value as DateValue;
      return v.end ? `${v.iso} to ${v.end}` : v.iso;
    }
    case 'person':
    case 'place':
    case 'organisation':
      return (f.value as EntityValue).canonical;
    case 'quote': {
      const v = f.value as QuoteValue;
      return `${v.speaker ? `${v.speaker}: ` : ''}${f.text.length > 80 ? f.text.slice(0, 79) + '…' : f.text}`;
    }
    case 'attribution': {
      const v = f.value as AttributionValue;
      return v.display ?? v.source;
    }
    case 'loaded-term':
      return `${(f.value as LoadedTermValue).term} (${(f.value as LoadedTermValue).category})`;
  }
}

/** The source the article credits for the sentence a fact is in, if any. */
function attributionOf(article: FactArticle, f: Fact): string | undefined {
  if (f.kind === 'attribution') return undefined;
  // The nearest attribution of the sentence before the fact ("as NGOs have estimated … at 774"), else the one after.
  const inSentence = article.facts.filter((g) => g.kind === 'attribution' && g.sentence === f.sentence);
  const before = inSentence.filter((g) => g.span[0] <= f.span[0]).pop();
  const chosen = before ?? inSentence[0];
  if (chosen) return (chosen.value as AttributionValue).source;
  const quote = article.facts.find((g) => g.kind === 'quote' && g.span[0] <= f.span[0] && f.span[1] <= g.span[1]);
  return quote ? (quote.value as QuoteValue).speaker : undefined;
}

/** First fact of each key, in text order. */
function firstByKey(facts: Fact[]): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of facts) {
    const k = factKey(f);
    if (!out.has(k)) out.set(k, f);
  }
  return out;
}

/** The story's fact table: rows are facts in the order first seen, columns the articles in the order given. */
export function factTable(articles: FactArticle[]): FactTable {
  // Each article's facts by subject (subjectKey), in the order of its first facts by key: where a row's fact is
  // missing, the first of them on the row's subject (sameSubject) is the conflicting value. Indexed once per article,
  // so that a story of hundreds of versions and facts is not searched row by row and article by article.
  const keyed = articles.map((a) => {
    const byKey = firstByKey(a.facts);
    const bySubject = new Map<string, Fact[]>();
    for (const f of byKey.values()) {
      const k = subjectKey(f);
      if (!k) continue;
      const list = bySubject.get(k);
      if (list) list.push(f);
      else bySubject.set(k, [f]);
    }
    return { a, byKey, bySubject };
  });
  const rows = new Map<string, FactRow>();
  /** Each row's first carried fact, whose subject a missing cell is checked against. */
  const sampleOf = new Map<FactRow, Fact>();
  for (const { a, byKey } of keyed) {
    for (const [k, f] of byKey) {
      let row = rows.get(k);
      if (!row) {
        row = { key: k, kind: f.kind, label: factLabel(f), cells: {} };
        rows.set(k, row);
        sampleOf.set(row, f);
      }
      row.cells[a.id] = { status: 'carried', fact: f, attributedTo: attributionOf(a, f) };
    }
  }
  for (const row of rows.values()) {
    const sample = sampleOf.get(row);
    const subject = sample && subjectKey(sample);
    for (const { a, bySubject } of keyed) {
      if (row.cells[a.id]) continue;
      // This article's own fact on the same subject, with another value: a conflict rather than an omission.
      const other = subject ? bySubject.get(subject)?.find((f) => sameSubject(sample!, f)) : undefined;
      row.cells[a.id] = other
        ? { status: 'conflicting', fact: other, attributedTo: attributionOf(a, other) }
        : { status: 'omitted' };
    }
  }
  return { articles: articles.map((a) => a.id), rows: [...rows.values()] };
}

/** What B changes against A, fact by fact. */
export function diffFacts(a: FactArticle, b: FactArticle): FactDiff {
  const ka = firstByKey(a.facts);
  const kb = firstByKey(b.facts);
  const onlyA = [...ka].filter(([k]) => !kb.has(k)).map(([, f]) => f);
  const onlyB = [...kb].filter(([k]) => !ka.has(k)).map(([, f]) => f);
  const changed: FactDiff['changed'] = [];
  const usedB = new Set<Fact>();
  const dropped: Fact[] = [];
  for (const f of onlyA) {
    const match = onlyB.find((g) => !usedB.has(g) && sameSubject(f, g));
    if (match) {
      changed.push({ from: f, to: match });
      usedB.add(match);
    } else if (f.kind !== 'attribution' && f.kind !== 'loaded-term') dropped.push(f);
  }
  const added = onlyB.filter((g) => !usedB.has(g) && g.kind !== 'attribution' && g.kind !== 'loaded-term');
  const attributionChanges: FactDiff['attributionChanges'] = [
    ...onlyA.filter((f) => f.kind === 'attribution').map((f) => ({ from: f })),
    ...onlyB.filter((f) => f.kind === 'attribution').map((f) => ({ to: f })),
  ];
  return {
    dropped,
    added,
    changed,
    attributionChanges,
    loadedAdded: onlyB.filter((f) => f.kind === 'loaded-term'),
    loadedRemoved: onlyA.filter((f) => f.kind === 'loaded-term'),
  };
}
