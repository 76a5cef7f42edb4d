import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { readInputs } from '../../src/ingest/index.js';
import type { RawDoc } from '../../src/model/index.js';
import { lookUpJson } from '../../src/report/lookup.js';
import { originOf, UNNAMED_SOURCE } from '../../src/engine/lookup.js';
import type { Relation } from '../../src/model/index.js';
import type { StoredArticle } from '../../src/store/types.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'nt-lookup-'));
let store: SqliteStore;
let engine: Engine;
const docs: RawDoc[] = [];

beforeAll(async () => {
  for await (const it of readInputs(['examples/raqqa'])) if (it.ok) docs.push(it.doc);
  docs.sort((a, b) => a.source.localeCompare(b.source));
  store = new SqliteStore(join(dir, 'l.db'));
  engine = new Engine(store);
  // The store holds the ministry statement's report (000) and a story of another event.
  await engine.add([docs[0]]);
  await engine.add(readInputs(['test/fixtures/stories/formula-notices']));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const spun = () => docs[1];

describe('Engine.lookUp', () => {
  it('finds the story of the spun copy, its closest version and the common source, and stores nothing', async () => {
    const before = await store.countArticles();
    const r = await engine.lookUp(spun());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const l = r.value;
    const [a000] = await store.getArticles(await store.articleIds());
    expect(l.story?.id).toBe(a000.storyId);
    expect(l.story?.earliest.id).toBe(a000.id);
    expect(l.closest?.article.id).toBe(a000.id);
    expect(l.closest?.relation.kind).toBe('shared-source');
    expect(l.origin).toEqual({ kind: 'outside', name: 'Syrian foreign ministry' });
    // The swapped words, each a span of the texts it names.
    expect(l.spin?.map((w) => w.toText)).toContain('extermination');
    for (const w of l.spin ?? []) expect(l.article.body.slice(w.to[0], w.to[1])).toBe(w.toText);
    // The figures the copy drops, against the version that has them.
    const dropped = l.closest!.facts.dropped.map((f) => a000.body.slice(f.span[0], f.span[1]));
    expect(dropped).toEqual(expect.arrayContaining(['240 civilians', '774 ones']));
    expect(l.article.removed.map((x) => x.reason)).toContain('link-bait');
    expect(l.stored).toBe(false);
    expect(await store.countArticles()).toBe(before);
    expect(await store.hasArticle(l.article.id)).toBe(false);
  });

  it('is the same look-up after the store has been read again (nothing was left behind)', async () => {
    const a = await engine.lookUp(spun());
    const b = await new Engine(store).lookUp(spun());
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(lookUpJson(b.value)).toEqual(lookUpJson(a.value));
  });

  it('names no story for a text no stored article tells, and says why', async () => {
    const r = await engine.lookUp({
      source: 'pasted',
      content:
        'The city council of Harbourton voted on Tuesday to close the old ferry terminal next spring. Councillor ' +
        'Mara Quill said the repairs would cost more than a new pier. The ferry company will move its boats to the ' +
        'north quay, the council said.',
      format: 'text',
      meta: {},
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.story).toBeUndefined();
    expect(r.value.closest).toBeUndefined();
    expect(r.value.membership.by).toBe('founded');
    expect(r.value.membership.evidence.length).toBeGreaterThan(0);
  });

  it('compares a stored article with the others, not with itself', async () => {
    const r = await engine.lookUp(docs[0]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.stored).toBe(true);
    expect(r.value.closest?.article.id).not.toBe(r.value.article.id);
  });

  it('gives the reason for a record it cannot read', async () => {
    const r = await engine.lookUp({ source: 'empty.txt', content: '   \n', format: 'text', meta: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.source).toBe('empty.txt');
  });
});

describe('originOf: where a looked-up text comes from', () => {
  const rel = (from: string, to: string, kind: Relation['kind'], commonSource?: string): Relation => ({
    from,
    to,
    kind,
    commonSource,
    evidence: [],
    passages: [],
    scores: { jaccard: 0, containmentFrom: 0, containmentTo: 0, coverageFrom: 0, coverageTo: 0, topical: 0 },
  });
  const near = { id: 'a2' } as StoredArticle;
  const first = { id: 'a0' } as StoredArticle;

  it('follows the copies back from the closest version to the stored original', () => {
    const story = [rel('a0', 'a1', 'copy'), rel('a1', 'a2', 'copy')];
    expect(originOf(rel('a2', 'x', 'copy'), near, story, first)).toEqual({
      kind: 'article',
      id: 'a0',
      chain: ['a0', 'a1', 'a2'],
    });
  });

  it('names the outside source a copy in the chain shares, or says it is unnamed', () => {
    const story = [rel('a1', 'a2', 'copy'), rel('a1', 'a5', 'shared-source', 'AP')];
    expect(originOf(rel('a2', 'x', 'copy'), near, story, first)).toEqual({ kind: 'outside', name: 'AP', via: 'a1' });
    expect(originOf(rel('a2', 'x', 'shared-source'), near, [], first)).toEqual({
      kind: 'outside',
      name: UNNAMED_SOURCE,
    });
    expect(originOf(rel('a2', 'x', 'shared-source', 'Reuters'), near, story, first)).toEqual({
      kind: 'outside',
      name: 'Reuters',
    });
  });

  it('is the text itself when the stored version copies it, and the first report when nothing is reproduced', () => {
    expect(originOf(rel('x', 'a2', 'copy'), near, [], first)).toEqual({ kind: 'this-text', copiedBy: 'a2' });
    expect(originOf(rel('a2', 'x', 'same-event'), near, [], first)).toEqual({ kind: 'first-report', id: 'a0' });
  });
});
