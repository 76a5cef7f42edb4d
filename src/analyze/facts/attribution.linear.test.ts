import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../text/sentences.js';
import { attributions, quotes } from './attribution.js';

/**
 * Attributions and quotes in time linear in the text: a pronoun is resolved against the recent sources, not a copy of
 * every source named so far, and each quote finds its sentence and speaker without scanning all of them. A text eight
 * times longer must take about eight times as long, not sixty-four (the best of three runs each).
 */
const PARAGRAPH = (i: number) =>
  `The ministry of works ${i} said the talks would go on. It said the plan was sound. ` +
  `“We will rebuild the bridge before the winter,” officials told reporters on Monday.\n\n`;

function text(n: number): string {
  let t = '';
  for (let i = 0; i < n; i++) t += PARAGRAPH(i);
  return t;
}

function best(body: string): { ms: number; attrs: number; quotes: number } {
  const sentences = splitSentences(body);
  let ms = Infinity;
  let a = 0;
  let q = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const attrs = attributions(body, sentences);
    const qs = quotes(body, sentences, attrs);
    ms = Math.min(ms, performance.now() - t);
    a = attrs.length;
    q = qs.length;
  }
  return { ms, attrs: a, quotes: q };
}

describe('attributions and quotes', () => {
  it('take time linear in the number of sources and quotes', () => {
    best(text(200));
    const small = best(text(1000));
    const large = best(text(8000));
    console.log(
      `attributions and quotes: ${small.ms.toFixed(0)} ms for 1,000 paragraphs, ${large.ms.toFixed(0)} ms for 8,000`,
    );
    expect(large.quotes).toBe(8000);
    expect(large.attrs).toBeGreaterThan(15000);
    expect(large.ms / Math.max(small.ms, 1)).toBeLessThan(20);
  }, 120_000);
});
