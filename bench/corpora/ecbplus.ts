import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/index.js';

/**
 * ECB+ (Cybulska & Vossen 2014), tokenised XML: `<token t_id sentence number>word</token>`. The text is rebuilt by
 * joining each sentence's tokens (no space before closing punctuation, none after opening brackets), one paragraph
 * per sentence. A first sentence that is only a URL is the outlet's address: it becomes the record's url. Gold story =
 * topic + sub-corpus (`ecb` files are one event of the topic, `ecbplus` files the other).
 */
export interface GoldDoc {
  id: string;
  gold: string;
  doc: RawDoc;
}

const TOKEN = /<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)<\/token>/g;

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

export function ecbText(xml: string): { text: string; url?: string } {
  const sentences = new Map<number, string[]>();
  for (const m of xml.matchAll(TOKEN)) {
    const k = Number(m[1]);
    const list = sentences.get(k) ?? [];
    list.push(unescape(m[2]));
    sentences.set(k, list);
  }
  const lines = [...sentences.keys()]
    .sort((a, b) => a - b)
    .map((k) =>
      sentences
        .get(k)!
        .join(' ')
        .replace(/ ([,.;:!?%)\]}])/g, '$1')
        .replace(/([([{$]) /g, '$1')
        .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
        .replace(/`` ?/g, '“')
        .replace(/ ?''/g, '”'),
    );
  let url: string | undefined;
  if (lines.length && /^https?:\/\/\S+$/.test(lines[0].replace(/ /g, ''))) url = lines.shift()!.replace(/ /g, '');
  return { text: lines.join('\n\n'), url };
}

/** Every document of an ECB+ folder (`<dir>/<topic>/<t>_<n>ecb[plus].xml`), in topic then file order. */
export function loadEcbPlus(dir: string): GoldDoc[] {
  const out: GoldDoc[] = [];
  const topics = readdirSync(dir)
    .filter((t) => /^\d+$/.test(t))
    .sort((a, b) => Number(a) - Number(b));
  for (const t of topics) {
    for (const f of readdirSync(join(dir, t))
      .filter((x) => x.endsWith('.xml'))
      .sort()) {
      const { text, url } = ecbText(readFileSync(join(dir, t, f), 'utf8'));
      if (!text.trim()) continue;
      out.push({
        id: f,
        gold: `${t}-${f.includes('ecbplus') ? 'ecbplus' : 'ecb'}`,
        doc: { source: f, format: 'text', content: text, meta: { id: f, url } },
      });
    }
  }
  return out;
}
