import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/model/index.js';
import { scanStories } from '../../src/server/search.js';
import { LEDE_CHARS, type Store, type StoredArticle, type StoryFilter } from '../../src/store/types.js';

/** A stored article numbered `n` in `storyId`, with every field set (what the conformance suite stores). */
export const storedArticle = (n: number, storyId: string, extra: Partial<StoredArticle> = {}): StoredArticle => ({
  id: `a${n}`,
  seq: n,
  source: `in/${n}.txt`,
  outlet: n % 2 ? 'wire' : 'paper',
  title: `Title ${n}`,
  publishedAt: `2022-04-${String(10 + n).padStart(2, '0')}`,
  raw: { source: `in/${n}.txt`, format: 'text', content: `raw ${n}`, meta: {} },
  text: `Text ${n}.`,
  body: `Body ${n} about the ministry statement.`,
  kept: [[0, 8]],
  removed: [{ text: 'READ MORE: x', reason: 'link-bait', span: [9, 21] }],
  sentences: [[0, 8]],
  facts: [],
  shingles: Uint32Array.from([n, 100, 200]),
  signature: Uint32Array.from([1, 2, 3, n]),
  terms: Uint32Array.from([5, 6, 7 + n]),
  weights: Float32Array.from([0.5, 0.5, 0.7]),
  cues: {
    figures: Uint32Array.from([0x80000000 + n]),
    eventTime: {
      lo: 19000 + n - 14,
      hi: 19000 + n,
      day: 19000 + n,
      basis: 'published',
      confidence: 0.9,
      years: [2022],
      evidence: [[0, 4]],
    },
  },
  storyId,
  membership: { score: 0.8, by: 'joined', closest: { id: 'a0', score: 0.9 }, evidence: ['close'] },
  ...extra,
});

/**
 * The one test suite every Store implementation must pass, so that they give identical results on the same input.
 * `factory` returns a fresh, empty store; `reopen` (where the store is durable) opens the same store again.
 */
