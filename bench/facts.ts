import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributions, quotes } from '../src/analyze/facts/attribution.js';
import { dates } from '../src/analyze/facts/dates.js';
import { entities } from '../src/analyze/facts/entities.js';
import { evaluateFacts, type FactCase } from '../src/analyze/facts/evaluate.js';
import { extractFacts } from '../src/analyze/facts/index.js';
import { loadedTerms } from '../src/analyze/facts/loaded.js';
import { quantities } from '../src/analyze/facts/quantity.js';
import { prepare } from '../src/engine/prepare.js';
import { clean } from '../src/clean/index.js';
import { extract } from '../src/extract/index.js';
import type { Span } from '../src/model/index.js';
import { splitSentences } from '../src/text/sentences.js';
import { arg } from './lib/corpus.js';
import { extractFacts as baselineFacts } from './lib/facts-baseline/index.js';
import { parseLabels } from './lib/factlabels.js';
import { precision, recall, score, type Extractor, type Scored } from './lib/factscore.js';
import { allDocs } from './lib/factsources.js';
import { peersDir } from './lib/peers.js';
import { eventTime } from '../src/analyze/eventtime.js';
import { existsSync } from 'node:fs';

/**
 * `npm run bench -- facts [--corpus FILE] [--limit N] [--errors frozen|tuning] [FIXTURE…]`
 *
 * 0. Precision and recall per kind on the real-text evaluation (`test/fixtures/facts/real/`, sentences read from
 *    ../shared; see its README): the frozen half and the tuning half, the extractor of today beside the extractor as of
 *    b5391c1 (`bench/lib/facts-baseline/`). `--errors HALF` prints every miss and extra of today's extractor there.
 * 1. Precision, recall and F1 per fact kind against the hand-checked sentences of `test/fixtures/facts/` (default:
 *    every `*.jsonl` there, each file scored on its own and all together).
 * 2. Speed on one core: fact extraction alone (articles/s and MB/s, and each extractor's share) and the whole
 *    per-article pipeline (extract → clean → analyze → fingerprint, `prepare()`) on the generated corpus of the peer
 *    kit (`/tmp/peers` or `../shared/peers`, see its README), or `--corpus FILE` (JSONL of `{id, text}`).
 * Last line: JSON.
 */

const FIXTURES = ['sentences.jsonl', 'heldout.jsonl', 'wire.jsonl'].map((f) => `test/fixtures/facts/${f}`);

/** Passes over the corpus for each timing; the best is kept, so one GC pause or JIT warm-up does not decide it. */
const REPS = 3;

function loadCases(file: string): FactCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FactCase);
}

function scoreTable(name: string, cases: FactCase[]): Record<string, { p: number; r: number; f1: number }> {
  const { byKind } = evaluateFacts(cases);
  console.log(`\n${name} (${cases.length} sentences)`);
  console.log('kind           expected  predicted  matched  precision  recall    F1');
  for (const k of byKind) {
    console.log(
      `${k.kind.padEnd(14)} ${String(k.expected).padStart(8)} ${String(k.predicted).padStart(10)} ${String(k.matched).padStart(8)} ${k.precision.toFixed(3).padStart(10)} ${k.recall.toFixed(3).padStart(7)} ${k.f1.toFixed(3).padStart(6)}`,
    );
  }
  return Object.fromEntries(
    byKind.map((k) => [k.kind, { p: +k.precision.toFixed(3), r: +k.recall.toFixed(3), f1: +k.f1.toFixed(3) }]),
  );
}

/** Best-of-REPS wall time of `fn` in seconds. */
function best(fn: () => void): number {
  let t = Infinity;
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t;
}

const SHARED = '../shared';
const REAL = ['frozen', 'tuning'] as const;

const current: Extractor = (text, sentences, publishedAt) => extractFacts(text, sentences, { publishedAt });
const baseline: Extractor = (text, sentences, publishedAt) => baselineFacts(text, sentences, { publishedAt });

function realTable(name: string, now: Scored, base: Scored): Record<string, unknown> {
  console.log(
    `\nreal text, ${name} half (${now.sentences} sentences${now.unreadable.length ? `, ${now.unreadable.length} unreadable` : ''})`,
  );
  console.log('kind           labelled |  today: found  precision  recall | b5391c1: found  precision  recall');
  const out: Record<string, unknown> = {};
  for (const [kind, c] of Object.entries(now.byKind)) {
    const b = base.byKind[kind as keyof typeof base.byKind];
    console.log(
      `${kind.padEnd(14)} ${String(c.expected).padStart(8)} | ${String(c.predicted).padStart(12)} ${precision(c).toFixed(3).padStart(10)} ${recall(c).toFixed(3).padStart(7)} | ${String(b.predicted).padStart(14)} ${precision(b).toFixed(3).padStart(10)} ${recall(b).toFixed(3).padStart(7)}`,
    );
    out[kind] = {
      p: +precision(c).toFixed(3),
      r: +recall(c).toFixed(3),
      baseline_p: +precision(b).toFixed(3),
      baseline_r: +recall(b).toFixed(3),
    };
  }
  for (const u of now.unreadable) console.log(`  unreadable: ${u}`);
  return out;
}

function real(errorsOf: string | undefined): Record<string, unknown> | undefined {
  if (!existsSync(join(SHARED, 'families')) && !existsSync(join(SHARED, 'corpora'))) {
    console.log(`\nreal-text evaluation skipped: ${SHARED} is absent (its sentences are read from there)`);
    return undefined;
  }
  const result: Record<string, unknown> = {};
  for (const half of REAL) {
    const cases = parseLabels(`test/fixtures/facts/real/${half}.labels`);
    const now = score(SHARED, cases, current, splitSentences);
    const base = score(SHARED, cases, baseline, splitSentences);
    result[half] = realTable(half, now, base);
    if (errorsOf === half) for (const e of now.errors) console.log(`  ${e}`);
  }
  return result;
}

