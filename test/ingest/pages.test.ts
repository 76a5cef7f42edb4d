import { describe, expect, it } from 'vitest';
import { loadCases, runCase } from './pages.js';

/**
 * Real-world page shapes (news article with figure captions, one carrying page chrome, live blog, AMP page, paywall
 * teaser, a windows-1252 page, an Atom feed, RSS with enclosures): each article's metadata, its body paragraphs in
 * order, its captions reported for the clean stage, and no boilerplate left in its clean text.
 */
describe('page fixtures', () => {
  for (const c of loadCases()) {
    it(c.name, async () => {
      const r = await runCase(c);
      expect(r.errors.map((e) => e.source.slice(c.input.length))).toEqual(c.errors);
      for (const e of r.errors) expect(e.reason.length).toBeGreaterThan(10);
      expect(r.extracted).toHaveLength(c.articles.length);
      c.articles.forEach((want, i) => {
        const x = r.extracted[i];
        const body = r.bodies[i];
        for (const k of ['title', 'url', 'outlet', 'byline', 'publishedAt'] as const) {
          if (want[k] !== undefined) expect(x[k], k).toBe(want[k]);
        }
        expect(x.partial ?? false, 'partial').toBe(want.partial ?? want.teaser ?? false);
        // Every caption whole; the extractor may list a caption's sentences besides (see extract/html.ts).
        expect(x.captions ?? []).toEqual(expect.arrayContaining(want.captions));
        if (want.captions.length === 0) expect(x.captions ?? []).toEqual([]);
        // The clean text is the gold paragraphs in order, nothing else.
        expect(body.split('\n\n')).toEqual(want.body);
        for (const s of want.mustNotContain ?? []) expect(body).not.toContain(s);
      });
    });
  }
});
