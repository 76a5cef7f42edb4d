import type { AttributionValue, DateValue, Fact, QuantityValue, Span } from '../../src/model/index.js';
import { LABELLED_KINDS, type Label, type LabelledKind, type LabelledSentence } from './factlabels.js';
import { resolve } from './factsources.js';

/**
 * Scores an extractor against the hand labels of real sentences (`factlabels.ts`): a predicted fact matches an unused
 * label of the same kind when one span contains the other (case-insensitive) and the value agrees — the number, range
 * end and unit where labelled, the ISO date, the attribution's source by containment of its normalised words.
 * Predicted facts of kinds that are not labelled (quotes, loaded terms) are not scored.
 */

export type Extractor = (text: string, sentences: Span[], publishedAt?: string) => Fact[];

export interface KindCount {
  expected: number;
  predicted: number;
  matched: number;
}

export interface Scored {
  sentences: number;
  /** Sentences whose text could not be read (missing file, changed text), with the reason. */
  unreadable: string[];
  byKind: Record<LabelledKind, KindCount>;
  /** Every miss and extra, for reading. */
  errors: string[];
}

/** Lower case, words only, no leading article or possessive: "The U.S. Coast Guard's" → "u s coast guard". */
export const normSource = (s: string) =>
  ` ${s
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^\s*the\s+/, '')
    .trim()} `;

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

export function agrees(l: Label, f: Fact): boolean {
  if (l.kind !== f.kind) return false;
  const a = l.text.toLowerCase();
  const b = f.text.toLowerCase();
  if (!a.includes(b) && !b.includes(a)) return false;
  if (f.kind === 'quantity') {
    const v = f.value as QuantityValue;
    if (!sameNumber(Number(l.value), v.value)) return false;
    if (l.max !== undefined && (v.max === undefined || !sameNumber(l.max, v.max))) return false;
    if (l.unit !== undefined && v.unit !== l.unit) return false;
  }
  if (f.kind === 'date' && (f.value as DateValue).iso !== l.value) return false;
  if (f.kind === 'attribution') {
    const v = f.value as AttributionValue;
    const want = normSource(l.source!);
    const got = [v.source, v.display].filter((s): s is string => !!s).map(normSource);
    if (!got.some((g) => g.includes(want) || want.includes(g))) return false;
  }
  return true;
}

export function score(shared: string, cases: LabelledSentence[], extract: Extractor, split: (t: string) => Span[]) {
  const byKind = Object.fromEntries(
    LABELLED_KINDS.map((k) => [k, { expected: 0, predicted: 0, matched: 0 }]),
  ) as Record<LabelledKind, KindCount>;
  const out: Scored = { sentences: 0, unreadable: [], byKind, errors: [] };
  for (const c of cases) {
    const r = resolve(shared, c.ref);
    if ('error' in r) {
      out.unreadable.push(`${c.where}: ${r.error}`);
      continue;
    }
    out.sentences++;
    const facts = extract(r.text, split(r.text), r.publishedAt).filter((f) =>
      (LABELLED_KINDS as readonly string[]).includes(f.kind),
    );
    const used = new Set<Fact>();
    for (const l of c.labels) {
      byKind[l.kind].expected++;
      const hit = facts.find((f) => !used.has(f) && agrees(l, f));
      if (hit) {
        used.add(hit);
        byKind[l.kind].matched++;
      } else out.errors.push(`${c.where} missed ${l.kind} "${l.text}" ${l.value ?? l.source ?? ''} | ${r.text}`);
    }
    for (const f of facts) {
      byKind[f.kind as LabelledKind].predicted++;
      if (!used.has(f))
        out.errors.push(`${c.where} extra ${f.kind} "${f.text}" ${JSON.stringify(f.value)} | ${r.text}`);
    }
  }
  return out;
}

export const precision = (c: KindCount) => (c.predicted ? c.matched / c.predicted : 1);
export const recall = (c: KindCount) => (c.expected ? c.matched / c.expected : 1);
