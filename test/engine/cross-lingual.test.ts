import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFamilies } from '../../bench/corpora/families.js';
import { analyzeDocs } from '../../src/api.js';
import type { RawDoc } from '../../src/model/index.js';
import { sharedPath } from '../lib/shared.js';

/**
 * A report in another language joins the story of its event and no other: the French page of ../shared/families'
 * raqqa family (a 2017 statement) beside the two English reports of that statement and five of a 2022 one on the same
 * city. The repository's own fixtures in four languages are in test/fixtures/stories/cross-lingual.
 */
const root = sharedPath('families');
const families = root ? loadFamilies(root) : undefined;
if (!families) console.warn('skipping the cross-lingual families check: ../shared/families is absent');

describe.skipIf(!families)('a French page among English reports (../shared/families)', () => {
  it('joins the story of its event, not the same city’s other event', async () => {
    const docs = families!.docs.filter((d) => d.family === 'raqqa-2022');
    const french = docs.filter((d) => d.doc.content.includes('/fr-CH/'));
    expect(french).toHaveLength(1);
    const report = await analyzeDocs(docs.map((d) => d.doc));
    const storyOf = new Map<string, number>();
    report.stories.forEach((s, k) => s.articles.forEach((a) => storyOf.set(a.source, k)));
    const event = french[0].event;
    for (const d of docs)
      expect(storyOf.get(d.file) === storyOf.get(french[0].file), `${d.file} (${d.event})`).toBe(d.event === event);
    const article = report.stories[storyOf.get(french[0].file)!].articles.find((a) => a.source === french[0].file);
    expect(article?.language).toBe('fra');
  });
});

describe('the fixture in four languages, in any order of arrival', () => {
  const rows = readFileSync('test/fixtures/stories/cross-lingual/articles.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string>);
  const docs = (order: string[]): RawDoc[] =>
    order.map((id) => {
      const r = rows.find((x) => x.id === id)!;
      return {
        source: r.id,
        format: 'text',
        content: r.text,
        meta: { id: r.id, outlet: r.outlet, title: r.title, published: r.published },
      };
    });
  const stories = async (order: string[]) =>
    (await analyzeDocs(docs(order))).stories.map((s) => s.articles.map((a) => a.source).sort()).sort();
  it('gives the same two stories whichever language arrives first', async () => {
    const want = [
      ['ferry-de', 'ferry-en', 'ferry-es', 'ferry-fr'],
      ['fire-en', 'fire-fr'],
    ];
    // The English wire last: the foreign reports must find each other, then it must find them.
    expect(await stories(['ferry-de', 'ferry-es', 'ferry-fr', 'fire-fr', 'ferry-en', 'fire-en'])).toEqual(want);
    expect(await stories(['fire-fr', 'ferry-es', 'fire-en', 'ferry-de', 'ferry-en', 'ferry-fr'])).toEqual(want);
  });
});
