import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSentences } from '../../src/text/sentences.js';

/**
 * Real sentences for the fact evaluation, read from `../shared` (never copied into the repository): a sentence is
 * named by its document (`families/texts/<family>/<nn>.txt`, `corpora/reuters21578/reut2-NNN.sgm#NEWID`,
 * `corpora/meter-courts/PA/rawtexts/courts/<day>/<catchline>/<file>.txt`), its offset and length in the document's
 * text as read here, and the first 8 hex digits of its SHA-1, so that a changed source is noticed, not mis-scored.
 */

export interface SourceDoc {
  /** The locator prefix, as above. */
  doc: string;
  text: string;
  publishedAt?: string;
}

export interface SentenceRef {
  doc: string;
  at: number;
  len: number;
  sha: string;
}

export const sha8 = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 8);

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#\d+|\w+);/g, (m, e: string) =>
    e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : (ENTITY[e] ?? m),
  );
const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');

/** One families text: the page text after its header lines. */
function familyDoc(shared: string, doc: string): SourceDoc {
  const raw = readFileSync(join(shared, doc), 'utf8');
  const cut = raw.indexOf('\n\n');
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const date = /^date (\d{4}-\d{2}-\d{2})$/m.exec(head)?.[1];
  return { doc, text: cut < 0 ? '' : raw.slice(cut + 2), publishedAt: date };
}

/** Reuters-21578 stories of one SGML file: BODY with its wrapped lines joined, paragraphs one a line. */
function reutersDocs(shared: string, file: string): SourceDoc[] {
  const raw = readFileSync(join(shared, file), 'latin1');
  const out: SourceDoc[] = [];
  for (const m of raw.matchAll(/<REUTERS[^>]*NEWID="(\d+)">([\s\S]*?)<\/REUTERS>/g)) {
    const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2])?.[1];
    if (!body) continue;
    const d = /<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})/.exec(m[2]);
    const publishedAt = d
      ? `${d[3]}-${String(MONTHS.indexOf(d[2]) + 1).padStart(2, '0')}-${d[1].padStart(2, '0')}`
      : undefined;
    // Each body ends in "REUTER" and the ETX control character (0x03) of the wire feed.
    const text = decode(body)
      // eslint-disable-next-line no-control-regex -- the feed's ETX is what is being removed
      .replace(/\s*\bREUTER\s*\x03?\s*$/, '')
      .split(/\n {2,}/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .join('\n');
    out.push({ doc: `${file}#${m[1]}`, text, publishedAt });
  }
  return out;
}

/** One METER PA file: paragraphs end in '<', lines inside them are joined; the header rules and stamp dropped. */
function meterDoc(shared: string, doc: string): SourceDoc {
  const raw = readFileSync(join(shared, doc), 'latin1');
  const day = /\/(\d{2})\.(\d{2})\.(\d{2})\//.exec(doc);
  const publishedAt = day ? `${Number(day[3]) < 50 ? 20 : 19}${day[3]}-${day[2]}-${day[1]}` : undefined;
  const lines = raw
    .split(/\r?\n/)
    .filter((l) => !/^\s*-{10,}\s*$/.test(l) && !/^\s*\d\d:\d\d \d\d\/\d\d\/\d\d:/.test(l));
  const text = lines
    .join('\n')
    .split('<')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return { doc, text, publishedAt };
}

const cache = new Map<string, SourceDoc>();

/** The document a locator names, or undefined where ../shared does not hold it. */
export function loadDoc(shared: string, doc: string): SourceDoc | undefined {
  const hit = cache.get(doc);
  if (hit) return hit;
  const [file] = doc.split('#');
  if (!existsSync(join(shared, file))) return undefined;
  if (file.startsWith('families/')) cache.set(doc, familyDoc(shared, doc));
  else if (file.includes('reuters21578/')) for (const d of reutersDocs(shared, file)) cache.set(d.doc, d);
  else if (file.includes('meter-courts/')) cache.set(doc, meterDoc(shared, doc));
  return cache.get(doc);
}

/** The sentence a reference names, or a reason it cannot be read. */
export function resolve(shared: string, ref: SentenceRef): { text: string; publishedAt?: string } | { error: string } {
  const d = loadDoc(shared, ref.doc);
  if (!d) return { error: `${ref.doc}: not found under ${shared}` };
  const text = d.text.slice(ref.at, ref.at + ref.len);
  if (sha8(text) !== ref.sha) return { error: `${ref.doc}@${ref.at}: text changed (sha ${sha8(text)} ≠ ${ref.sha})` };
  return { text, publishedAt: d.publishedAt };
}

/** Every sentence of a document, with its reference. */
export function sentencesOf(d: SourceDoc): Array<SentenceRef & { text: string }> {
  return splitSentences(d.text).map(([a, b]) => {
    const text = d.text.slice(a, b);
    return { doc: d.doc, at: a, len: b - a, sha: sha8(text), text };
  });
}

/** Every document of the three sources present under `shared`. */
export function allDocs(shared: string): SourceDoc[] {
  const out: SourceDoc[] = [];
  const fam = join(shared, 'families/texts');
  if (existsSync(fam))
    for (const f of readdirSync(fam).sort())
      for (const t of readdirSync(join(fam, f)).sort()) out.push(familyDoc(shared, `families/texts/${f}/${t}`));
  const reu = join(shared, 'corpora/reuters21578');
  if (existsSync(reu))
    for (const f of readdirSync(reu)
      .filter((x) => x.endsWith('.sgm'))
      .sort())
      out.push(...reutersDocs(shared, `corpora/reuters21578/${f}`));
  const pa = join(shared, 'corpora/meter-courts/PA/rawtexts/courts');
  if (existsSync(pa))
    for (const day of readdirSync(pa).sort()) {
      if (!/^\d\d\.\d\d\.\d\d$/.test(day)) continue;
      for (const story of readdirSync(join(pa, day)).sort())
        for (const f of readdirSync(join(pa, day, story))
          .filter((x) => x.endsWith('.txt'))
          .sort())
          out.push(meterDoc(shared, `corpora/meter-courts/PA/rawtexts/courts/${day}/${story}/${f}`));
    }
  return out;
}
