import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../extract/index.js';
import type { IngestItem } from '../model/index.js';
import { fromBytes, readInputs } from './index.js';

/**
 * Fuzzing every input reader with fast-check: real-shaped inputs (the page, feed and JSON fixtures, and WARC files
 * built here) cut, spliced and sprinkled with the bytes parsers trip on, and plain random bytes. For each input: no
 * exception escapes, the reader ends, what comes out is bounded by what went in (no entity or decompression bomb),
 * every error names its source and a reason, and every article extracts or becomes an error, never a crash.
 */

/** Cases per reader; `FUZZ_RUNS` raises it for a long run (the figures in BENCHMARKS.md say which). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/**
 * Characters out per byte in, at most. A reader may repeat a record's text (content plus title), but nothing should
 * grow input: a feed's entity expansion or a WARC's gzip body is capped well below this.
 */
const MAX_GROWTH = 8;

const dir = mkdtempSync(join(tmpdir(), 'nt-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seeds: Array<{ name: string; bytes: Uint8Array }> = [
  'test/fixtures/html/article-captions/page.html',
  'test/fixtures/html/live-blog/page.html',
  'test/fixtures/html/amp/page.html',
  'test/fixtures/html/paywall-teaser/page.html',
  'test/fixtures/html/windows-1252/page.html',
  'test/fixtures/html/atom-feed/feed.atom',
  'test/fixtures/html/rss-enclosures/feed.rss',
  'test/fixtures/feeds/site.json',
  'test/fixtures/cli/mixed/records.jsonl',
].map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(p)) }));

/** Fragments that parsers of HTML, XML, JSON and WARC handle specially. */
const TOKENS = [
  '<',
  '>',
  '</p>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '&',
  '&amp;',
  '&#x0;',
  '&#99999999;',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;',
  '"',
  '{',
  '}',
  '[',
  '\\u',
  '\n',
  '\r\n\r\n',
  '\0',
  '\ufffd',
  '\ud800',
  '<script>',
  '<meta charset="shift_jis">',
  '<meta charset="utf-16">',
  'Content-Length: 99999999999\r\n',
  'WARC/1.0\r\n',
  '<html>',
  '<rss>',
  '<feed>',
  '<item>',
].map((t) => new TextEncoder().encode(t));

type Op =
  | { at: number; kind: 'insert'; token: number }
  | { at: number; kind: 'delete'; len: number }
  | { at: number; kind: 'flip'; byte: number }
  | { at: number; kind: 'cut' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ at: fc.nat(), kind: fc.constant('insert' as const), token: fc.nat(TOKENS.length - 1) }),
  fc.record({ at: fc.nat(), kind: fc.constant('delete' as const), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ at: fc.nat(), kind: fc.constant('flip' as const), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ at: fc.nat(), kind: fc.constant('cut' as const) }),
);

function mutate(bytes: Uint8Array, ops: Op[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const op of ops) {
    const at = b.length ? op.at % (b.length + 1) : 0;
    if (op.kind === 'insert') b = Buffer.concat([b.subarray(0, at), TOKENS[op.token], b.subarray(at)]);
    else if (op.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + op.len)]);
    else if (op.kind === 'flip' && at < b.length) b[at] = op.byte;
    else if (op.kind === 'cut') b = b.subarray(0, at);
  }
  return b;
}

/** A mutated fixture, or random bytes, or random text. */
const inputArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.nat(seeds.length - 1), fc.array(opArb, { maxLength: 12 }))
      .map(([i, ops]) => mutate(seeds[i].bytes, ops)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2048 }).map((s) => new TextEncoder().encode(s)) },
);

function checkItems(items: IngestItem[], source: string, inputBytes: number): void {
  let out = 0;
  for (const it of items) {
    if (it.ok) {
      expect(it.doc.source.startsWith(source)).toBe(true);
      out += it.doc.content.length;
      // Extraction of whatever a reader let through must end in text or a record error.
      const x = extract(it.doc);
      if (!x.ok) {
        expect(x.error.source).toBe(it.doc.source);
        expect(x.error.reason.length).toBeGreaterThan(5);
      }
    } else {
      expect(it.error.source.startsWith(source)).toBe(true);
      expect(it.error.reason.length).toBeGreaterThan(5);
    }
  }
  expect(out).toBeLessThanOrEqual(MAX_GROWTH * Math.max(inputBytes, 64));
}

async function collect(paths: string[]): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readInputs(paths, {})) out.push(it);
  return out;
}

describe('fuzz: readers never crash, hang or grow input, and say which record failed and why', () => {
  for (const kind of [undefined, 'html', 'text', 'json', 'jsonl', 'feed'] as const) {
    it(`bytes as ${kind ?? 'sniffed'}`, () => {
      fc.assert(
        fc.property(inputArb, (bytes) => {
          const items = [...fromBytes(bytes, 'in', kind)];
          checkItems(items, 'in', bytes.length);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('files by extension, JSON lines streamed', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        inputArb,
        fc.constantFrom('.html', '.txt', '.json', '.jsonl', '.rss', '.atom', '.xml', ''),
        async (bytes, ext) => {
          const path = join(dir, `f${n++}${ext}`);
          writeFileSync(path, bytes);
          checkItems(await collect([path]), path, bytes.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('WARC files, plain and gzip', async () => {
    const page = (i: number) =>
      `<html><head><meta charset="windows-1252"><title>Page ${i}</title></head><body><p>Article ${i}: the council met on Monday and voted to close the bridge.</p></body></html>`;
    const record = (type: string, url: string, http: string) => {
      const block = Buffer.from(http, 'latin1');
      return Buffer.concat([
        Buffer.from(
          `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`,
          'latin1',
        ),
        block,
        Buffer.from('\r\n\r\n'),
      ]);
    };
    const base = Buffer.concat([
      record('warcinfo', '', 'software: fuzz\r\n'),
      record('response', 'https://a.example/1', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${page(1)}`),
      record('response', 'https://a.example/logo.png', 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG'),
      record(
        'response',
        'https://a.example/2',
        `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n<html><body><p>\r\n0\r\n\r\n`,
      ),
      record('response', 'https://a.example/3', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${page(3)}`),
    ]);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 10 }), fc.boolean(), fc.boolean(), async (ops, gzip, gzipAfter) => {
        // Mutate the plain archive and then compress it, or compress and then mutate the compressed bytes.
        let bytes: Uint8Array = mutate(base, ops);
        if (gzip) bytes = gzipAfter ? mutate(gzipSync(base), ops) : gzipSync(bytes);
        const path = join(dir, `w${n++}.warc${gzip ? '.gz' : ''}`);
        writeFileSync(path, bytes);
        const items = await collect([path]);
        checkItems(items, path, gzip ? base.length * 2 : bytes.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('a feed with an entity expansion bomb is read without expanding it', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' +
      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' +
      '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>' +
      '<rss version="2.0"><channel><title>T</title><item><title>x</title><description>&e;&e;&e;&e;</description></item></channel></rss>';
    const bytes = new TextEncoder().encode(bomb);
    checkItems([...fromBytes(bytes, 'bomb.rss', 'feed')], 'bomb.rss', bytes.length);
  });
});
