import { createReadStream } from 'node:fs';
import { brotliDecompressSync, createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import type { IngestItem } from '../model/index.js';
import { declaredCharset, decodeBytes, headerCharset } from './decode.js';

/**
 * Web archives (WARC/1.0 and 1.1, gzip-compressed per record or not) as crawlers write them: each `response` record
 * whose HTTP content type is HTML becomes an article with its target URI and capture date; other records are counted
 * and skipped. The reader frames records itself from `Content-Length` over a stream (multi-member gzip is inflated by
 * zlib as one stream), so memory stays bounded by the largest record it keeps, and a file cut off in the middle of a
 * record, or holding something else than WARC, ends with an error naming the record instead of a hang.
 */

/** HTML pages larger than this are not articles: they are skipped with an error, without being held in memory. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** A WARC header block longer than this is not one. */
export const MAX_HEADER_BYTES = 64 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');

function parseHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/** Undoes HTTP chunked transfer encoding. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const eol = body.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = parseInt(body.subarray(pos, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function decodeContent(body: Buffer, encoding: string | undefined): Buffer {
  const opts = { maxOutputLength: MAX_PAGE_BYTES };
  switch ((encoding ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body, opts);
    case 'deflate':
      return inflateSync(body, opts);
    case 'br':
      return brotliDecompressSync(body, opts);
    default:
      return body;
  }
}

export async function* warcRecords(path: string, onSkipped?: (count: number) => void): AsyncGenerator<IngestItem> {
  const file = createReadStream(path);
  const stream = /\.gz$/i.test(path) ? file.pipe(createGunzip()) : file;
  file.on('error', (e) => stream.destroy(e));
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buf: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await chunks.next();
    if (r.done) {
      ended = true;
      return false;
    }
    buf = buf.length ? Buffer.concat([buf, r.value]) : r.value;
    return true;
  };
  let n = 0;
  let skipped = 0;
  const fail = (reason: string): IngestItem => ({ ok: false, error: { source: `${path}#record${n + 1}`, reason } });
  try {
    for (;;) {
      // Records are separated by CRLF CRLF; skip them and stop cleanly at the end of the file.
      for (;;) {
        let i = 0;
        while (i < buf.length && (buf[i] === 13 || buf[i] === 10)) i++;
        buf = buf.subarray(i);
        if (buf.length > 0 || !(await fill())) break;
      }
      if (buf.length === 0) break;
      let end: number;
      while ((end = buf.indexOf(CRLFCRLF)) < 0) {
        if (buf.length > MAX_HEADER_BYTES || !(await fill())) {
          yield fail(ended ? 'the archive ends inside a record header' : 'record header is too long: not a WARC file?');
          return;
        }
      }
      const head = buf.subarray(0, end).toString('latin1');
      buf = buf.subarray(end + 4);
      if (!/^WARC\/1\.[01]\r?$/m.test(head.split('\r\n')[0])) {
        yield fail('not a WARC record (no WARC/1.0 or WARC/1.1 line)');
        return;
      }
      const headers = parseHeaders(head);
      const length = Number(headers.get('content-length'));
      if (!Number.isSafeInteger(length) || length < 0) {
        yield fail('WARC record without a valid Content-Length');
        return;
      }
      const isHtmlResponse =
        headers.get('warc-type') === 'response' && /application\/http/i.test(headers.get('content-type') ?? '');
      // Blocks that cannot be an article page are skipped without being held.
      if (!isHtmlResponse || length > MAX_PAGE_BYTES * 2) {
        let left = length;
        while (left > 0) {
          if (buf.length === 0 && !(await fill())) {
            yield fail('the archive ends in the middle of a record');
            return;
          }
          const take = Math.min(left, buf.length);
          buf = buf.subarray(take);
          left -= take;
        }
        n++;
        if (isHtmlResponse) yield fail(`record of ${length} bytes is over the page size limit`);
        else skipped++;
        continue;
      }
      while (buf.length < length) {
        if (!(await fill())) {
          yield fail('the archive ends in the middle of a record');
          return;
        }
      }
      const block = Buffer.from(buf.subarray(0, length));
      buf = buf.subarray(length);
      n++;
      const where = `${path}#record${n}`;
      const split = block.indexOf(CRLFCRLF);
      const httpHeaders = parseHeaders(split >= 0 ? block.subarray(0, split).toString('latin1') : '');
      const type = httpHeaders.get('content-type') ?? '';
      if (!/html/i.test(type)) {
        skipped++;
        continue;
      }
      let body: Buffer = split >= 0 ? block.subarray(split + 4) : Buffer.alloc(0);
      try {
        if (/chunked/i.test(httpHeaders.get('transfer-encoding') ?? '')) body = dechunk(body);
        body = decodeContent(body, httpHeaders.get('content-encoding'));
      } catch (e) {
        yield { ok: false, error: { source: where, reason: `page body cannot be decoded (${(e as Error).message})` } };
        continue;
      }
      const d = decodeBytes(body, headerCharset(type) ?? declaredCharset(body));
      if (!d.ok) {
        yield { ok: false, error: { source: where, reason: d.reason } };
        continue;
      }
      yield {
        ok: true,
        doc: {
          source: where,
          format: 'html',
          content: d.text,
          meta: { url: headers.get('warc-target-uri'), fetched: headers.get('warc-date') },
        },
      };
    }
  } catch (e) {
    yield fail(`unreadable WARC (${(e as Error).message})`);
  } finally {
    file.destroy();
  }
  onSkipped?.(skipped);
}
