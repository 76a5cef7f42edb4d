import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { SqliteStore } from '../store/sqlite.js';
import { newWatchState, scanOnce, type WatchEvent } from './watch.js';

const root = mkdtempSync(join(tmpdir(), 'nt-watch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (extra: string) => `<!doctype html><html><head><title>Bridge closed</title>
<link rel="canonical" href="https://river.example/bridge-closed">
<meta property="article:published_time" content="2024-07-01T09:00:00Z"></head><body><article>
<h1>Bridge closed after inspection finds cracks</h1>
<p>The Old Mill bridge was closed to traffic on Monday after an inspection found cracks in two of its supports, the city council said.</p>
<p>Buses will be diverted through the town centre while engineers decide whether the bridge can be repaired or must be replaced.</p>
${extra}
</article></body></html>`;

const note = (extra: string) =>
  `Farmers in the valley say the late frost destroyed most of the apricot blossom this spring.\n\n${extra}\n`;

/** Writes a file with a distinct modification time, as a later save would have. */
let tick = Date.now() / 1000 - 1000;
function save(path: string, text: string): void {
  writeFileSync(path, text);
  tick += 5;
  utimesSync(path, tick, tick);
}

const kinds = (events: WatchEvent[]) => events.map((e) => e.kind);

describe('watch', () => {
  it('adds new files, skips unchanged ones, and stores each edit as a new version linked to the last', async () => {
    const dir = join(root, 'news');
    mkdirSync(dir);
    const store = new SqliteStore(join(root, 'w.db'));
    const engine = new Engine(store);
    const state = newWatchState();
    try {
      save(join(dir, 'bridge.html'), page(''));
      save(join(dir, 'frost.txt'), note('Growers expect prices to rise.'));
      const first = await scanOnce(engine, dir, state, { settle: false });
      expect(kinds(first)).toEqual(['added', 'added']);
      const [bridge1, frost1] = first.map((e) => (e.kind === 'added' ? e.id : ''));
      expect(await scanOnce(engine, dir, state)).toEqual([]);

      // An edit: not read while it may still be being written, then read as version 2 of the article.
      save(
        join(dir, 'bridge.html'),
        page('<p>Repairs are expected to take at least three months, the council said.</p>'),
      );
      expect(await scanOnce(engine, dir, state)).toEqual([]);
      const second = await scanOnce(engine, dir, state);
      expect(second).toMatchObject([{ kind: 'version', version: 2, previous: bridge1 }]);
      const bridge2 = second[0].kind === 'version' ? second[0].id : '';
      expect(bridge2).not.toBe(bridge1);
      const v2 = await store.getArticle(bridge2);
      expect(v2?.raw.meta).toMatchObject({ version: 2, previousVersion: bridge1 });
      expect(v2?.body).toMatch(/three months/);
      // Both versions are kept, in one story, related as a copy with the shared text aligned.
      const v1 = await store.getArticle(bridge1);
      expect(v1?.body).not.toMatch(/three months/);
      expect(v2?.storyId).toBe(v1?.storyId);
      const story = await store.getStory(v2!.storyId);
      expect(story?.articles).toEqual(expect.arrayContaining([bridge1, bridge2]));
      const rel = story?.relations.find((r) => [r.from, r.to].includes(bridge1) && [r.from, r.to].includes(bridge2));
      expect(rel?.kind).toBe('copy');

      // A third edit links to the second version, not the first.
      save(
        join(dir, 'bridge.html'),
        page('<p>Repairs are expected to take at least four months, the council said.</p>'),
      );
      await scanOnce(engine, dir, state);
      expect(await scanOnce(engine, dir, state)).toMatchObject([{ kind: 'version', version: 3, previous: bridge2 }]);

      // A text file without a URL: its id comes from its text, and the edit is still linked by its file.
      save(join(dir, 'frost.txt'), note('Growers expect prices to rise by a third.'));
      await scanOnce(engine, dir, state);
      expect(await scanOnce(engine, dir, state)).toMatchObject([{ kind: 'version', version: 2, previous: frost1 }]);

      // A watcher started afresh re-reads the folder and adds nothing twice.
      expect(await scanOnce(engine, dir, newWatchState(), { settle: false })).toEqual([]);
      // An edit made while no watcher ran is found at start.
      save(join(dir, 'bridge.html'), page('<p>The bridge reopened to pedestrians on Friday.</p>'));
      expect(await scanOnce(engine, dir, newWatchState(), { settle: false })).toMatchObject([
        { kind: 'version', version: 4 },
      ]);
      // A bad file is an error with its source and reason; the watcher goes on.
      save(join(dir, 'broken.json'), '{"text": ');
      await scanOnce(engine, dir, state);
      const bad = await scanOnce(engine, dir, state);
      expect(bad).toMatchObject([{ kind: 'error', error: { source: join(dir, 'broken.json') } }]);
      expect(await store.countArticles()).toBe(6);
    } finally {
      await store.close();
    }
  });

  it('newstrace watch picks up files as they appear until stopped', { timeout: 60_000 }, async () => {
    const dir = join(root, 'live');
    mkdirSync(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bin.ts', 'watch', dir, '--db', join(root, 'live.db'), '--interval', '200'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 500 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(re);
    };
    try {
      // Give the watcher its first scan of the empty folder, then drop a file in.
      await new Promise((r) => setTimeout(r, 1500));
      save(join(dir, 'bridge.html'), page(''));
      await until(/^added a[0-9a-f]{15} to story s[0-9a-f]+ {2}.*bridge\.html$/m);
      save(
        join(dir, 'bridge.html'),
        page('<p>Repairs are expected to take at least three months, the council said.</p>'),
      );
      await until(/^version 2 a[0-9a-f]{15} of a[0-9a-f]{15} in story/m);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(err).toMatch(/1 added, 1 new versions, 0 rejected/);
  });
});
