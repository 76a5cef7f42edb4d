import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../extract/index.js';
import type { IngestItem, RawDoc } from '../model/index.js';
import { readInputs } from './index.js';

async function collect(paths: string[], notices: string[] = []): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readInputs(paths, { onNotice: (m) => notices.push(m) })) out.push(it);
  return out;
}
const docs = (items: IngestItem[]) => items.filter((i): i is { ok: true; doc: RawDoc } => i.ok).map((i) => i.doc);

const dir = mkdtempSync(join(tmpdir(), 'nt-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feeds', () => {
  it('RSS 2.0 with enclosures: full content when present, summaries flagged, empty items reported', async () => {
    const items = await collect(['test/fixtures/feeds/wire.rss']);
    const [a, b] = docs(items);
    expect(a).toMatchObject({
      format: 'html',
      meta: { outlet: 'Harbor Observer', byline: 'Maria Costa', url: 'https://observer.example/2024/05/port-strike' },
    });
    expect(a.meta.summaryOnly).toBeUndefined();
    const x = extract(a);
    expect(x.ok && x.value.text).toMatch(/walked out on Tuesday/);
    expect(x.ok && x.value.publishedAt).toBe('2024-05-07T09:30:00.000Z');
    // The whole caption, and its description and credit on their own, so the clean stage finds either.
    expect(x.ok && x.value.captions).toEqual([
      'Workers gather at the gate. (AP Photo/Ana Lima)',
      'Workers gather at the gate.',
      '(AP Photo/Ana Lima)',
    ]);
    expect(b.meta.summaryOnly).toBe(true);
    expect(items.filter((i) => !i.ok).map((i) => !i.ok && i.error.source)).toEqual([
      'test/fixtures/feeds/wire.rss#item3',
    ]);
  });
  it('Atom: entries with links, dates, authors; summary-only entries flagged', async () => {
    const [a, b] = docs(await collect(['test/fixtures/feeds/agency.atom']));
    expect(a).toMatchObject({
      format: 'html',
      meta: {
        url: 'https://wire.example/quake-1',
        outlet: 'Example Wire',
        byline: 'Wire Staff',
        published: '2024-03-10T02:30:00Z',
      },
    });
    expect(a.content).toContain('<p>A magnitude 6.4 earthquake');
    expect(b.meta).toMatchObject({ summaryOnly: true, url: 'https://wire.example/summary-2' });
  });
  it('JSON Feed', async () => {
    const [a, b] = docs(await collect(['test/fixtures/feeds/site.json']));
    expect(a).toMatchObject({ format: 'html', meta: { id: 'ledger-1', outlet: 'Daily Ledger', byline: 'Sam Reed' } });
    expect(b.meta.summaryOnly).toBe(true);
  });
});

describe('WARC', () => {
  it('HTML responses become articles with their target URI and date; other records are counted and skipped', async () => {
    const html =
      '<html><head><title>Flood</title></head><body><article><p>Floods hit the valley on Monday, officials said, and 300 people were moved.</p></article></body></html>';
    // Record bodies are generators, read once: build the records afresh for each archive.
    const makeRecords = () => [
      WARCRecord.create(
        {
          url: 'https://news.example/flood',
          date: '2024-04-02T10:00:00Z',
          type: 'response',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        },
        (async function* () {
          yield new TextEncoder().encode(html);
        })(),
      ),
      WARCRecord.create(
        {
          url: 'https://news.example/logo.png',
          date: '2024-04-02T10:00:01Z',
          type: 'response',
          httpHeaders: { 'Content-Type': 'image/png' },
        },
        (async function* () {
          yield new Uint8Array([137, 80, 78, 71]);
        })(),
      ),
      WARCRecord.create(
        { url: 'https://news.example/flood', date: '2024-04-02T10:00:00Z', type: 'request', httpHeaders: {} },
        (async function* () {})(),
      ),
    ];
    for (const gzip of [false, true]) {
      const parts: Uint8Array[] = [];
      for (const r of makeRecords()) parts.push(await WARCSerializer.serialize(r, { gzip }));
      const path = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
      writeFileSync(path, Buffer.concat(parts));
      const notices: string[] = [];
      const items = await collect([path], notices);
      expect(items.every((i) => i.ok)).toBe(true);
      const [d] = docs(items);
      expect(docs(items)).toHaveLength(1);
      expect(d).toMatchObject({ format: 'html', meta: { url: 'https://news.example/flood' } });
      const x = extract(d);
      expect(x.ok && x.value.text).toMatch(/Floods hit the valley/);
      expect(x.ok && x.value.publishedAt).toBe('2024-04-02T10:00:00.000Z');
      expect(notices).toEqual([`${path}: 2 non-HTML record(s) skipped`]);
    }
  });
  it('a truncated archive gives an error naming the file, not a crash', async () => {
    const path = join(dir, 'broken.warc');
    writeFileSync(path, 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\n<html>');
    const items = await collect([path]);
    expect(items.some((i) => !i.ok && i.error.source.startsWith(path))).toBe(true);
  });
});
