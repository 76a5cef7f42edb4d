import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { IngestItem } from '../model/index.js';
import { declaredCharset, decodeBytes } from './decode.js';
import { feedItems, isFeedXml, isJsonFeed, jsonFeedItems } from './feeds.js';
import { jsonRecord } from './records.js';
import { warcRecords } from './warc.js';

/**
 * The ingest stage: paths (files, folders walked recursively in name order, `-` for stdin) to raw records, one at a
 * time, so memory stays bounded by the largest single record. Errors are items too: the caller reports them and goes
 * on.
 */

/** A single-document file larger than this is not an article; reject it rather than read it into memory. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Longest JSON-lines record accepted. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export interface ReadOptions {
  stdin?: Readable;
  /** Told about records skipped on purpose (non-HTML records of a WARC), which are not errors. */
  onNotice?: (message: string) => void;
}

type Kind = 'jsonl' | 'json' | 'html' | 'text' | 'feed';

const KINDS: Record<string, Kind> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<IngestItem> {
  for (const p of paths) {
    if (p === '-') {
      if (!opts.stdin) {
        yield { ok: false, error: { source: 'stdin', reason: 'no standard input to read' } };
        continue;
      }
      yield* readStream(opts.stdin, 'stdin');
      continue;
    }
    yield* readPath(p, opts, new Set());
  }
}

/**
 * `seen`: the real paths of the folders read so far in this walk; `within`: the real path of the folder being read. A
 * folder reached again through a symbolic link, or a link to an enclosing folder (a loop, otherwise read 40 levels
 * deep until the system refuses, and out past the folder asked for), is reported once and not followed.
 */
async function* readPath(
  path: string,
  opts: ReadOptions,
  seen: Set<string>,
  within?: string,
): AsyncGenerator<IngestItem> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    yield { ok: false, error: { source: path, reason: fsReason(e) } };
    return;
  }
  if (st.isDirectory()) {
    let real: string;
    try {
      real = await realpath(path);
    } catch (e) {
      yield { ok: false, error: { source: path, reason: fsReason(e) } };
      return;
    }
    if (within !== undefined && (within === real || within.startsWith(real + sep))) {
      yield {
        ok: false,
        error: { source: path, reason: `a link to the enclosing folder ${real} (a loop): not followed` },
      };
      return;
    }
    if (seen.has(real)) {
      yield { ok: false, error: { source: path, reason: `a link to ${real}, which is read already: not followed` } };
      return;
    }
    seen.add(real);
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (e) {
      yield { ok: false, error: { source: path, reason: fsReason(e) } };
      return;
    }
    const names = entries
      .filter((d) => !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
    for (const name of names) yield* readPath(join(path, name), opts, seen, real);
    return;
  }
  if (!st.isFile()) {
    yield { ok: false, error: { source: path, reason: 'not a regular file' } };
    return;
  }
  yield* readFile(path, st.size, opts);
}

