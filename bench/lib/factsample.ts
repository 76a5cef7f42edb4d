import { mkdirSync, writeFileSync } from 'node:fs';
import { analyze } from '../../src/analyze/index.js';
import type { AttributionValue, DateValue, QuantityValue } from '../../src/model/index.js';
import { mulberry32 } from '../../test/lib/random.js';
import { formatLabel, LABELLED_KINDS, type Label } from './factlabels.js';
import { allDocs, sha8, sentencesOf, type SourceDoc } from './factsources.js';

/**
 * One-off: draws the sentences of the real-text fact evaluation and writes a draft of their labels from the
 * extractor of the day, for a person to check sentence by sentence (`node --import tsx bench/lib/factsample.ts
 * SHARED OUTDIR`). The draft holds each sentence as a comment, to read while checking; the committed fixture does not.
 */

const [shared = '../shared', outDir = '/tmp/facts-draft'] = process.argv.slice(2);

/** Deterministic, so the draw can be repeated. */
const rand = mulberry32(22);
const shuffle = <T>(a: T[]) => {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** Prose: 8+ words, starts like a sentence, ends in end punctuation, and is not shouting (headlines, wire slugs). */
const prose = (s: string) =>
  s.split(/\s+/).length >= 8 &&
  s.length <= 400 &&
  /^["“‘(]?[\p{Lu}\d]/u.test(s) &&
  /[.!?]["”’)]?$/.test(s) &&
  s.replace(/[^\p{Ll}]/gu, '').length > s.replace(/[^\p{Lu}]/gu, '').length * 2;

const docs = allDocs(shared);
const pick = (pool: SourceDoc[], perDoc: number, total: number) => {
  const out: Array<ReturnType<typeof sentencesOf>[number] & { publishedAt?: string }> = [];
  for (const d of shuffle(pool)) {
    const ss = shuffle(sentencesOf(d).filter((s) => prose(s.text))).slice(0, perDoc);
    for (const s of ss) if (out.length < total) out.push({ ...s, publishedAt: d.publishedAt });
    if (out.length >= total) break;
  }
  return out;
};
const chosen = [
  ...pick(
    docs.filter((d) => d.doc.startsWith('families/')),
    2,
    170,
  ),
  ...pick(
    docs.filter((d) => d.doc.includes('reuters21578')),
    2,
    70,
  ),
  ...pick(
    docs.filter((d) => d.doc.includes('meter-courts')),
    2,
    70,
  ),
];

// Halves by document (so no article is in both), alternating over documents in hash order within each source.
const docOrder = [...new Set(chosen.map((c) => c.doc))].sort((a, b) => {
  const src = (d: string) => d.split('/')[0] + d.split('/')[1];
  return src(a).localeCompare(src(b)) || sha8(a).localeCompare(sha8(b));
});
const half = new Map(docOrder.map((d, i) => [d, i % 2 === 0 ? 'frozen' : 'tuning']));

function draft(text: string, publishedAt?: string): Label[] {
  const out: Label[] = [];
  for (const f of analyze(text, { publishedAt }).facts) {
    if (!(LABELLED_KINDS as readonly string[]).includes(f.kind)) continue;
    const l: Label = { kind: f.kind as Label['kind'], text: f.text };
    if (f.kind === 'quantity') {
      const v = f.value as QuantityValue;
      l.value = String(v.value);
      if (v.max !== undefined) l.max = v.max;
      if (/^(?:percent|usd|eur|gbp|money)$/.test(v.unit)) l.unit = v.unit;
    } else if (f.kind === 'date') l.value = (f.value as DateValue).iso;
    else if (f.kind === 'attribution')
      l.source = (f.value as AttributionValue).display ?? (f.value as AttributionValue).source;
    out.push(l);
  }
  return out;
}

mkdirSync(outDir, { recursive: true });
for (const name of ['frozen', 'tuning']) {
  const lines: string[] = [];
  for (const c of chosen.filter((x) => half.get(x.doc) === name)) {
    lines.push(`@ ${c.doc} ${c.at}+${c.len} ${c.sha}`, `# ${c.text}`, `# published ${c.publishedAt ?? '-'}`);
    for (const l of draft(c.text, c.publishedAt)) lines.push(formatLabel(l));
    lines.push('');
  }
  writeFileSync(`${outDir}/${name}.labels`, lines.join('\n'));
  console.log(name, chosen.filter((x) => half.get(x.doc) === name).length);
}
