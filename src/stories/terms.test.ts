import { describe, expect, it } from 'vitest';
import { fnv1a, NAME_BIT, termOf, termVector } from './terms.js';

const term = (word: string, name: boolean) => {
  const h = fnv1a(termOf(word)!) & ~NAME_BIT;
  return (name ? h | NAME_BIT : h) >>> 0;
};

describe('termVector', () => {
  it('weighs a capital inside a sentence as a name, but not a month', () => {
    const v = [...termVector('The board met Barrow in March and paid Kellner.').terms];
    expect(v).toContain(term('Barrow', true));
    expect(v).toContain(term('Kellner', true));
    expect(v).toContain(term('March', false));
    expect(v).not.toContain(term('March', true));
  });

  it('keeps the day of a date out of its terms, and the same number as a figure elsewhere', () => {
    const dated = [...termVector('Pay March 31. Record 16th of March, and Dec. 12 too').terms];
    for (const day of ['31', '16', '12']) {
      expect(dated).not.toContain(term(day, true));
      expect(dated).not.toContain(term(day, false));
    }
    const counted = [...termVector('On 13 March the 13 miners and 31 others were freed in 2019').terms];
    expect(counted).toContain(term('13', true));
    expect(counted).toContain(term('31', true));
    expect(counted).toContain(term('2019', true));
  });
});