export async function* readFile(path: string, size: number, opts: ReadOptions = {}): AsyncGenerator<IngestItem> {
  if (/\.warc(\.gz)?$/i.test(path)) {
    yield* warcRecords(path, (n) => n && opts.onNotice?.(`${path}: ${n} non-HTML record(s) skipped`));
    return;
  }
  const kind = KINDS[extname(path).toLowerCase()];
  if (kind === 'jsonl') {
    yield* readJsonLines(createReadStream(path), path);
    return;
  }
  if (size > MAX_FILE_BYTES) {
    yield {
      ok: false,
      error: { source: path, reason: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit for one document` },
    };
    return;
  }
  let bytes: Uint8Array;
  try {
    const fh = await open(path, 'r');
    try {
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    yield { ok: false, error: { source: path, reason: fsReason(e) } };
    return;
  }
  yield* fromBytes(bytes, path, kind);
}

/** One document's bytes, of a known or sniffed kind. */
export function* fromBytes(bytes: Uint8Array, source: string, kind?: Kind): Generator<IngestItem> {
  if (bytes.length === 0) {
    yield { ok: false, error: { source, reason: 'empty file' } };
    return;
  }
  const charset = kind === 'html' || kind === 'feed' || kind === undefined ? declaredCharset(bytes) : undefined;
  const d = decodeBytes(bytes, charset);
  if (!d.ok) {
    yield { ok: false, error: { source, reason: d.reason } };
    return;
  }
  const text = d.text;
  if (text.trim().length === 0) {
    yield { ok: false, error: { source, reason: 'empty: the file holds only white space' } };
    return;
  }
  let k = kind ?? sniff(text);
  if (k === 'feed') {
    if (isFeedXml(text)) {
      yield* feedItems(text, source);
      return;
    }
    k = /<html|<body|<!doctype html/i.test(text.slice(0, 4096)) ? 'html' : 'text';
  }
  if (k === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { ok: false, error: { source, reason: `invalid JSON (${(e as Error).message})` } };
      return;
    }
    if (isJsonFeed(value)) {
      yield* jsonFeedItems(value as Record<string, unknown>, source);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield jsonRecord(value[i], `${source}#${i}`);
    } else yield jsonRecord(value, source);
    return;
  }
  if (k === 'jsonl') {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim()) yield parseLine(lines[i], `${source}#L${i + 1}`);
    }
    return;
  }
  yield { ok: true, doc: { source, format: k, content: text, meta: {} } };
}

function sniff(text: string): Kind {
  const head = text.slice(0, 2048).trimStart();
  if (/^(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body|<article)/i.test(head)) return 'html';
  if (/^(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(head)) return 'feed';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
    try {
      JSON.parse(first);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'text';
}

function parseLine(line: string, source: string): IngestItem {
  if (line.length > MAX_LINE_CHARS) {
    return {
      ok: false,
      error: { source, reason: `record is ${line.length} characters, over the ${MAX_LINE_CHARS} limit` },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: { source, reason: `invalid JSON (${(e as Error).message})` } };
  }
  return jsonRecord(value, source);
}

async function* readJsonLines(stream: Readable, source: string): AsyncGenerator<IngestItem> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      if (line.includes('\ufffd')) {
        yield { ok: false, error: { source: `${source}#L${n}`, reason: 'line is not valid UTF-8' } };
        continue;
      }
      yield parseLine(line, `${source}#L${n}`);
    }
  } catch (e) {
    yield { ok: false, error: { source, reason: fsReason(e) } };
  }
}

/** Standard input: JSON lines are streamed; a single text or HTML document is read whole (within the limit). */
async function* readStream(stream: Readable, source: string): AsyncGenerator<IngestItem> {
  const chunks: Buffer[] = [];
  let size = 0;
  let streamingLines = false;
  const it = stream[Symbol.asyncIterator]();
  // Read the first chunk to tell JSON lines from one document.
  const first = await it.next();
  if (first.done) {
    yield { ok: false, error: { source, reason: 'empty input' } };
    return;
  }
  const head = Buffer.from(first.value as Buffer);
  if (head.toString('utf8', 0, Math.min(head.length, 64)).trimStart().startsWith('{')) streamingLines = true;
  if (streamingLines) {
    const { Readable: R } = await import('node:stream');
    const rest = R.from(
      (async function* () {
        yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Buffer;
      })(),
    );
    yield* readJsonLines(rest, source);
    return;
  }
  chunks.push(head);
  size += head.length;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    size += (r.value as Buffer).length;
    if (size > MAX_FILE_BYTES) {
      yield { ok: false, error: { source, reason: `input is over the ${MAX_FILE_BYTES}-byte limit for one document` } };
      return;
    }
    chunks.push(r.value as Buffer);
  }
  yield* fromBytes(Buffer.concat(chunks), source);
}

function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return err.message ?? String(e);
  }
}
