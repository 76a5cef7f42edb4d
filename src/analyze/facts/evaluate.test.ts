import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateFacts, type FactCase } from './evaluate.js';

/**
 * Pinned floors on hand-checked sentences. `sentences.jsonl` is the development set the extractors were shaped on;
 * `heldout.jsonl` was written before its first run and never tuned on (its first scores are in BENCHMARKS.md);
 * `wire.jsonl` was written before its first run, then the extractors were corrected on its misses (its current scores
 * are in BENCHMARKS.md; those of the first run were not kept).
 * A floor is never lowered silently.
 */
const load = (name: string): FactCase[] =>
  readFileSync(`test/fixtures/facts/${name}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FactCase);

const FLOORS: Record<string, Record<string, number>> = {
  'sentences.jsonl': {
    quantity: 0.95,
    date: 0.95,
    attribution: 0.95,
    place: 0.9,
    person: 0.85,
    organisation: 0.85,
    'loaded-term': 0.95,
  },
  // 119 sentences written before their first run, then corrected on; current scores in BENCHMARKS.md.
  'wire.jsonl': {
    quantity: 0.95,
    date: 0.95,
    attribution: 0.95,
    place: 0.92,
    person: 0.95,
    organisation: 0.92,
    'loaded-term': 0.95,
    quote: 0.9,
  },
  'heldout.jsonl': {
    quantity: 0.9,
    date: 0.9,
    attribution: 0.85,
    place: 0.85,
    person: 0.8,
    organisation: 0.8,
    'loaded-term': 0.9,
  },
};

describe('fact extraction against hand-checked sentences', () => {
  for (const [file, floors] of Object.entries(FLOORS)) {
    it(`${file}: F1 per kind at or above its floor`, () => {
      const { byKind, misses } = evaluateFacts(load(file));
      for (const [kind, floor] of Object.entries(floors)) {
        const k = byKind.find((x) => x.kind === kind);
        expect(k, `${kind} present in ${file}`).toBeDefined();
        expect(k!.f1, `${kind} F1 in ${file}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(floor);
      }
    });
  }
});
