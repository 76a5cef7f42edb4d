import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RawDoc } from '../../src/model/raw.js';

/**
 * ECB+ (Cybulska & Vossen 2014), tokenised XML: `<token t_id sentence number>word</token>`. The text is rebuilt by
 * joining each sentence's tokens the way they were printed (no space before closing punctuation and clitics, none
 * after opening brackets and quotes, hyphenated words and dates closed up), one paragraph per sentence, since the
 * corpus keeps sentence numbers but no paragraph breaks. A first sentence that is only a URL is the outlet's address:
 * it becomes the record's url and outlet and leaves the text. Gold story = topic + sub-corpus (`ecb` files are one
 * event of the topic, `ecbplus` files the other), as the corpora README defines it.
 */
export interface GoldDoc {
  /** The file name (`1_10ecbplus.xml`): unique over the corpus, since it starts with the topic. */
  id: string;
  /** `${topic}-ecb` or `${topic}-ecbplus`. */
  gold: string;
  doc: RawDoc;
}

/** Tokens printed without a space before them. */
const CLOSING = new Set([',', '.', ';', ':', '!', '?', '%', ')', ']', '}', '...', "''", '”', '’']);
/** Tokens printed without a space after them. */
const OPENING = new Set(['(', '[', '{', '$', '``', '“', '‘', '#']);
/** Clitics split off by the tokeniser (`is n't`, `Reid 's`), written against the word before. */
const CLITIC = /^(?:n't|'s|'re|'ve|'ll|'d|'m|'|’s|’re|’ve|’ll|’d|’m|n’t)$/i;
/** What follows a lone apostrophe in a contraction the tokeniser split on both sides (`I ’ m`, `Lohan ’ s`). */
const AFTER_APOSTROPHE = /^(?:s|t|m|re|ve|ll|d)$/i;
/** Characters joined to both neighbours when both are words: `36 - year - old`, `05 / 02 / 2013`. */
const INFIX = new Set(['-', '/']);
const WORDISH = /[\p{L}\p{N}]$/u;
const WORDSTART = /^[\p{L}\p{N}]/u;

/** The tokens of one sentence as printed text. `quote` carries the open/closed state of straight double quotes. */
function joinTokens(tokens: string[], quote: { open: boolean }): string {
  let out = '';
  let glueNext = true; // nothing before the first token
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i];
    const prev = tokens[i - 1] ?? '';
    const next = tokens[i + 1] ?? '';
    let tok = raw;
    let glueBefore = glueNext;
    glueNext = false;
    if (raw === '``') tok = '“';
    else if (raw === "''") tok = '”';
    if (raw === '"') {
      // A straight quote opens or closes by parity: the tokeniser left no other sign of which it is.
      tok = quote.open ? '”' : '“';
      quote.open = !quote.open;
      if (tok === '“') glueNext = true;
      else glueBefore = true;
    } else {
      // Quotes left on a word (`"The`, `said."`) by the untokenised parts still count for the parity.
      const quotes = (raw.match(/"/g) ?? []).length;
      if (quotes % 2 === 1) quote.open = !quote.open;
    }
    if (CLOSING.has(raw) || CLITIC.test(raw)) glueBefore = true;
    if (OPENING.has(raw)) glueNext = true;
    if ((raw === '’' || raw === "'") && WORDISH.test(prev) && AFTER_APOSTROPHE.test(next)) {
      glueBefore = true;
      glueNext = true;
    }
    if (INFIX.has(raw) && WORDISH.test(prev) && WORDSTART.test(next)) {
      glueBefore = true;
      glueNext = true;
    }
    out += (glueBefore || out === '' ? '' : ' ') + tok;
  }
  return out;
}

/** A sentence that is nothing but a web address, with the spaces the tokeniser put into it removed. */
function urlOf(tokens: string[]): string | undefined {
  const joined = tokens.join('');
  return /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(joined) ? joined : undefined;
}

/** The outlet's host name without `www.`, or undefined for an address that does not parse. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Where the annotation layers (event and entity mentions, then their relations) start in an ECB+ file. */
const MENTION_LAYER = '<Markables';

/**
 * Tokens as written: values kept as strings (`2013` stays text), no trimming, attributes without a prefix, and
 * `token` always a list even in a one-token file.
 */
const TOKEN_PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'token',
});

/** Readable text of one ECB+ file, and the outlet address its first sentence gives, if any. */
export function ecbText(xml: string): { text: string; url?: string; outlet?: string } {
  // Only the token layer is read: the mention and relation layers after it are most of each file and would take
  // several times the parse time, so the document is closed where they begin.
  const cut = xml.indexOf(MENTION_LAYER);
  const parsed = TOKEN_PARSER.parse(cut < 0 ? xml : `${xml.slice(0, cut)}</Document>`) as {
    Document?: { token?: Array<{ '#text'?: string; sentence?: string }> };
  };
  const sentences = new Map<number, string[]>();
  for (const el of parsed.Document?.token ?? []) {
    const k = Number(el.sentence);
    const list = sentences.get(k) ?? [];
    list.push(el['#text'] ?? '');
    sentences.set(k, list);
  }
  const order = [...sentences.keys()].sort((a, b) => a - b);
  const first = order.length ? urlOf(sentences.get(order[0])!) : undefined;
  if (first) order.shift();
  const quote = { open: false };
  const text = order.map((k) => joinTokens(sentences.get(k)!, quote)).join('\n\n');
  return { text, ...(first ? { url: first, outlet: hostOf(first) } : {}) };
}

function goldDoc(topic: string, file: string, xml: string): GoldDoc | undefined {
  const { text, url, outlet } = ecbText(xml);
  if (!text.trim()) return undefined;
  return {
    id: file,
    gold: `${topic}-${file.endsWith('ecbplus.xml') ? 'ecbplus' : 'ecb'}`,
    doc: { source: file, format: 'text', content: text, meta: { id: file, url, outlet } },
  };
}

const byTopic = (names: string[]) => names.filter((t) => /^\d+$/.test(t)).sort((a, b) => Number(a) - Number(b));
const xmlFiles = (names: string[]) => names.filter((x) => x.endsWith('.xml')).sort();

/** Every document of an ECB+ folder (`<dir>/<topic>/<t>_<n>ecb[plus].xml`), in topic then file order. */
export function loadEcbPlus(dir: string): GoldDoc[] {
  const out: GoldDoc[] = [];
  for (const t of byTopic(readdirSync(dir)))
    for (const f of xmlFiles(readdirSync(join(dir, t)))) {
      const d = goldDoc(t, f, readFileSync(join(dir, t, f), 'utf8'));
      if (d) out.push(d);
    }
  return out;
}

/** The same as `loadEcbPlus`, reading the files without blocking the event loop. */
export async function readEcbPlus(dir: string): Promise<GoldDoc[]> {
  const out: GoldDoc[] = [];
  for (const t of byTopic(await readdir(dir)))
    for (const f of xmlFiles(await readdir(join(dir, t)))) {
      const d = goldDoc(t, f, await readFile(join(dir, t, f), 'utf8'));
      if (d) out.push(d);
    }
  return out;
}
