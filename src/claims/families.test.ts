import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../engine/prepare.js';
import type { DateValue, Fact, QuantityValue } from '../model/index.js';
import { diffFacts, factTable, type CompareArticle } from './compare.js';

/**
 * Issue 22's acceptance check on every story of ../shared/families (real pages): each later version against the
 * earliest drops no fact whose value or name is in the later text, and no two equal values are called conflicting.
 * "In the later text" is checked here independently of the comparison: the fact's own words, its canonical name, the
 * initials of a name or the expansion of an acronym, written in the later body (capitals kept for acronyms); the same
 * number and unit among the later version's figures.
 */

const ROOT = '../shared/families';
const present = existsSync(join(ROOT, 'families.jsonl'));
if (!present) console.warn(`skipping the families fact check: ${ROOT} is absent`);

interface Entry {
  event: string;
  outlet: string;
  date: string | null;
  file: string;
}

function stories(): Map<string, CompareArticle[]> {
  const out = new Map<string, CompareArticle[]>();
  const entries = readFileSync(join(ROOT, 'families.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);
  for (const e of entries) {
    const content = readFileSync(join(ROOT, e.file), 'utf8');
    const r = prepare({ source: e.file, format: 'text', content, meta: { id: e.file } });
    if (!r.ok) continue;
    const p = r.value;
    const list = out.get(e.event) ?? [];
    list.push({
      id: e.file,
      facts: p.facts,
      body: p.cleaned.body,
      outlet: e.outlet,
      publishedAt: p.extracted.publishedAt ?? e.date ?? undefined,
    });
    out.set(e.event, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.publishedAt ?? '9').localeCompare(b.publishedAt ?? '9'));
  return out;
}

const words = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Whether `text` holds `phrase` as whole words (case-insensitive unless the phrase is an acronym). */
function holds(text: string, phrase: string): boolean {
  const p = words(phrase);
  if (p.length === 0) return false;
  const acronym = /^\p{Lu}{2,6}$/u.test(phrase);
  const t = words(text).map((w) => (acronym ? w : w.toLowerCase()));
  const q = p.map((w) => (acronym ? w : w.toLowerCase()));
  for (let i = 0; i + q.length <= t.length; i++) if (q.every((w, j) => t[i + j] === w)) return true;
  return false;
}

/** Initials of the capitalised words of every run of two or more of them in `text`. */
function initialsIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}[\p{L}.'’-]*(?:\s+(?:of|for|the|and)?\s*\p{Lu}[\p{L}.'’-]*)+/gu))
    out.add(
      m[0]
        .split(/\s+/)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join(''),
    );
  return out;
}

/** Why `b` carries `f` after all, or undefined where it does not. */
function inLater(f: Fact, b: CompareArticle): string | undefined {
  const body = b.body ?? '';
  if (f.kind === 'quantity') {
    const v = f.value as QuantityValue;
    const g = b.facts.find(
      (g) =>
        g.kind === 'quantity' &&
        (g.value as QuantityValue).value === v.value &&
        (g.value as QuantityValue).unit === v.unit,
    );
    return g ? `same figure "${g.text}"` : undefined;
  }
  if (f.kind === 'date') {
    const g = b.facts.find((g) => g.kind === 'date' && (g.value as DateValue).iso === (f.value as DateValue).iso);
    return g ? `same date "${g.text}"` : undefined;
  }
  if (f.kind === 'quote') return holds(body, f.text) ? 'same quote' : undefined;
  if (holds(body, f.text)) return `its words "${f.text}"`;
  const canonical = (f.value as { canonical?: string }).canonical;
  if (canonical && holds(body, canonical)) return `its canonical name "${canonical}"`;
  if (/^\p{Lu}{2,6}$/u.test(f.text) && initialsIn(body).has(f.text)) return `the expansion of "${f.text}"`;
  const caps = f.text.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (caps.length >= 2) {
    const acro = caps.map((w) => w[0]).join('');
    if (holds(body, acro) && /^\p{Lu}+$/u.test(acro)) return `its acronym "${acro}"`;
  }
  return undefined;
}

const sameValue = (f: Fact, g: Fact) =>
  JSON.stringify({ ...(f.value as object), event: undefined, approximate: undefined }) ===
  JSON.stringify({ ...(g.value as object), event: undefined, approximate: undefined });

describe.skipIf(!present)('facts across the versions of every families story', () => {
  it('drops no fact the later text carries and calls no equal values conflicting', () => {
    const problems: string[] = [];
    let versions = 0;
    let dropped = 0;
    for (const [event, list] of stories()) {
      if (list.length < 2) continue;
      const [first, ...rest] = list;
      for (const b of rest) {
        versions++;
        const d = diffFacts(first, b);
        dropped += d.dropped.length;
        for (const f of d.dropped) {
          const why = inLater(f, b);
          if (why) problems.push(`${event}: ${b.id} drops ${f.kind} "${f.text}" of ${first.id}, but has ${why}`);
        }
        for (const c of [...d.changed, ...(d.updated ?? [])])
          if (sameValue(c.from, c.to))
            problems.push(`${event}: equal values "${c.from.text}" / "${c.to.text}" changed`);
      }
      const table = factTable(list);
      for (const r of table.rows)
        for (const c of Object.values(r.cells))
          if (
            (c.status === 'conflicting' || c.status === 'updated') &&
            c.fact &&
            c.against &&
            sameValue(c.fact, c.against.fact)
          )
            problems.push(`${event}: row ${r.label}: equal values conflict`);
    }
    console.log(`families: ${versions} later versions compared, ${dropped} facts dropped, ${problems.length} problems`);
    expect(versions).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, 120_000);
});
