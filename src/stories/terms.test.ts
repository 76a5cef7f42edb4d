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

describe('termVector in another language', () => {
  const names = (v: { terms: Uint32Array }) => new Set([...v.terms].filter((t) => t >= NAME_BIT));
  it("gives a French report's countries, organisations and places the terms of an English one's", () => {
    const en = termVector(
      'The Syrian ministry called on the UN to dissolve the coalition led by the U.S. after strikes killed 43 civilians in Raqqa.',
      undefined,
      'eng',
    );
    const fr = termVector(
      "Le ministère a appelé l'ONU à dissoudre la coalition dirigée par les Etats-Unis après des frappes qui ont tué 43 civils à Raqqa.",
      undefined,
      'fra',
    );
    const shared = [...names(fr)].filter((t) => names(en).has(t));
    const want = ['un', 'usa', 'raqqa', '#43'].map((t) => (fnv1a(t) | NAME_BIT) >>> 0);
    expect(shared.sort()).toEqual(want.sort());
    // French function words are not terms; read as English, "les" and "des" would be.
    const plain = termVector("Le ministère a appelé l'ONU à dissoudre la coalition dirigée par les Etats-Unis.");
    expect(plain.terms.length).toBeGreaterThan(
      termVector("Le ministère a appelé l'ONU à dissoudre la coalition dirigée par les Etats-Unis.", undefined, 'fra')
        .terms.length,
    );
  });

  it('reads "U.S.", "US" and "USA" as one name, not as the pronoun', () => {
    const us = (t: string) => termVector(t).terms.includes((fnv1a('usa') | NAME_BIT) >>> 0);
    expect(us('Officials in the U.S. said so.')).toBe(true);
    expect(us('Officials in the US said so.')).toBe(true);
    expect(us('Officials in the USA said so.')).toBe(true);
    expect(us('They told us so.')).toBe(false);
  });

  it('reads German nouns as words, not names', () => {
    const de = termVector(
      'Vor der kroatischen Insel Brač ist am Dienstag die Fähre Marjana auf Felsen gelaufen, sagte die Küstenwache.',
      undefined,
      'deu',
    );
    const n = names(de);
    for (const name of ['brač', 'marjana']) expect(n.has((fnv1a(termOf(name)!) | NAME_BIT) >>> 0)).toBe(true);
    for (const noun of ['insel', 'fähre', 'küstenwache', 'dienstag'])
      expect(n.has((fnv1a(termOf(noun)!) | NAME_BIT) >>> 0), noun).toBe(false);
  });
});

describe('termVector in Cyrillic and Greek', () => {
  const names = (v: { terms: Uint32Array }) => new Set([...v.terms].filter((t) => t >= NAME_BIT));
  const name = (w: string) => (fnv1a(termOf(w)!) | NAME_BIT) >>> 0;
  it('romanises names so that they meet the English spelling, and reads countries from the tables', () => {
    const ru = termVector(
      'В понедельник Владимир Путин и Сергей Лавров прибыли в Мариуполь, сообщает Украина.',
      undefined,
      'rus',
    );
    for (const w of ['Putin', 'Lavrov', 'Mariupol', 'Ukraine']) expect(names(ru).has(name(w)), w).toBe(true);
    const el = termVector(
      'Ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε με τον Αλέξη Τσίπρα στη Θεσσαλονίκη.',
      undefined,
      'ell',
    );
    for (const w of ['Mitsotakis', 'Thessaloniki']) expect(names(el).has(name(w)), w).toBe(true);
  });
});
