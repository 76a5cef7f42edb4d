import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../clean/index.js';
import type { RawDoc } from '../model/index.js';
import { dateOfUrl } from './dates.js';
import { extract } from './index.js';
import { readPageHead, recaseFromText, slugTitle, stripSiteSuffix } from './page.js';

const FIXTURES = 'test/fixtures/pages';

/** A page-shaped fixture through extract and clean, as the engine runs them. */
function run(name: string) {
  const content = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
  const doc: RawDoc = { source: name, format: 'text', content, meta: {} };
  const x = extract(doc);
  if (!x.ok) throw new Error(x.error.reason);
  const c = clean({ text: x.value.text, title: x.value.title, furniture: x.value.furniture });
  return { x: x.value, c, removed: c.removed.map((r) => [r.reason, r.text] as const) };
}

describe('plain-text page heads (page-shaped fixtures)', () => {
  it('breadcrumb: the headline past the navigation line; both leave the text with their reasons', () => {
    const { x, c, removed } = run('breadcrumb');
    expect(x.title).toBe('Ferry service resumes after storm repairs');
    expect(x.titleFrom).toBe('page');
    expect(removed).toEqual([
      ['boilerplate', 'Home / News / Local'],
      ['repeated-title', 'Ferry service resumes after storm repairs'],
    ]);
    expect(c.body.startsWith('The island ferry returned')).toBe(true);
    // Every removal's span points at its text.
    for (const r of c.removed) expect(x.text.slice(r.span[0], r.span[1])).toBe(r.text);
  });

  it('stamp: published and updated times read apart; the stamp line is not the title', () => {
    const { x, c, removed } = run('stamp');
    expect(x.title).toBe('Water rates to rise five percent from July');
    expect(x.publishedAt).toBe('2024-05-14');
    expect(x.updatedAt).toBe('2024-05-15');
    expect(removed[0]).toEqual(['boilerplate', 'Published: 09:15, May 14, 2024 | Updated: 17:40, May 15, 2024']);
    expect(c.body).not.toContain('Updated');
  });

  it('byline: a "By" line is the byline, not the title; no slug and no headline give no title', () => {
    const { x, removed } = run('byline');
    expect(x.byline).toBe('Tom Reilly, Sports Reporter');
    expect(x.title).toBeUndefined();
    expect(removed[0]).toEqual(['byline', 'By Tom Reilly, Sports Reporter']);
  });

  it('credit: a photographer/agency line under the headline is a photo credit', () => {
    const { x, c, removed } = run('credit');
    expect(x.title).toBe('Bees learn to count in new study');
    expect(x.publishedAt).toBe('2024-02-09');
    expect(removed).toContainEqual(['photo-credit', 'Maria Gomez/Science Photo Library']);
    expect(c.body).not.toContain('Maria Gomez');
  });

  it('counter: a slide counter is furniture; the slug gives the title, marked as from the URL', () => {
    const { x, removed } = run('counter');
    expect(removed[0]).toEqual(['boilerplate', '1/8']);
    // The caption under it ends in its credit: a photo caption.
    expect(removed[1]).toEqual([
      'photo-caption',
      'Runners cross the bridge at the start of the city marathon on Sunday. Photo by Lee Park/Metro Herald | License Photo',
    ]);
    expect(x.title).toBe('City marathon draws record field');
    expect(x.titleFrom).toBe('url');
    expect(x.publishedAt).toBe('2023-11-20');
  });

  it('slug only: the text opens with its lede; the title is the slug in words, ids dropped', () => {
    const { x, c } = run('slug-only');
    expect(x.title).toBe('Port authority approves new container terminal plan');
    expect(x.titleFrom).toBe('url');
    expect(c.removed).toEqual([]);
    expect(c.body.startsWith('The port authority on Monday')).toBe(true);
  });

  it('a headline-shaped first line alone in its paragraph stays out of the text, as a title line did before', () => {
    const doc: RawDoc = {
      source: 't',
      format: 'text',
      content: 'Council approves harbour budget\n\nThe council approved the budget on Monday.\n',
      meta: {},
    };
    const x = extract(doc);
    expect(x.ok && x.value.title).toBe('Council approves harbour budget');
    expect(x.ok && x.value.text).toBe('The council approved the budget on Monday.');
  });

  it('a page that is all furniture-shaped is kept whole, not emptied', () => {
    const content = 'The mayor opens the new bridge on Monday. (AP Photo/Jo Bloggs)\n';
    const x = extract({ source: 't', format: 'text', content, meta: {} });
    expect(x.ok && x.value.furniture).toBeUndefined();
    expect(x.ok && x.value.text).toContain('The mayor opens the new bridge');
  });

  it('a headline the slug spells is preferred to a tag line above it', () => {
    const text =
      'Harbour Council Budget Vote\n\nCouncil approves harbour budget after long debate\n\nThe council voted.';
    const h = readPageHead(text, 'https://x.example/2024/01/02/council-approves-harbour-budget/');
    expect(h.title).toBe('Council approves harbour budget after long debate');
  });
});

