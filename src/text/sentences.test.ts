import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE, splitParagraphs, splitSentences } from './sentences.js';

const texts = (t: string) => splitSentences(t).map(([s, e]) => t.slice(s, e));

describe('splitSentences', () => {
  it('keeps abbreviations, initials and dotted acronyms inside sentences', () => {
    expect(texts('The U.S. military said Mr. Smith left on Sept. 5. He did not return. Gen. J. Doe agreed.')).toEqual([
      'The U.S. military said Mr. Smith left on Sept. 5.',
      'He did not return.',
      'Gen. J. Doe agreed.',
    ]);
  });
  it('ends sentences after closing quotes and before opening ones', () => {
    expect(texts('“We will rebuild,” he said. “It will take years.” Officials agreed.')).toEqual([
      '“We will rebuild,” he said.',
      '“It will take years.”',
      'Officials agreed.',
    ]);
  });
  it('never crosses a line break, and does not split before lower case or decimals', () => {
    expect(texts('Prices rose 2.5 percent. in March\nNew line here')).toEqual([
      'Prices rose 2.5 percent. in March',
      'New line here',
    ]);
  });
  it('spans are exact and trimmed', () => {
    const t = '  First one.   Second one!  ';
    for (const [s, e] of splitSentences(t)) expect(t.slice(s, e)).toBe(t.slice(s, e).trim());
  });
  it('cuts a run without end punctuation into pieces of at most MAX_SENTENCE, at white space, losing no word', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const t = words.join(' ') + '. Next one.';
    const spans = splitSentences(t);
    for (const [s, e] of spans) expect(e - s).toBeLessThanOrEqual(MAX_SENTENCE);
    expect(spans.length).toBeGreaterThan(10);
    expect(spans.map(([s, e]) => t.slice(s, e)).join(' ')).toBe(t);
    // One unbroken 5,000-character "word" with a surrogate pair at the cut: cut beside the pair, not inside it.
    const long = 'x'.repeat(MAX_SENTENCE - 1) + '😀' + 'y'.repeat(3000);
    const parts = splitSentences(long);
    expect(parts.map(([s, e]) => long.slice(s, e)).join('')).toBe(long);
    for (const [s] of parts) expect(long.charCodeAt(s) >= 0xdc00 && long.charCodeAt(s) <= 0xdfff).toBe(false);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines only', () => {
    const t = 'a b\nc\n\n \n d e\n\nf';
    expect(splitParagraphs(t).map(([s, e]) => t.slice(s, e))).toEqual(['a b\nc', 'd e', 'f']);
  });
});

describe('German dates', () => {
  it('keeps an ordinal day with its month: "am 17. Juni" ends no sentence', () => {
    const text =
      'Die Fähre lief am 17. Juni vor Brač auf Grund. Bis 3. Okt. bleibt die Linie geschlossen. Es waren 14. Alle leben.';
    expect(splitSentences(text).map(([s, e]) => text.slice(s, e))).toEqual([
      'Die Fähre lief am 17. Juni vor Brač auf Grund.',
      'Bis 3. Okt. bleibt die Linie geschlossen.',
      'Es waren 14.',
      'Alle leben.',
    ]);
  });
});
