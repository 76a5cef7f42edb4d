import { describe, expect, it } from 'vitest';
import type { Alignment } from '../model/index.js';
import { classifyPair, dayReferences, type PairSide } from './provenance.js';

const side = (id: string, seq: number, body: string, publishedAt?: string): PairSide => ({
  id,
  seq,
  publishedAt,
  bodyLength: 1000,
  facts: [],
  dayRefs: dayReferences(body),
});

// The wire copy (b) is mostly reproduced in the longer paper (a), so coverage alone would call the paper the source.
const alignment: Alignment = {
  passages: [{ a: [0, 500], b: [0, 900], kind: 'verbatim', score: 1 }],
  coverageA: 0.5,
  coverageB: 0.9,
};
const overlap = { jaccard: 0.4, containmentA: 0.5, containmentB: 0.9, shared: 100 };

describe('provenance direction', () => {
  it('counts the words that date a text against its writing day', () => {
    expect(dayReferences('He was jailed today. Last night and yesterday, tonight; this morning.')).toEqual({
      today: 3,
      yesterday: 2,
    });
  });
  it('on the same day, the version that says "today" is earlier than the one that says "yesterday"', () => {
    const paper = side('paper', 1, 'A man was jailed yesterday for the fraud, a court heard yesterday.', '2000-03-01');
    const wire = side('wire', 2, 'A man was jailed today for the fraud, the court heard.', '2000-03-01T16:54:00Z');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('wire');
    expect(r.to).toBe('paper');
    expect(r.evidence.join(' ')).toMatch(/today/);
  });
  it('a text that never says "yesterday" is earlier than one that says it, whatever else they say', () => {
    const paper = side('paper', 1, 'He said yesterday: "I am here today, and today I will speak."', '2000-03-01');
    const wire = side('wire', 2, 'He told the court he was there.', '2000-03-01');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('wire');
  });
  it('publication dates come before day words', () => {
    const paper = side('paper', 1, 'A man was jailed yesterday.', '2000-03-01');
    const wire = side('wire', 2, 'A man was jailed today.', '2000-03-02');
    const r = classifyPair({ a: paper, b: wire, overlap, alignment, topical: 0.5 });
    expect(r.from).toBe('paper');
  });
});