export function storeConformance(
  name: string,
  factory: () => Promise<{ store: Store; reopen?: () => Promise<Store>; cleanup?: () => Promise<void> }>,
): void {
  /** `test` on a fresh store, closed and cleaned up after it whatever happens. */
  const withStore = async (test: (store: Store) => Promise<void>): Promise<void> => {
    const { store, cleanup } = await factory();
    try {
      await test(store);
    } finally {
      await store.close();
      await cleanup?.();
    }
  };
  const article = storedArticle;
  const relation = (from: string, to: string): Relation => ({
    from,
    to,
    kind: 'copy',
    evidence: ['because'],
    scores: {
      jaccard: 0.5,
      containmentFrom: 0.6,
      containmentTo: 0.7,
      coverageFrom: 0.8,
      coverageTo: 0.9,
      topical: 0.4,
    },
    passages: [{ a: [0, 4], b: [0, 4], kind: 'verbatim', score: 1 }],
  });

  describe(`Store conformance: ${name}`, () => {
    it('stores an article and gives it back unchanged, typed arrays included', async () => {
      await withStore(async (store) => {
        const a = article(1, 's1');
        await store.transaction(async () => store.putArticle(a, Uint32Array.from([11, 12]), Uint32Array.from([5])));
        expect(await store.hasArticle('a1')).toBe(true);
        expect(await store.hasArticle('a2')).toBe(false);
        const back = await store.getArticle('a1');
        expect(back).toEqual(a);
        expect(back?.shingles).toBeInstanceOf(Uint32Array);
        expect(await store.countArticles()).toBe(1);
        expect(await store.nextSeq()).toBe(2);
        // What alignment reads: the same fields, in the order asked, unknown ids left out.
        const { id, seq, publishedAt, body, sentences, facts, shingles, outlet, cues } = a;
        expect(await store.getAlignable(['zz', 'a1'])).toEqual([
          { id, seq, publishedAt, body, sentences, facts, shingles, outlet, cues },
        ]);
        // What the scorer reads with the sketch: the cues, typed arrays included.
        const [sk] = await store.getSketches(['a1']);
        expect(sk.cues).toEqual(a.cues);
        expect(sk.cues.figures).toBeInstanceOf(Uint32Array);
      });
    });

    it('finds candidates by band key and by shared terms, and counts document frequencies', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1'), Uint32Array.from([11, 12]), Uint32Array.from([5, 6]));
          await store.putArticle(article(2, 's2'), Uint32Array.from([12, 13]), Uint32Array.from([6]));
          await store.putArticle(article(3, 's3'), Uint32Array.from([14]), Uint32Array.from([9]));
        });
        expect((await store.bandCandidates(Uint32Array.from([12]))).sort()).toEqual(['a1', 'a2']);
        expect(await store.bandCandidates(Uint32Array.from([99]))).toEqual([]);
        // a1 shares two posting terms, a2 one: most shared first
        expect(await store.termCandidates(Uint32Array.from([5, 6]), 10)).toEqual(['a1', 'a2']);
        expect(await store.termCandidates(Uint32Array.from([5, 6]), 1)).toEqual(['a1']);
        expect(Array.from(await store.documentFrequencies(Uint32Array.from([5, 8, 10, 42])))).toEqual([3, 1, 1, 0]);
      });
    });

    it('forgets a rolled-back batch in every look-up, even after reading it inside the batch', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1'), Uint32Array.from([11]), Uint32Array.from([5]));
        });
        await expect(
          store.transaction(async () => {
            await store.putArticle(article(2, 's2'), Uint32Array.from([11]), Uint32Array.from([5]));
            // Read inside the batch, as the engine does for the next article of the batch.
            expect(Array.from(await store.documentFrequencies(Uint32Array.from([5])))).toEqual([2]);
            expect(await store.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a2', 'a1']);
            expect((await store.getSketches(['a2'])).map((k) => k.id)).toEqual(['a2']);
            await store.mergeStories('s1', 's2');
            throw new Error('the batch fails');
          }),
        ).rejects.toThrow('the batch fails');
        expect(Array.from(await store.documentFrequencies(Uint32Array.from([5, 9])))).toEqual([1, 0]);
        expect(await store.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a1']);
        expect(await store.bandCandidates(Uint32Array.from([11]))).toEqual(['a1']);
        expect(await store.getSketches(['a1', 'a2'])).toMatchObject([{ id: 'a1', storyId: 's1' }]);
        // The rolled-back seq goes to the next article, which the look-ups then name.
        await store.transaction(async () => {
          await store.putArticle(article(3, 's3', { seq: 2 }), Uint32Array.from([11]), Uint32Array.from([5]));
        });
        expect(await store.termCandidates(Uint32Array.from([5]), 10)).toEqual(['a3', 'a1']);
        expect((await store.bandCandidates(Uint32Array.from([11]))).sort()).toEqual(['a1', 'a3']);
      });
    });

    it('moves one article to another story, with its membership, relations, summaries and the change log', async () => {
      await withStore(async (store) => {
        const moved = { score: 0.7, by: 'moved' as const, evidence: ['split off'] };
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(2, 's1'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(3, 's1'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(4, 's4'), new Uint32Array(), new Uint32Array());
          await store.putRelation('s1', relation('a1', 'a2'));
          await store.putRelation('s1', relation('a2', 'a3'));
          expect(await store.getSketches(['a2'])).toMatchObject([{ storyId: 's1' }]);
          await store.moveArticle('a2', 's4', moved);
          await store.putStoryChange({
            at: '2024-01-01T00:00:00Z',
            kind: 'moved',
            articleId: 'a2',
            from: 's1',
            to: 's4',
            cause: 'a4',
            score: 0.7,
          });
        });
        expect(await store.getSketches(['a2'])).toMatchObject([{ storyId: 's4' }]);
        expect((await store.getArticle('a2'))?.membership).toEqual(moved);
        const s1 = (await store.getStory('s1'))!;
        expect(s1.articles).toEqual(['a1', 'a3']);
        // Its relations with the story it left went with the move.
        expect(s1.relations).toEqual([]);
        const s4 = (await store.getStory('s4'))!;
        expect(s4.articles.sort()).toEqual(['a2', 'a4']);
        expect(s4.changes).toMatchObject([{ kind: 'moved', articleId: 'a2', from: 's1', to: 's4' }]);
        expect(s1.changes).toHaveLength(1);
        expect(await store.storySize('s1')).toBe(2);
        expect(await store.storySize('s4')).toBe(2);
        expect(await store.storyArticleIds('s1', 10)).toEqual(['a1', 'a3']);
        expect(await store.storyArticleIds('s4', 1)).toEqual(['a2']);
        // The last article moved out of a story leaves no story behind.
        await store.transaction(async () => {
          await store.moveArticle('a1', 's4', moved);
          await store.moveArticle('a3', 's4', moved);
        });
        expect(await store.getStory('s1')).toBeUndefined();
        expect(await store.storySize('s4')).toBe(4);
      });
    });

    it('gives sketches the story their article is in after a merge, read before it or not', async () => {
      const { store, reopen, cleanup } = await factory();
      try {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(2, 's2'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(3, 's3'), new Uint32Array(), new Uint32Array());
          expect((await store.getSketches(['a1', 'a2', 'a3'])).map((k) => k.storyId)).toEqual(['s1', 's2', 's3']);
          await store.mergeStories('s2', 's1');
          await store.mergeStories('s1', 's3');
        });
        expect((await store.getSketches(['a3', 'a2', 'a1'])).map((k) => [k.id, k.storyId])).toEqual([
          ['a3', 's3'],
          ['a2', 's3'],
          ['a1', 's3'],
        ]);
        // Each keeps the story it was first put in, also when read again from the store.
        const again = reopen ? await reopen() : store;
        try {
          expect((await again.getSketches(['a3', 'a2', 'a1'])).map((k) => [k.id, k.originStoryId])).toEqual([
            ['a3', 's3'],
            ['a2', 's2'],
            ['a1', 's1'],
          ]);
        } finally {
          if (again !== store) await again.close();
        }
      } finally {
        await store.close();
        await cleanup?.();
      }
    });

    it('names a story by its most central titled member, earliest first; by a lede when none has a title', async () => {
      await withStore(async (store) => {
        const off = { terms: Uint32Array.from([50, 51, 52]), weights: Float32Array.from([1, 1, 1]) };
        const on = (k: number) => ({
          terms: Uint32Array.from([5, 6, 7, 100 + k]),
          weights: Float32Array.from([1, 1, 1, 1]),
        });
        await store.transaction(async () => {
          await store.putArticle(
            article(1, 's1', { title: undefined, body: 'Floods hit the valley on Monday. More rain is due.' }),
            new Uint32Array(),
            new Uint32Array(),
          );
          await store.refreshStory('s1');
        });
        expect(await store.listStories()).toMatchObject([{ id: 's1', title: 'Floods hit the valley on Monday' }]);
        await store.transaction(async () => {
          // The earliest titled member is off the story's centre; the later ones tell the story.
          await store.putArticle(article(2, 's1', { title: 'Aside', ...off }), new Uint32Array(), new Uint32Array());
          for (const n of [3, 4, 5])
            await store.putArticle(article(n, 's1', on(n)), new Uint32Array(), new Uint32Array());
          await store.refreshStory('s1');
        });
        expect(await store.listStories()).toMatchObject([{ id: 's1', articles: 5, title: 'Title 3' }]);
      });
    });

    it('outlines stories for a list: outlet names, and the start of the naming article’s text', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1', { title: undefined }), new Uint32Array(), new Uint32Array());
          await store.putArticle(
            article(2, 's1', { body: `Body 2 ${'word '.repeat(200)}` }),
            new Uint32Array(),
            new Uint32Array(),
          );
          await store.putArticle(article(3, 's1', { outlet: 'wire' }), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(4, 's2', { outlet: undefined }), new Uint32Array(), new Uint32Array());
          await store.putArticle(
            article(5, 's1', { publishedAt: '2022-04-13T18:30:00.000Z' }),
            new Uint32Array(),
            new Uint32Array(),
          );
          await store.putArticle(article(6, 's1', { publishedAt: undefined }), new Uint32Array(), new Uint32Array());
          await store.refreshStory('s1');
          await store.refreshStory('s2');
        });
        const [s1] = await store.listStories({ limit: 1 });
        const outlines = await store.storyOutlines(['s2', 'nope', 's1'], 5);
        expect(outlines.map((o) => o.id)).toEqual(['s2', 's1']);
        // An article without an outlet is named by its source.
        expect(outlines[0]).toEqual({
          id: 's2',
          outletNames: ['in/4.txt'],
          lede: 'Body 4 about the ministry statement.',
          languages: [],
          days: [{ day: '2022-04-14', articles: 1 }],
        });
        // Dated articles per day, a date and a timestamp of one day counted together, the undated left out.
        expect(outlines[1].days).toEqual([
          { day: '2022-04-11', articles: 1 },
          { day: '2022-04-12', articles: 1 },
          { day: '2022-04-13', articles: 2 },
        ]);
        expect(outlines[1].outletNames).toEqual(['paper', 'wire']);
        const naming = s1.title === 'Title 2' ? 'Body 2 word' : `Body ${s1.title?.slice(-1)} about`;
        expect(outlines[1].lede?.startsWith(naming), `${s1.title}: ${outlines[1].lede}`).toBe(true);
        expect(outlines[1].lede!.length).toBeLessThanOrEqual(LEDE_CHARS);
        expect((await store.storyOutlines(['s1'], 1))[0].outletNames).toHaveLength(1);
      });
    });

    it('keeps each story’s languages through merges and moves', async () => {
      await withStore(async (store) => {
        const lang = (n: number, storyId: string, language: string) =>
          article(n, storyId, { cues: { ...article(n, storyId).cues, language } });
        await store.transaction(async () => {
          await store.putArticle(lang(1, 's1', 'eng'), new Uint32Array(), new Uint32Array());
          await store.putArticle(lang(2, 's1', 'fra'), new Uint32Array(), new Uint32Array());
          await store.putArticle(lang(3, 's3', 'deu'), new Uint32Array(), new Uint32Array());
          await store.putArticle(lang(4, 's3', 'und'), new Uint32Array(), new Uint32Array());
          for (const id of ['s1', 's3']) await store.refreshStory(id);
        });
        const languages = async (id: string) => (await store.storyOutlines([id], 5))[0]?.languages;
        expect(await languages('s1')).toEqual(['eng', 'fra']);
        // "und" (too short to tell) is no language.
        expect(await languages('s3')).toEqual(['deu']);
        await store.transaction(async () => {
          await store.mergeStories('s3', 's1');
          await store.refreshStory('s1');
        });
        expect(await languages('s1')).toEqual(['deu', 'eng', 'fra']);
        await store.transaction(async () => {
          await store.moveArticle('a2', 's9', { score: 0.9, by: 'moved', evidence: [] });
          await store.refreshStory('s1');
          await store.refreshStory('s9');
        });
        expect(await languages('s1')).toEqual(['deu', 'eng']);
        expect(await languages('s9')).toEqual(['fra']);
      });
    });

    it('finds stories by words, outlet, dates, entity and language as a scan of every article does', async () => {
      await withStore(async (store) => {
        if (!store.findStories) return;
        const entity = (canonical: string) =>
          ({ kind: 'place', text: canonical, span: [0, 1], sentence: 0, value: { canonical } }) as never;
        const put = (n: number, storyId: string, extra: Partial<StoredArticle>) =>
          store.putArticle(article(n, storyId, extra), new Uint32Array(), new Uint32Array());
        await store.transaction(async () => {
          await put(1, 's1', { title: 'Ministry accuses coalition', body: 'Crimes in Raqqa, the Ministère said.' });
          await put(2, 's1', { outlet: 'Harbour NEWS', facts: [entity('Syria')], body: 'Le pont fermé à Évreux.' });
          await put(3, 's2', {
            publishedAt: undefined,
            body: 'Bridge closed; COVID19 tests at the Ḱiosk.',
            cues: { ...article(3, 's2').cues, language: 'fra' },
          });
          await put(4, 's3', { title: undefined, body: 'The council met. Raqqa was not named.', facts: [] });
          for (const id of ['s1', 's2', 's3']) await store.refreshStory(id);
        });
        const filters: StoryFilter[] = [
          { text: 'raqqa' },
          { text: 'RAQ minis' },
          { text: 'ministere' },
          { text: 'evreux pont' },
          { text: 'covid19 kiosk' },
          { text: 'covid 19' },
          { text: 'raqqa', limit: 1 },
          { text: 'raqqa', limit: 1, offset: 1 },
          { text: "coalition's" },
          { text: 'zzzz' },
          { outlet: 'harbour news' },
          { from: '2022-04-12' },
          { to: '2022-04-11', text: 'raqqa' },
          { entity: 'syr' },
          { language: 'fra' },
          { language: 'fra', text: 'bridge' },
        ];
        for (const f of filters)
          expect(await store.findStories(f), JSON.stringify(f)).toEqual(await scanStories(store, f));
        expect((await store.findStories({ text: 'raqqa' })).map((x) => x.id).sort()).toEqual(['s1', 's3']);
        expect((await store.findStories({ text: 'evreux' })).map((x) => x.id)).toEqual(['s1']);
      });
    });

    it('names a story by its earliest article that has a title when its members are alike', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1', { title: undefined }), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(3, 's1', { publishedAt: undefined }), new Uint32Array(), new Uint32Array());
          await store.refreshStory('s1');
        });
        expect(await store.listStories()).toMatchObject([{ id: 's1', articles: 2, title: 'Title 3' }]);
        await store.transaction(async () => {
          await store.putArticle(article(2, 's1'), new Uint32Array(), new Uint32Array());
          await store.refreshStory('s1');
        });
        expect(await store.listStories()).toMatchObject([{ id: 's1', articles: 3, title: 'Title 2' }]);
      });
    });

    it('keeps stories, relations and merges consistent', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(2, 's2'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(1, 's1'), new Uint32Array(), new Uint32Array());
          await store.refreshStory('s1');
          await store.refreshStory('s2');
          await store.putRelation('s1', relation('a1', 'a2'));
          await store.mergeStories('s2', 's1');
        });
        expect(await store.getStory('s2')).toBeUndefined();
        expect(await store.storySize('s1')).toBe(2);
        expect(await store.storySize('s2')).toBe(0);
        const s = await store.getStory('s1');
        // publication order, not arrival order
        expect(s?.articles).toEqual(['a1', 'a2']);
        expect(s?.relations).toEqual([relation('a1', 'a2')]);
        expect(await store.storyEarliest('s1')).toBe('a1');
        expect(await store.storyEarliest('s2')).toBeUndefined();
        const list = await store.listStories();
        expect(list).toEqual([
          { id: 's1', articles: 2, outlets: 2, firstSeen: '2022-04-11', lastSeen: '2022-04-12', title: 'Title 1' },
        ]);
        // A page of the story: every member still listed, only the relations between the page's articles.
        expect(await store.getStory('s1', { offset: 0, limit: 2 })).toMatchObject({
          articles: ['a1', 'a2'],
          relations: [relation('a1', 'a2')],
        });
        expect(await store.getStory('s1', { offset: 1, limit: 1 })).toMatchObject({
          articles: ['a1', 'a2'],
          relations: [],
        });
        const sk = await store.getSketches(['a2', 'zz']);
        expect(sk.map((x) => [x.id, x.storyId])).toEqual([['a2', 's1']]);
      });
    });

    it("gives a story's first and last seen in one form: timestamps where any member has a time", async () => {
      await withStore(async (store) => {
        const put = (n: number, storyId: string, publishedAt: string) =>
          store.putArticle(article(n, storyId, { publishedAt }), new Uint32Array(), new Uint32Array());
        await store.transaction(async () => {
          // s1: a plain date on the day of the earliest timestamp, a timestamp in the middle, a plain date last.
          await put(1, 's1', '2022-04-11');
          await put(2, 's1', '2022-04-11T09:30:00.000Z');
          await put(3, 's1', '2022-04-12T18:00:00.000Z');
          await put(4, 's1', '2022-04-13');
          // s2: only a middle member has a time; s3: plain dates only.
          await put(5, 's2', '2022-04-01');
          await put(6, 's2', '2022-04-02T07:00:00.000Z');
          await put(7, 's2', '2022-04-03');
          await put(8, 's3', '2022-05-01');
          await put(9, 's3', '2022-05-02');
          for (const id of ['s1', 's2', 's3']) await store.refreshStory(id);
        });
        const seen = Object.fromEntries((await store.listStories()).map((s) => [s.id, [s.firstSeen, s.lastSeen]]));
        expect(seen).toEqual({
          s1: ['2022-04-11T09:30:00.000Z', '2022-04-13T00:00:00.000Z'],
          s2: ['2022-04-01T00:00:00.000Z', '2022-04-03T00:00:00.000Z'],
          s3: ['2022-05-01', '2022-05-02'],
        });
        expect((await store.getStory('s1'))?.firstSeen).toBe('2022-04-11T09:30:00.000Z');
        expect((await store.getStory('s2'))?.firstSeen).toBe('2022-04-01T00:00:00.000Z');
        expect((await store.getStory('s3'))?.firstSeen).toBe('2022-05-01');
      });
    });

    it('rolls a failed transaction back whole: nothing half-written', async () => {
      const { store, reopen, cleanup } = await factory();
      let s = store;
      try {
        await s.transaction(async () => s.putArticle(article(1, 's1'), Uint32Array.from([1]), Uint32Array.from([5])));
        await expect(
          s.transaction(async () => {
            await s.putArticle(article(2, 's2'), Uint32Array.from([1]), Uint32Array.from([5]));
            throw new Error('crash mid-batch');
          }),
        ).rejects.toThrow('crash mid-batch');
        if (reopen) {
          await s.close();
          s = await reopen();
        }
        expect(await s.hasArticle('a1')).toBe(true);
        expect(await s.hasArticle('a2')).toBe(false);
        expect(await s.bandCandidates(Uint32Array.from([1]))).toEqual(['a1']);
        expect(Array.from(await s.documentFrequencies(Uint32Array.from([5])))).toEqual([1]);
      } finally {
        await s.close();
        await cleanup?.();
      }
    });

    it('refuses a second article with the same id and keeps raw input pages in arrival order', async () => {
      await withStore(async (store) => {
        await store.transaction(async () => {
          await store.putArticle(article(1, 's1'), new Uint32Array(), new Uint32Array());
          await store.putArticle(article(2, 's1'), new Uint32Array(), new Uint32Array());
        });
        await expect(
          store.transaction(async () => store.putArticle(article(1, 's1'), new Uint32Array(), new Uint32Array())),
        ).rejects.toThrow();
        const page1 = await store.rawDocs(0, 1);
        const page2 = await store.rawDocs(page1[0].seq, 5);
        expect([...page1, ...page2].map((r) => r.raw.content)).toEqual(['raw 1', 'raw 2']);
        await store.putError({ source: 'x.jsonl#L3', reason: 'bad JSON', at: '2026-01-01T00:00:00Z' });
        expect(await store.listErrors()).toEqual([
          { source: 'x.jsonl#L3', reason: 'bad JSON', at: '2026-01-01T00:00:00Z' },
        ]);
      });
    });
  });
}
