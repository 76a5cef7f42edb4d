import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { diffArticles } from '../engine/queries.js';
import { SqliteStore } from '../store/sqlite.js';
import { loadStory } from '../engine/queries.js';
import { diffText, storyText } from './text.js';

const dir = mkdtempSync(join(tmpdir(), 'nt-difftext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A long A sentence that B splits in two: both B rows align to it, and it is printed once. */
const LONG =
  'The city council said on Monday that the Old Mill bridge would reopen to traffic next spring, after repairs to two cracked supports that engineers expect to cost about two million euros and to take at least five months of work on the river bed';
const A = `${LONG}.\n\nBuses will be diverted through the town centre until then, the transport office said in a statement.`;
const B =
  'The city council said on Monday that the Old Mill bridge would reopen to traffic next spring. ' +
  'The repairs to two cracked supports that engineers expect to cost about two million euros will take at least five months of work on the river bed.\n\n' +
  'Buses will be diverted through the town centre until then, the transport office said in a statement.';

describe('diffText', () => {
  it('prints an A sentence aligned to several B sentences once', async () => {
    const store = new SqliteStore(join(dir, 'd.db'));
    const r = await new Engine(store).add([
      { source: 'a', format: 'text', content: A, meta: { url: 'https://a.example/1', published: '2024-07-01' } },
      { source: 'b', format: 'text', content: B, meta: { url: 'https://b.example/1', published: '2024-07-02' } },
    ]);
    const d = await diffArticles(store, r.addedIds[0], r.addedIds[1]);
    if ('missing' in d) throw new Error('missing');
    const passages =
      d.relation.from === d.a.id ? d.relation.passages : d.relation.passages.map((p) => ({ ...p, a: p.b, b: p.a }));
    // Several sentences of B are aligned to the one long A sentence.
    const longA = d.a.sentences.find(([s, e]) => d.a.body.slice(s, e).startsWith('The city council'))!;
    const onLong = passages.filter((p) => p.a[0] < longA[1] && longA[0] < p.a[1]);
    const bRows = d.b.sentences.filter(([s, e]) => onLong.some((p) => p.b[0] < e && s < p.b[1]));
    expect(bRows.length).toBeGreaterThan(1);
    const out = diffText(d.a, d.b, passages, { color: false, width: 2000 });
    // The A column: first word of the long sentence appears once in the whole table.
    expect(out.split('\n').filter((l) => l.split('│')[0].includes('The city council')).length).toBe(1);
    expect(out).toContain('〃 (A as above)');
    await store.close();
  });

  it('show gives passage offsets into the article text, as it gives removals', async () => {
    const store = new SqliteStore(join(dir, 's.db'));
    const r = await new Engine(store).add([
      {
        source: 'a',
        format: 'text',
        content: `Follow us on Facebook for more news.\n\n${A}`,
        meta: { url: 'https://a.example/2', published: '2024-07-01' },
      },
      {
        source: 'b',
        format: 'text',
        content: `Click here to subscribe to our newsletter.\n\n${B}`,
        meta: { url: 'https://b.example/2', published: '2024-07-02' },
      },
    ]);
    const a = (await store.getArticle(r.addedIds[0]))!;
    expect(a.removed.length).toBeGreaterThan(0);
    const s = (await loadStory(store, a.storyId))!;
    const out = storyText(s.story, s.articles, { color: false, width: 200 });
    const byId = new Map(s.articles.map((x) => [x.id, x]));
    const rel = s.story.relations[0];
    const lines = out.split('\n').filter((l) => /^\s+(?:= verbatim|~ paraphrase)\s+A\[|^\s+B\[/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const m = /([AB])\[(\d+),(\d+)\) "?(.{0,30})/.exec(l)!;
      const art = byId.get(m[1] === 'A' ? rel.from : rel.to)!;
      // The quoted text, without its quotation marks or the ellipsis of a long one.
      const shown = m[4]
        .replace(/^["“]/, '')
        .replace(/[”"…].*$/, '')
        .slice(0, 20);
      expect(art.text.slice(Number(m[2]), Number(m[3])).slice(0, shown.length)).toBe(shown);
    }
    await store.close();
  });
});
