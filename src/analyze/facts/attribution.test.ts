import { describe, expect, it } from 'vitest';
import type { AttributionValue } from '../../model/index.js';
import { splitSentences } from '../../text/sentences.js';
import { attributions } from './attribution.js';

const sources = (body: string) =>
  attributions(body, splitSentences(body)).map((f) => (f.value as AttributionValue).source);

describe('attributions', () => {
  it('takes a name of capitalised words as the source of its verb', () => {
    expect(sources('SANA reported the strike.')).toEqual(['SANA']);
    expect(sources('Human Rights Watch said the figures were low.')).toEqual(['human rights watch']);
    expect(sources('The Syrian Foreign and Expatriates Ministry said on Monday that it would respond.')).toEqual([
      'foreign ministry',
    ]);
  });

  it('reads a long run of capitals before a reporting verb in time linear in its length', () => {
    // A real generated article held "DÜNYA GAZETESÝ ANKARA TEMSÝLCÝLÝÐÝ The trainman called": one expression over the
    // whole phrase split the capitals into words in exponentially many ways before failing (53 s for that article).
    // Forty capitals in a row would take longer than any test run.
    const caps = 'ÝÐÜÇÖŞ'.repeat(7).slice(0, 40);
    const body = `He stood there. DÜNYA ${caps} ANKARA ${caps} The trainman called.`;
    expect(sources(body)).toEqual([]);
  });
});
