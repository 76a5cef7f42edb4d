import { describe, expect, it } from 'vitest';
import { languageOf } from './language.js';

describe('languageOf', () => {
  it('tells the languages of news ledes apart', () => {
    expect(
      languageOf(
        'The Syrian Foreign Ministry on Sunday renewed calls on the UN to dissolve the U.S.-led coalition over crimes against civilians.',
      ),
    ).toBe('eng');
    expect(
      languageOf(
        'Le ministère syrien des Affaires étrangères a renouvelé dimanche ses appels à l’ONU pour dissoudre la coalition dirigée par les Etats-Unis.',
      ),
    ).toBe('fra');
    expect(
      languageOf(
        'Das syrische Außenministerium hat am Sonntag die Vereinten Nationen erneut aufgefordert, die von den USA geführte Koalition aufzulösen.',
      ),
    ).toBe('deu');
    expect(
      languageOf(
        'El Ministerio de Relaciones Exteriores de Siria renovó el domingo sus llamados a la ONU para disolver la coalición liderada por Estados Unidos.',
      ),
    ).toBe('spa');
    expect(languageOf('Министерство иностранных дел Сирии в воскресенье вновь призвало ООН распустить коалицию.')).toBe(
      'rus',
    );
  });

  it('asks the trigram model about a text in another language that quotes English', () => {
    expect(
      languageOf(
        'Le ministre a déclaré que « the deal is done » après la réunion, mais les syndicats ont rejeté cet accord mardi soir à Paris.',
      ),
    ).toBe('fra');
  });

  it('leaves a text too short to tell undetermined', () => {
    expect(languageOf('Floods in Kandy')).toBe('und');
    expect(languageOf('')).toBe('und');
  });
});
