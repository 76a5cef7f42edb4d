import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/json.js';
import type { LookUpJson } from '../../src/report/lookup.js';

/** The command line as users run it: the built bin, a real store file, real input files. */
const BIN = 'dist/cli/bin.js';
const dir = mkdtempSync(join(tmpdir(), 'nt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], db = join(dir, 'cli.db')) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('newstrace analyze examples/raqqa', () => {
  const db = join(dir, 'raqqa.db');
  const first = run(['analyze', 'examples/raqqa', '--json'], db);
  const report = JSON.parse(first.out || '{}') as ReportJson;
  const story = report.stories?.[0];
  const a000 = story?.articles.find((a) => a.source.includes('000_'));
  const a001 = story?.articles.find((a) => a.source.includes('001_'));

  it('reports one story of the two articles, in time order, with no errors', () => {
    expect(first.code, first.err).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.stories).toHaveLength(1);
    expect(story.articles).toHaveLength(2);
    expect(a000?.publishedAt).toBe('2022-04-19');
    expect(story.articles[0].id).toBe(a000?.id); // dated first, undated after
  });

  it('calls them siblings of a common source, the Syrian foreign ministry, not copies', () => {
    expect(story.relations).toHaveLength(1);
    const rel = story.relations[0];
    expect(rel.kind).toBe('shared-source');
    expect(rel.commonSource).toMatch(/foreign/i);
    expect(rel.commonSource).toMatch(/ministry/i);
    expect(rel.evidence.join(' ')).toMatch(/both attribute it to Syrian foreign ministry/);
    expect(rel.evidence.join(' ')).toMatch(/neither outlet copied the other/);
    // 001 is a machine-spun version: the swapped words are flagged, each with its span in both texts.
    const swapped = rel.spin!.map((w) => w.toText);
    expect(swapped).toContain('extermination');
    const to = story.articles.find((a) => a.id === rel.to)!;
    for (const w of rel.spin!) expect(to.text.slice(w.to[0], w.to[1])).toBe(w.toText);
  });

  it('aligns the near-verbatim and the paraphrased passages with spans into each text', () => {
    const rel = story.relations[0];
    const [fromA, toA] = rel.from === a000?.id ? [a000, a001] : [a001, a000];
    const texts = rel.passages.map((p) => ({
      kind: p.kind,
      from: fromA!.text.slice(p.a[0], p.a[1]),
      to: toA!.text.slice(p.b[0], p.b[1]),
    }));
    const side = (t: { from: string; to: string }) => (rel.from === a000?.id ? t.from : t.to);
    // "governments of states that were involved with 'the International Coalition' the political, moral …" against
    // "… involved in the US-led coalitions the political, moral …": verbatim runs around the changed words, and the
    // change itself a substitution with both sides' words.
    const verbatim = texts.find((t) => t.kind === 'verbatim' && /political, moral/.test(side(t)));
    expect(verbatim, JSON.stringify(texts, null, 1)).toBeDefined();
    const words = (x: string) =>
      x
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu)
        ?.join(' ');
    for (const t of texts.filter((x) => x.kind === 'verbatim')) expect(words(t.from)).toBe(words(t.to));
    const changed = texts.find((t) => t.kind === 'substitution' && /International Coalition/.test(side(t)));
    expect(changed, JSON.stringify(texts, null, 1)).toBeDefined();
    expect(rel.from === a000?.id ? changed!.to : changed!.from).toMatch(/US-led coalitions/);
    const para = texts
      .filter((t) => t.kind === 'paraphrase')
      .map(side)
      .join(' | ');
    expect(para).toMatch(/June and October/);
    expect(para).toMatch(/crimes against humanity/);
  });

  it('lists the captions, credit, link bait and repeated title of 001 as removed noise, and its dateline', () => {
    const removed = a001!.removed;
    const by = (reason: string) => removed.filter((r) => r.reason === reason).map((r) => r.text);
    expect(by('photo-caption')).toHaveLength(2);
    expect(by('photo-caption').join(' ')).toMatch(/This picture taken on October 16, 2017/);
    expect(by('photo-caption').join(' ')).toMatch(/This Sept 5, 2017 shows smoke/);
    expect(by('photo-credit').join(' ')).toMatch(/DELIL SOULEIMAN AFP/);
    expect(by('link-bait').join(' ')).toMatch(/READ MORE:/);
    expect(by('link-bait').join(' ')).toMatch(/ALSO READ:/);
    expect(by('repeated-title')).toHaveLength(1);
    expect(a001!.dateline).toBe('DAMASCUS');
    for (const r of removed) expect(a001!.text.slice(r.span[0], r.span[1])).toBe(r.text);
    expect(a000!.removed).toEqual([]);
  });

  it('adds nothing twice when run again', () => {
    const again = run(['add', 'examples/raqqa', '--json'], db);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, skipped: 2 });
    const list = JSON.parse(run(['stories', '--json'], db).out) as { stories: Array<{ articles: number }> };
    expect(list.stories).toHaveLength(1);
  });

  it('shows the story and a side-by-side diff in the terminal', () => {
    const show = run(['show', story.id], db);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/shared-source/);
    expect(show.out).toMatch(/removed photo-caption/);
    const diff = run(['diff', a000!.id, a001!.id], db);
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/│/);
    expect(diff.out).toMatch(/^.*=│/m);
    expect(diff.out).toMatch(/^.*~│/m);
    expect(diff.out).toMatch(/removed \(photo-credit\)/);
    // --json: the view GET /api/diff gives, passages as A → B (spans in each article's text) included.
    const json = JSON.parse(run(['diff', a000!.id, a001!.id, '--json'], db).out) as {
      a: { id: string; text: string };
      b: { id: string; text: string };
      relation: { kind: string };
      passages: Array<{ a: [number, number]; b: [number, number]; kind: string }>;
    };
    expect(Object.keys(json).sort()).toEqual(['a', 'b', 'facts', 'passages', 'relation']);
    expect(json.a.id).toBe(a000!.id);
    const verbatim = json.passages.find((p) => p.kind === 'verbatim')!;
    expect(json.a.text.slice(...verbatim.a)).toBe(json.b.text.slice(...verbatim.b));
  });
});

