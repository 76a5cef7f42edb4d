import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepare } from '../engine/prepare.js';
import { translationOf, type TranslationSide } from './translation.js';

/** The fixture family of one ferry accident in four languages (test/fixtures/stories/cross-lingual). */
const sides = new Map<string, TranslationSide>(
  readFileSync('test/fixtures/stories/cross-lingual/articles.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = JSON.parse(line) as { id: string; text: string };
      const p = prepare({ source: r.id, format: 'text', content: r.text, meta: {} });
      if (!p.ok) throw new Error(p.error.reason);
      return [r.id, { body: p.value.cleaned.body, sentences: p.value.sentences, language: p.value.language }];
    }),
);
const side = (id: string) => sides.get(id)!;

describe('translationOf', () => {
  it('aligns a translation sentence by sentence, in order, with the names and figures both carry', () => {
    const t = translationOf(side('ferry-en'), side('ferry-fr'));
    expect(t).toBeDefined();
    expect(t!.whole).toBe(true);
    expect(t!.sentences.length).toBeGreaterThanOrEqual(6);
    for (let k = 1; k < t!.sentences.length; k++) {
      expect(t!.sentences[k].a[0]).toBeGreaterThan(t!.sentences[k - 1].a[0]);
      expect(t!.sentences[k].b[0]).toBeGreaterThan(t!.sentences[k - 1].b[0]);
    }
    const en = side('ferry-en').body;
    const fr = side('ferry-fr').body;
    const first = t!.sentences[0];
    expect(en.slice(first.a[0], first.a[1])).toMatch(/^A passenger ferry carrying 212 people/);
    expect(fr.slice(first.b[0], first.b[1])).toMatch(/^Un ferry transportant 212 personnes/);
    expect(first.anchors).toEqual(expect.arrayContaining(['212', 'Brač', '14']));
    // One English sentence ("… at 7:15 a.m. Four of the injured …", one to the splitter) is two in French: aligned
    // with both, so that neither reads as new.
    const second = t!.sentences[1];
    expect(en.slice(second.a[0], second.a[1])).toMatch(/Four of the injured/);
    expect(fr.slice(second.b[0], second.b[1])).toMatch(/^Le ferry Marjana.*Quatre des blessés/s);
    expect(t!.coverageA).toBeGreaterThan(0.95);
    expect(t!.coverageB).toBeGreaterThan(0.95);
  });

  it('does not take independent reports of the event for translations', () => {
    expect(translationOf(side('ferry-en'), side('ferry-de'))).toBeUndefined();
    expect(translationOf(side('ferry-en'), side('ferry-es'))).toBeUndefined();
    expect(translationOf(side('ferry-fr'), side('ferry-es'))).toBeUndefined();
  });

  it('needs the order kept: the same sentences shuffled are not a translation', () => {
    const fr = side('ferry-fr');
    const order = [4, 0, 3, 1, 6, 2, 5].filter((k) => k < fr.sentences.length);
    let body = '';
    const sentences: Array<[number, number]> = [];
    for (const k of order) {
      const [s, e] = fr.sentences[k];
      sentences.push([body.length, body.length + e - s]);
      body += fr.body.slice(s, e) + ' ';
    }
    const t = translationOf(side('ferry-en'), { body, sentences, language: 'fra' });
    expect(t === undefined || !t.whole).toBe(true);
  });
});