describe('slugTitle', () => {
  it('turns a slug into words and drops ids, extensions and listing pages', () => {
    expect(slugTitle('https://a.example/news/74875/syria-time-to-shed-light-on-crimes.html')).toBe(
      'Syria time to shed light on crimes',
    );
    expect(slugTitle('https://a.example/nasa-s-dart-hits-asteroid-725733')).toBe("Nasa's dart hits asteroid");
    expect(slugTitle('https://a.example/x/ftx-founder-sentenced-to-25-years-2520518-2024-03-28')).toBe(
      'Ftx founder sentenced to 25 years',
    );
    expect(slugTitle('https://a.example/article/268196')).toBeUndefined();
    expect(slugTitle('https://a.example/?p=57298')).toBeUndefined();
    expect(slugTitle('https://a.example/category/us-coast-guard')).toBeUndefined();
    expect(slugTitle('not a url')).toBeUndefined();
  });
});

describe('recaseFromText', () => {
  it('writes the words of a slug title as the text writes them mid-sentence', () => {
    const text = 'Tesla chief Elon Musk said on Friday that he would end his Twitter deal. Musk said the deal was off.';
    expect(recaseFromText('Elon musk ends twitter deal', text)).toBe('Elon Musk ends Twitter deal');
    // "Tesla" opens the text only (a line start): its case there says nothing.
    expect(recaseFromText('Deal ends for tesla', 'Tesla said so.')).toBe('Deal ends for tesla');
  });
});

describe('dateOfUrl', () => {
  it('reads the common date forms of news URLs', () => {
    expect(dateOfUrl('https://a.example/2022/10/12/story/')).toBe('2022-10-12');
    expect(dateOfUrl('https://a.example/articles/156535/20221012/story.htm')).toBe('2022-10-12');
    expect(dateOfUrl('https://a.example/story-126317-20231215')).toBe('2023-12-15');
    expect(dateOfUrl('https://a.example/26-May-2023/story')).toBe('2023-05-26');
    expect(dateOfUrl('https://web.archive.org/web/20221011183515/https://b.example/2022/10/11/x/index.html')).toBe(
      '2022-10-11',
    );
    expect(dateOfUrl('https://a.example/2022/13/45/x')).toBeUndefined();
    expect(dateOfUrl('https://a.example/news/20231012181147577/x')).toBeUndefined();
  });
});

describe('stripSiteSuffix', () => {
  it('drops the site name after a separator, keeps a dash tail that is part of the headline', () => {
    expect(stripSiteSuffix('Syria accuses US of war crimes | Reuters', [])).toBe('Syria accuses US of war crimes');
    expect(stripSiteSuffix('Water rates to rise - The Hindu', ['www.thehindu.com'])).toBe('Water rates to rise');
    expect(stripSiteSuffix('Title here — BBC News', ['BBC News'])).toBe('Title here');
    expect(stripSiteSuffix('Storm makes landfall - latest updates', ['Coastline News'])).toBe(
      'Storm makes landfall - latest updates',
    );
  });
});
