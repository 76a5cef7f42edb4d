import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prepare } from '../../src/engine/prepare.js';
import type { RawDoc } from '../../src/model/index.js';

/**
 * Inputs that have made text pipelines slow: each kind built to a given size in bytes from the repository's own
 * texts (deterministic), for `npm run bench -- hostile` and the linear-time test beside the engine.
 */
export const KINDS = [
  'normal',
  'unpunctuated',
  'unpunctuated-facts',
  'repeated-clause',
  'one-word',
  'nested-html',
  'random-bytes',
] as const;
export type Kind = (typeof KINDS)[number];

let cachedTexts: string[] | undefined;
let cachedFacts: string[] | undefined;

/** Real article text of the repository: the story and fact fixtures and the bundled example. */
function texts(): string[] {
  if (cachedTexts) return cachedTexts;
  const out: string[] = [];
  const jsonl = (file: string) => {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { text?: string };
      if (r.text) out.push(r.text);
    }
  };
  for (const d of readdirSync('test/fixtures/stories')) jsonl(join('test/fixtures/stories', d, 'articles.jsonl'));
  for (const f of readdirSync('test/fixtures/facts')) if (f.endsWith('.jsonl')) jsonl(join('test/fixtures/facts', f));
  for (const f of readdirSync('examples/raqqa')) {
    const p = join('examples/raqqa', f);
    if (statSync(p).isFile()) out.push(readFileSync(p, 'utf8'));
  }
  cachedTexts = out;
  return out;
}

/** The sentences of the fact fixtures: dense in dates, figures, names and reporting verbs. */
function factSentences(): string[] {
  if (cachedFacts) return cachedFacts;
  cachedFacts = [];
  for (const f of readdirSync('test/fixtures/facts')) {
    if (!f.endsWith('.jsonl')) continue;
    for (const line of readFileSync(join('test/fixtures/facts', f), 'utf8').split('\n')) {
      if (line.trim()) cachedFacts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return cachedFacts;
}

/** Normal text: the real texts one after another, as paragraphs, until `bytes`. */
function normal(bytes: number, from = texts()): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const t = from[i % from.length];
    parts.push(t);
    n += Buffer.byteLength(t) + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

const CLAUSE = 'officials said on Monday that at the end of March the ministry on Thursday accused 240 people ';

/** xorshift32: the same bytes on every run. */
function randomBytes(bytes: number, seed = 0x9e3779b9): Buffer {
  const b = Buffer.alloc(bytes);
  let x = seed >>> 0;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** A record of `kind`, about `bytes` long, as the ingest stage would hand it on (files are read as UTF-8). */
export function hostileDoc(kind: Kind, bytes: number): RawDoc {
  const meta = { url: `https://hostile.example/${kind}-${bytes}`, title: `${kind} ${bytes}` };
  const doc = (content: string, format: 'text' | 'html' = 'text'): RawDoc => ({
    source: `${kind}-${bytes}`,
    format,
    content,
    meta,
  });
  switch (kind) {
    case 'normal':
      return doc(normal(bytes));
    case 'unpunctuated':
      // One line, no sentence punctuation: the words, dates and reporting verbs of normal text.
      return doc(
        normal(bytes * 1.1)
          .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
          .replace(/ {2,}/g, ' ')
          .slice(0, bytes),
      );
    case 'unpunctuated-facts':
      // The same, from sentences that each hold a date, a figure or a quote: every analyser finds work everywhere.
      return doc(
        normal(bytes * 1.1, factSentences())
          .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
          .replace(/ {2,}/g, ' ')
          .slice(0, bytes),
      );
    case 'repeated-clause':
      // One clause with a source, a reporting verb, dates and a figure, repeated on one line: what each analyser
      // matches around (the words before a verb, a date, a number) is everywhere.
      return doc(CLAUSE.repeat(Math.ceil(bytes / CLAUSE.length)).slice(0, bytes));
    case 'one-word':
      return doc('said '.repeat(Math.ceil(bytes / 5)).slice(0, bytes));
    case 'nested-html': {
      // Elements nested as deep as the size allows, the text in the innermost one.
      const depth = Math.floor((bytes * 0.9) / 11);
      const inner = normal(bytes - depth * 11);
      return doc(`<html><body>${'<div>'.repeat(depth)}<p>${inner}</p>${'</div>'.repeat(depth)}</body></html>`, 'html');
    }
    case 'random-bytes':
      return doc(randomBytes(bytes).toString('utf8'));
  }
}

/** Seconds to prepare `doc` (extract, clean, analyze, fingerprint: every per-article stage) and whether it went in. */
export function timePrepare(doc: RawDoc): { seconds: number; ok: boolean; reason?: string } {
  const t = performance.now();
  const r = prepare(doc);
  return { seconds: (performance.now() - t) / 1000, ok: r.ok, reason: r.ok ? undefined : r.error.reason };
}
