import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { diffArticles } from '../engine/queries.js';
import { SqliteStore } from '../store/sqlite.js';
import { diffText } from './text.js';

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
});
