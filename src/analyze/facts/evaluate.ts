import type { Fact, FactKind } from '../../model/index.js';
import { analyze } from '../index.js';

/**
 * Scores fact extraction against hand-checked sentences (`test/fixtures/facts/sentences.jsonl`): a predicted fact
 * matches an expected one of the same kind when their texts overlap and the value agrees where the fixture gives it
 * (number and unit, ISO date, canonical source, speaker).
 */

export interface ExpectedFact {
  kind: FactKind;
  text: string;
  value?: number;
  unit?: string;
  iso?: string;
  source?: string;
  speaker?: string;
}

export interface FactCase {
  text: string;
  publishedAt?: string;
  facts: ExpectedFact[];
}

export interface KindScore {
  kind: FactKind;
  expected: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

function agrees(e: ExpectedFact, f: Fact): boolean {
  if (e.kind !== f.kind) return false;
  const a = e.text.toLowerCase();
  const b = f.text.toLowerCase();
  if (!a.includes(b) && !b.includes(a)) return false;
  if (f.kind === 'quantity') {
    const v = f.value;
    if (e.value !== undefined && v.value !== e.value) return false;
    if (e.unit !== undefined && v.unit !== e.unit) return false;
  }
  if (f.kind === 'date' && e.iso !== undefined && f.value.iso !== e.iso) return false;
  if (f.kind === 'attribution' && e.source !== undefined && f.value.source.toLowerCase() !== e.source.toLowerCase())
    return false;
  if (f.kind === 'quote' && e.speaker !== undefined && f.value.speaker?.toLowerCase() !== e.speaker.toLowerCase())
    return false;
  return true;
}

export function evaluateFacts(cases: FactCase[]): { byKind: KindScore[]; misses: string[] } {
  const counts = new Map<FactKind, { expected: number; predicted: number; matched: number }>();
  const bump = (k: FactKind, field: 'expected' | 'predicted' | 'matched') => {
    const c = counts.get(k) ?? { expected: 0, predicted: 0, matched: 0 };
    c[field]++;
    counts.set(k, c);
  };
  const misses: string[] = [];
  for (const c of cases) {
    const { facts } = analyze(c.text, { publishedAt: c.publishedAt });
    const used = new Set<Fact>();
    for (const e of c.facts) {
      bump(e.kind, 'expected');
      const hit = facts.find((f) => !used.has(f) && agrees(e, f));
      if (hit) {
        used.add(hit);
        bump(e.kind, 'matched');
      } else misses.push(`missed ${e.kind} "${e.text}" in: ${c.text}`);
    }
    for (const f of facts) {
      bump(f.kind, 'predicted');
      if (!used.has(f)) misses.push(`extra ${f.kind} "${f.text}" ${JSON.stringify(f.value)} in: ${c.text}`);
    }
  }
  const byKind = [...counts].map(([kind, c]) => {
    const precision = c.predicted ? c.matched / c.predicted : 1;
    const recall = c.expected ? c.matched / c.expected : 1;
    return {
      kind,
      ...c,
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    };
  });
  return { byKind: byKind.sort((a, b) => a.kind.localeCompare(b.kind)), misses };
}