/** Reuters-21578 story bodies from ../shared, as `{id, text}`: the speed corpus when no other is given. */
function reutersCorpus(limit: number): Array<{ id: string; text: string }> {
  return allDocs(SHARED)
    .filter((d) => d.doc.includes('reuters21578'))
    .slice(0, limit)
    .map((d) => ({ id: d.doc, text: d.text }));
}

function speed(corpus: string, limit: number): Record<string, number> {
  const docs: Array<{ id: string; text: string }> = [];
  if (corpus === 'reuters') docs.push(...reutersCorpus(limit));
  else
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (!line) continue;
      if (docs.length >= limit) break;
      docs.push(JSON.parse(line) as { id: string; text: string });
    }
  // Clean bodies and sentences once, so the timings below hold only what they name.
  const bodies: Array<{ body: string; sentences: Span[]; publishedAt?: string }> = [];
  for (const d of docs) {
    const ex = extract({ source: d.id, format: 'text', content: d.text, meta: { id: d.id } });
    if (!ex.ok) continue;
    const body = clean({ text: ex.value.text, title: ex.value.title, captions: ex.value.captions }).body;
    bodies.push({ body, sentences: splitSentences(body), publishedAt: ex.value.publishedAt });
  }
  const mb = bodies.reduce((n, b) => n + b.body.length, 0) / 1e6;
  let sink = 0;
  const factsS = best(() => {
    for (const b of bodies) sink += extractFacts(b.body, b.sentences, { publishedAt: b.publishedAt }).length;
  });
  const parts: Record<string, (b: (typeof bodies)[number]) => number> = {
    'attributions+quotes': (b) => {
      const a = attributions(b.body, b.sentences);
      return a.length + quotes(b.body, b.sentences, a).length;
    },
    quantities: (b) => quantities(b.body, b.sentences).length,
    dates: (b) => dates(b.body, b.sentences, b.publishedAt).length,
    entities: (b) => entities(b.body, b.sentences).length,
    'loaded terms': (b) => loadedTerms(b.body, b.sentences).length,
  };
  const partS: Record<string, number> = {};
  for (const [name, fn] of Object.entries(parts)) {
    partS[name] = best(() => {
      for (const b of bodies) sink += fn(b);
    });
  }
  // The analyze stage (sentences, facts, event time) with today's extractor and with the b5391c1 one, in this run.
  const analyzeWith = (ex: Extractor) => () => {
    for (const b of bodies) {
      const sentences = splitSentences(b.body);
      const facts = ex(b.body, sentences, b.publishedAt);
      sink += facts.length + eventTime(b.body, sentences, facts, b.publishedAt).years.length;
    }
  };
  const analyzeBaseS = best(analyzeWith(baseline));
  const analyzeS = best(analyzeWith(current));
  const prepS = best(() => {
    for (const d of docs) {
      const r = prepare({ source: d.id, format: 'text', content: d.text, meta: { id: d.id } });
      if (r.ok) sink += r.value.facts.length;
    }
  });
  const n = bodies.length;
  console.log(`\nspeed on ${corpus}: ${n} articles, ${mb.toFixed(1)} MB of clean text, best of ${REPS}, one core`);
  console.log('stage                          seconds   articles/s   MB/s');
  const row = (name: string, s: number, count: number) =>
    console.log(
      `${name.padEnd(30)} ${s.toFixed(2).padStart(7)} ${Math.round(count / s)
        .toString()
        .padStart(12)} ${(mb / s).toFixed(2).padStart(6)}`,
    );
  row('fact extraction (all kinds)', factsS, n);
  for (const [name, s] of Object.entries(partS)) row(`  ${name}`, s, n);
  row('analyze stage, b5391c1 facts', analyzeBaseS, n);
  row('analyze stage, today', analyzeS, n);
  row('per-article pipeline (prepare)', prepS, docs.length);
  if (sink < 0) console.log(sink); // keeps the work observable
  return {
    articles: n,
    mb: +mb.toFixed(2),
    facts_articles_per_s: Math.round(n / factsS),
    facts_mb_per_s: +(mb / factsS).toFixed(2),
    prepare_articles_per_s: Math.round(docs.length / prepS),
    facts_share_of_prepare: +(factsS / prepS).toFixed(3),
    analyze_articles_per_s: Math.round(n / analyzeS),
    analyze_baseline_articles_per_s: Math.round(n / analyzeBaseS),
    analyze_ratio_to_baseline: +(analyzeBaseS / analyzeS).toFixed(3),
  };
}

export default async function main(args: string[]): Promise<void> {
  const files = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const fixtures = files.length ? files : FIXTURES;
  const result: Record<string, unknown> = {};
  const realResult = files.length ? undefined : real(arg(args, 'errors'));
  if (realResult) result.real = realResult;
  const all: FactCase[] = [];
  for (const file of fixtures) {
    const cases = loadCases(file);
    all.push(...cases);
    result[file] = scoreTable(file, cases);
  }
  if (fixtures.length > 1) result.all = scoreTable('all fixtures', all);
  const dir = peersDir();
  const corpus =
    arg(args, 'corpus') ??
    (dir
      ? join(dir, 'data', 'corpus-10k.jsonl')
      : existsSync(join(SHARED, 'corpora/reuters21578'))
        ? 'reuters'
        : undefined);
  if (corpus) result.speed = speed(corpus, Number(arg(args, 'limit') ?? Infinity));
  else
    console.log(
      '\nno corpus for the speed run: copy ../shared/peers to /tmp/peers and run its setup.sh, or pass --corpus',
    );
  console.log(JSON.stringify(result));
}
