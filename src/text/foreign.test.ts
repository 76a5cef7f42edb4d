import { describe, expect, it } from 'vitest';
import { acronymAlias, aliasesOf, calendarWordsOf, capitalIsName, elided, fold, stopwordsOf } from './foreign.js';

describe('foreign-language tables', () => {
  it('gives country names in other languages their English news names', () => {
    const fr = aliasesOf('fra');
    expect(fr.get('etats-unis')).toBe('US');
    expect(fr.get('syrie')).toBe('Syria');
    expect(fr.get('allemagne')).toBe('Germany');
    expect(fr.get('coree du sud')).toBe('South Korea');
    // "Corée" alone heads both Koreas: it names neither.
    expect(fr.get('coree')).toBeUndefined();
    expect(fr.get('nations unies')).toBe('UN');
    expect(aliasesOf('deu').get('vereinigte staaten')).toBe('US');
    expect(aliasesOf('deu').get('syrien')).toBe('Syria');
    expect(aliasesOf('spa').get('estados unidos')).toBe('US');
    expect(aliasesOf('eng').size).toBe(0);
    expect(aliasesOf('xyz').get('etats-unis')).toBeUndefined();
  });

  it('reads organisation acronyms only in capitals', () => {
    expect(acronymAlias('ONU')).toBe('UN');
    expect(acronymAlias('OTAN')).toBe('NATO');
    expect(acronymAlias('Uno')).toBeUndefined();
    expect(acronymAlias('toString')).toBeUndefined();
  });

  it('cuts elisions and folds accents', () => {
    expect(elided("l'ONU")).toBe(2);
    expect(elided('d’une')).toBe(2);
    expect(elided("dell'Onu")).toBe(5);
    expect(elided('aujourd')).toBe(0);
    expect(fold('États-Unis')).toBe('etats-unis');
  });

  it('knows function words and calendar words per language', () => {
    expect(stopwordsOf('fra').has('les')).toBe(true);
    expect(stopwordsOf('deu').has('und')).toBe(true);
    expect(stopwordsOf('spa').has('la')).toBe(true);
    expect(stopwordsOf('zzz').size).toBe(0);
    expect(calendarWordsOf('deu').has('dienstag')).toBe(true);
    expect(calendarWordsOf('deu').has('marz')).toBe(true);
    expect(calendarWordsOf('fra').has('aout')).toBe(true);
    expect(calendarWordsOf('spa').has('martes')).toBe(true);
  });

  it('tells German names from German nouns', () => {
    expect(capitalIsName('deu', 'Fähre', ['die'])).toBe(false);
    expect(capitalIsName('deu', 'Insel', ['kroatischen', 'der'])).toBe(false);
    expect(capitalIsName('deu', 'Regierung', ['neue'])).toBe(false);
    expect(capitalIsName('deu', 'Marjana', ['Fähre', 'Die'])).toBe(true);
    expect(capitalIsName('deu', 'Scholz', ['Kanzler'])).toBe(true);
    expect(capitalIsName('deu', 'NATO', ['die'])).toBe(true);
    // Other languages capitalise names only.
    expect(capitalIsName('fra', 'Marseille', ['la'])).toBe(true);
  });
});
