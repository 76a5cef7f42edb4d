import { describe, expect, it } from 'vitest';
import { figureTerms, has } from './subject.js';
import { fnv1a, NAME_BIT, termVector } from './terms.js';

describe('figureTerms', () => {
  it('gives the figures of title and text as the term vector spells them', () => {
    const title = 'U.K. MONEY MARKET GIVEN 437 MLN STG HELP';
    const body =
      'The Bank of England said it provided the market with 437 mln stg, against a shortage of 1,100 mln stg.';
    const vec = termVector(body, title);
    const figures = figureTerms(vec, body, title);
    const named = (t: string) => (fnv1a(t) | NAME_BIT) >>> 0;
    // Figures of the body are names in the vector (terms.ts); words stop at a comma, so "1,100" gives "#100".
    expect(figures).toEqual(Uint32Array.from([named('#437'), named('#100')]).sort());
    for (const f of figures) expect(has(vec.terms, f)).toBe(true);
  });
  it('leaves out years, one-digit numbers and figures inside words', () => {
    const body = 'Airbus sold 7 A340 jets to the airline in 1987.';
    expect(figureTerms(termVector(body), body)).toEqual(new Uint32Array(0));
  });
  it('takes a title figure the body does not write, as the vector spells it', () => {
    const title = 'COPPER PRICE RAISED TO 66 CTS';
    const body = 'Magma Copper raised its price by one cent.';
    const figures = figureTerms(termVector(body, title), body, title);
    expect(Array.from(figures)).toEqual([(fnv1a('#66') & ~NAME_BIT) >>> 0]);
  });
});
