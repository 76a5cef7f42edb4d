import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/raw.js';

/**
 * Reuters-21578 (Lewis), SGML: `<REUTERS NEWID>` records with `<DATE>`, `<TITLE>`, `<DATELINE>` and `<BODY>`. Each
 * record with a body becomes a text record with its date (UTC, as the collection gives it) and title; the dateline
 * is put back in front of the body as the wire printed it.
 */
export interface ReutersDoc {
  id: string;
  /** The body exactly as in the collection, for exact-duplicate grouping. */
  body: string;
  doc: RawDoc;
}

const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

/** Named entities of the collection's SGML. One pass over the text, so `&amp;lt;` stays the text `&lt;`. */
const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/**
 * Entities decoded. Character references to control codes (`&#2;`/`&#3;` start and end of text, `&#5;`, `&#22;`,
 * `&#127;`) are the wire's transmission marks, not text: dropped.
 */
export function unescape(s: string): string {
  return s.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|quot|apos|amp));/gi,
    (_, dec?: string, hex?: string, name?: string) => {
      if (name) return NAMED[name.toLowerCase()];
      const code = dec ? Number(dec) : parseInt(hex!, 16);
      return (code < 32 && code !== 10 && code !== 9) || code === 127 ? '' : String.fromCodePoint(code);
    },
  );
}

function isoDate(d: string): string | undefined {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d)/.exec(d);
  if (!m || !MONTHS[m[2]]) return undefined;
  return `${m[3]}-${MONTHS[m[2]]}-${m[1].padStart(2, '0')}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** Every record of the collection with a body, in file then NEWID order. */
export function* loadReuters(dir: string): Generator<ReutersDoc> {
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.sgm'))
    .sort()) {
    const sgml = readFileSync(join(dir, f), 'latin1');
    for (const m of sgml.matchAll(/<REUTERS\b[^>]*\bNEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const rec = m[2];
      const bodyRaw = /<BODY>([\s\S]*?)<\/BODY>/.exec(rec)?.[1];
      if (!bodyRaw) continue;
      const body = unescape(bodyRaw)
        .replace(/\s*Reuter\s*$/, '')
        .trim();
      if (!body) continue;
      const title = unescape(/<TITLE>([\s\S]*?)<\/TITLE>/.exec(rec)?.[1] ?? '').trim() || undefined;
      const dateline = unescape(/<DATELINE>([\s\S]*?)<\/DATELINE>/.exec(rec)?.[1] ?? '').trim();
      const id = `reuters-${m[1]}`;
      // The wire's paragraphs start with an indent; the lines inside them are hard-wrapped.
      const text = body
        .split(/\n(?= {3,})/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n\n');
      yield {
        id,
        body,
        doc: {
          source: id,
          format: 'text',
          content: dateline ? `${dateline} ${text}` : text,
          meta: { id, outlet: 'Reuters', title, published: isoDate(/<DATE>([^<]*)<\/DATE>/.exec(rec)?.[1] ?? '') },
        },
      };
    }
  }
}

/** The records of `loadReuters` as raw documents, one file read at a time. */
export async function* reutersDocs(dir: string): AsyncGenerator<RawDoc> {
  for (const d of loadReuters(dir)) yield d.doc;
}
