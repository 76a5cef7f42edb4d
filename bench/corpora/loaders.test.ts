import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ecbText, readEcbPlus } from './ecbplus.js';
import { loadMeter } from './meter.js';
import { reutersDocs, unescape } from './reuters.js';

/** Shape checks on a few files of each real corpus; each skipped with the reason where its folder is absent. */
const root = resolve(process.cwd(), '../shared/corpora');
const corpus = (name: string) => {
  const dir = join(root, name);
  const ok = existsSync(dir);
  if (!ok)
    console.warn(`${name} loader test skipped: ${dir} is absent (real corpora are not shipped with the project)`);
  return { dir, ok };
};
const ecb = corpus('ecbplus-dev');
const meter = corpus('meter-courts');
const reuters = corpus('reuters21578');
const tmp = mkdtempSync(join(tmpdir(), 'nt-loaders-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ECB+ text rebuilt from tokens', () => {
  const tok = (s: number, words: string[]) =>
    words.map((w, i) => `<token t_id="${i}" sentence="${s}" number="${i}">${w}</token>`).join('\n');
  it('takes a URL-only first sentence out as url and outlet, and closes up punctuation', () => {
    const xml = `<Document doc_name="x">${tok(0, ['http', ':', '/', '/', 'www', '.', 'example', '.', 'com', '/', 'a'])}
${tok(1, ['Reid', "'s", 'rep', 'said', ':', '``', 'She', 'is', "n't", 'well', '(', 'really', ')', '.', "''"])}
${tok(2, ['A', '33', '-', 'year', '-', 'old', 'on', '05', '/', '02', '/', '2013', ',', '"', 'ok', '"', '&amp;', 'more'])}</Document>`;
    const r = ecbText(xml);
    expect(r.url).toBe('http://www.example.com/a');
    expect(r.outlet).toBe('example.com');
    expect(r.text).toBe("Reid's rep said: “She isn't well (really).”\n\nA 33-year-old on 05/02/2013, “ok” & more");
  });
  it.skipIf(!ecb.ok)('loads topic 1 with both gold events and outlet URLs', async () => {
    symlinkSync(join(ecb.dir, '1'), join(tmp, '1'));
    const docs = await readEcbPlus(tmp);
    expect(docs.length).toBeGreaterThan(10);
    expect(new Set(docs.map((d) => d.gold))).toEqual(new Set(['1-ecb', '1-ecbplus']));
    for (const d of docs) {
      expect(d.doc.content.trim().length).toBeGreaterThan(0);
      expect(d.doc.content).not.toMatch(/^https?:|\s[,.;:]\s/);
    }
    const plus = docs.filter((d) => d.gold === '1-ecbplus');
    expect(plus.every((d) => /^https?:\/\/\S+$/.test(d.doc.meta.url ?? '') && d.doc.meta.outlet)).toBe(true);
  });
});

describe('METER', () => {
  it.skipIf(!meter.ok)('PA copy with filing times; newspaper articles labelled, all three labels present', () => {
    const docs = loadMeter(meter.dir);
    const pa = docs.filter((d) => d.kind === 'pa');
    const news = docs.filter((d) => d.kind === 'newspaper');
    expect(pa.length).toBeGreaterThan(100);
    expect(pa.every((d) => /T\d\d:\d\d/.test(d.doc.meta.published ?? '') && d.catchline)).toBe(true);
    expect(news.every((d) => d.label && d.catchline && /^\d{4}-\d\d-\d\d$/.test(d.doc.meta.published ?? ''))).toBe(
      true,
    );
    expect(new Set(news.map((d) => d.label))).toEqual(new Set(['wholly-derived', 'partially-derived', 'non-derived']));
    expect(docs.every((d) => d.doc.content.trim() && !/<\w/.test(d.doc.content))).toBe(true);
  });
});

describe('Reuters-21578', () => {
  it('decodes the collection entities and drops transmission control codes', () => {
    expect(unescape('&lt;TCB&gt; A &amp;amp; B&#3;&#127;')).toBe('<TCB> A &amp; B');
  });
  it.skipIf(!reuters.ok)('yields dated, titled text records', async () => {
    const docs = [];
    for await (const d of reutersDocs(reuters.dir)) {
      docs.push(d);
      if (docs.length === 200) break;
    }
    expect(docs.length).toBe(200);
    expect(docs.every((d) => d.content.trim() && !/&#\d+;|&lt;|&amp;/.test(d.content))).toBe(true);
    expect(docs.every((d) => /^1987-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(d.meta.published ?? ''))).toBe(true);
    expect(docs.filter((d) => d.meta.title).length).toBeGreaterThan(150);
  });
});
