import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDocs } from '../../src/api.js';
import type { RawDoc } from '../../src/model/index.js';

/**
 * Story-level behaviour on real-shaped article families: copies, trimmed reprints, siblings of a common source,
 * independent reports of one event, same-topic reports of different events, unrelated news, and one event reported in
 * four languages (a wire's English story, its French translation, independent German and Spanish reports) beside
 * another event of the same port in two, and two steps of one saga (a submersible missing, then its debris found, on a
 * day after the first reports were published).
 */
interface Expected {
  stories: string[][];
  relations: Array<{ from: string; to: string; kind: string; commonSourceMatches?: string }>;
}

const root = 'test/fixtures/stories';

function load(dir: string): RawDoc[] {
  return readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = JSON.parse(line) as Record<string, string>;
      return {
        source: r.id,
        format: 'text',
        content: r.text,
        meta: { id: r.id, url: r.url, outlet: r.outlet, title: r.title, published: r.published },
      };
    });
}

describe('stories on fixture families', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = join(root, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const report = await analyzeDocs(load(dir));
      expect(report.errors).toEqual([]);
      const bySource = new Map<string, string>();
      const stories = report.stories.map((s) =>
        s.articles.map((a) => {
          bySource.set(a.id, a.source);
          return a.source;
        }),
      );
      const norm = (xs: string[][]) => xs.map((x) => [...x].sort()).sort((a, b) => a[0].localeCompare(b[0]));
      expect(norm(stories)).toEqual(norm(expected.stories));
      const relations = report.stories.flatMap((s) => s.relations);
      for (const want of expected.relations) {
        const got = relations.find(
          (r) =>
            (bySource.get(r.from) === want.from && bySource.get(r.to) === want.to) ||
            (want.kind !== 'copy' &&
              want.kind !== 'translation' &&
              bySource.get(r.from) === want.to &&
              bySource.get(r.to) === want.from),
        );
        expect(got, `relation ${want.from} → ${want.to}`).toBeDefined();
        expect(got?.kind, JSON.stringify(got?.evidence)).toBe(want.kind);
        if (want.commonSourceMatches)
          expect(got?.commonSource ?? '').toMatch(new RegExp(want.commonSourceMatches, 'i'));
        // Every relation carries checkable evidence.
        expect(got?.evidence.length).toBeGreaterThan(0);
      }
      if (expected.relations.length === 0) expect(relations).toEqual([]);
    });
  }
});