describe('bad input', () => {
  it('reports each bad record with its source and reason, stores the rest, exits 3', () => {
    const db = join(dir, 'mixed.db');
    const r = run(['add', 'test/fixtures/cli/mixed', '--json'], db);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.out) as { added: number; errors: Array<{ source: string; reason: string }> };
    expect(out.added).toBe(1);
    const sources = out.errors.map((e) => e.source).sort();
    expect(sources).toEqual(
      [
        'test/fixtures/cli/mixed/broken.txt',
        'test/fixtures/cli/mixed/empty.txt',
        'test/fixtures/cli/mixed/records.jsonl#L2',
        'test/fixtures/cli/mixed/records.jsonl#L3',
      ].sort(),
    );
    for (const e of out.errors) expect(e.reason.length).toBeGreaterThan(10);
  });

  it('names a missing story and exits non-zero', () => {
    const r = run(['show', 'nope'], join(dir, 'mixed.db'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no story nope/);
  });

  it('rejects a missing input path with a clear error', () => {
    const r = run(['add', 'no/such/file.txt', '--json'], join(dir, 'missing.db'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/no\/such\/file\.txt/);
  });
});

describe('newstrace add --threads', () => {
  it('stores the same stories, relations and errors with the per-article stages on a worker thread', () => {
    const inputs = ['examples/raqqa', 'test/fixtures/stories', 'test/fixtures/cli/mixed'];
    const report = (threads: string) => {
      const db = join(dir, `threads-${threads}.db`);
      const add = run(['add', ...inputs, '--threads', threads, '--json'], db);
      expect(add.code, add.err).toBe(3); // the mixed folder holds bad records
      const out = JSON.parse(add.out) as { articles: string[]; errors: unknown[] };
      const shown = run(['analyze', ...inputs, '--json'], db);
      const r = JSON.parse(shown.out) as ReportJson;
      return { errors: out.errors, stories: r.stories.map((s) => [s.articles.map((a) => a.id), s.relations]) };
    };
    const one = report('0');
    expect(one.stories.length).toBeGreaterThan(3);
    expect(report('1')).toEqual(one);
  });

  it('rejects a thread count that is not a whole number', () => {
    const r = run(['add', 'examples/raqqa', '--threads', 'two'], join(dir, 'threads-bad.db'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/whole number/);
  });
});

describe('newstrace lookup', () => {
  const db = join(dir, 'lookup.db');
  const spun = 'examples/raqqa/001_7c7eab2b7c111950.txt';

  it('refuses a store that does not exist rather than creating one', () => {
    const r = run(['lookup', spun], join(dir, 'no-store.db'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no-store\.db/);
    expect(existsSync(join(dir, 'no-store.db'))).toBe(false);
  });

  it('tells the story, origin, closest version and fact changes of a text, and stores nothing', () => {
    expect(run(['add', 'examples/raqqa/000_42714ab1c9b3c169.txt'], db).code).toBe(0);
    const r = run(['lookup', spun], db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Origin: Syrian foreign ministry/);
    expect(r.out).toMatch(/relation: shared-source \(machine-spun\)/);
    expect(r.out).toMatch(/swapped words: .*killing → extermination/);
    expect(r.out).toMatch(/dropped quantity\s+240 civilian/);
    const json = JSON.parse(run(['lookup', spun, '--json'], db).out) as { lookups: LookUpJson[]; errors: unknown[] };
    expect(json.errors).toEqual([]);
    expect(json.lookups[0].story?.size).toBe(1);
    expect(json.lookups[0].origin).toEqual({ kind: 'outside', name: 'Syrian foreign ministry' });
    const stories = JSON.parse(run(['stories', '--json'], db).out) as { stories: Array<{ articles: number }> };
    expect(stories.stories.map((s) => s.articles)).toEqual([1]);
  });

  it('reads standard input, and stores the text with --add', () => {
    const r = spawnSync(process.execPath, [BIN, 'lookup', '-', '--add', '--db', db], {
      encoding: 'utf8',
      input: readFileSync(spun, 'utf8'),
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Origin: Syrian foreign ministry/);
    expect(r.stderr).toMatch(/1 added/);
    const stories = JSON.parse(run(['stories', '--json'], db).out) as { stories: Array<{ articles: number }> };
    expect(stories.stories.map((s) => s.articles)).toEqual([2]);
  });
});
