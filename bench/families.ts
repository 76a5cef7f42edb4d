import { resolve } from 'node:path';
import { relate, type EngineOptions } from '../src/engine/engine.js';
import type { Relation } from '../src/model/index.js';
import { cosine } from '../src/stories/terms.js';
import { tfidfAverageLink } from './corpora/baseline.js';
import { loadFamilies, type FamilyDoc, type FamilyPair } from './corpora/families.js';
import { clusterScores, type PRF } from './corpora/metrics.js';
import { engineRun } from './lib/engine-run.js';

/**
 * `npm run bench -- families --corpus ../shared/families`: the engine on the real story families (their texts as a
 * user would add them, one run, file order), scored against the labelled events — same-story pairwise and BCubed
 * P/R/F1, hard negatives merged into another event's story — and against the labelled pairs: the relation the engine
 * gives each pair (its stored relation, else the verdict `diff` gives for two articles of one story; two stories when
 * it split them), as a confusion matrix (copy and spin both count as copy), and the direction of copies where one is
 * labelled. Beside it a plain TF-IDF average-link clustering of the same texts at .2/.3/.4/.5. Last line: JSON.
 * With --cv, leave-one-family-out besides; with --cv --boosted, each fold's scorer has monotone boosted trees beside its
 * linear model (`npm run train -- --boosted`).
 */

export interface FamilyRun {
  /** Predicted story of each document, by its file. */
  story: Map<string, string>;
  /** The engine's relation for each labelled pair, by `a\nb` url key; undefined when the two are in two stories. */
  relations: Map<string, Relation | undefined>;
  /** Article id by url. */
  idOf: Map<string, string>;
  /** The language the engine read each document in (ISO 639-3), by its file. */
  language: Map<string, string>;
}

const pairKey = (p: FamilyPair) => `${p.a}\n${p.b}`;

/** Runs the engine on the documents in a fresh store and reads back stories and the labelled pairs' relations. */
export async function runFamilies(
  docs: FamilyDoc[],
  pairs: FamilyPair[],
  options: EngineOptions = {},
): Promise<FamilyRun> {
  return engineRun(
    docs.map((d) => d.doc),
    options,
    async (store, articles) => {
      const bySource = new Map(articles.map((a) => [a.source, a]));
      const story = new Map<string, string>();
      const idOf = new Map<string, string>();
      const language = new Map<string, string>();
      for (const d of docs) {
        const a = bySource.get(d.file);
        if (!a) continue;
        language.set(d.file, a.cues.language ?? 'und');
        story.set(d.file, a.storyId);
        idOf.set(d.url, a.id);
      }
      const relations = new Map<string, Relation | undefined>();
      const storyCache = new Map<string, Relation[]>();
      for (const p of pairs) {
        const ia = idOf.get(p.a);
        const ib = idOf.get(p.b);
        const a = articles.find((x) => x.id === ia);
        const b = articles.find((x) => x.id === ib);
        if (!a || !b || a.storyId !== b.storyId) {
          relations.set(pairKey(p), undefined);
          continue;
        }
        let rels = storyCache.get(a.storyId);
        if (!rels) {
          rels = (await store.getStory(a.storyId))?.relations ?? [];
          storyCache.set(a.storyId, rels);
        }
        const stored = rels.find((r) => (r.from === a.id && r.to === b.id) || (r.from === b.id && r.to === a.id));
        relations.set(pairKey(p), stored ?? relate(a, b, cosine(a.terms, a.weights, b.terms, b.weights)));
      }
      return { story, relations, idOf, language };
    },
  );
}

export interface FamilyScores {
  pairwise: PRF;
  bcubed: PRF;
  hardNegatives: number;
  hardNegativesMerged: number;
  /** gold relation → engine relation → count. */
  confusion: Map<string, Map<string, number>>;
  relationAgreement: number;
  sharedSourceRecall: number;
  direction: { right: number; wrong: number; unknown: number };
}

/** Hard negatives whose predicted story holds an article of another event of their family. */
export function hardNegativesMerged(docs: FamilyDoc[], story: Map<string, string>): number {
  let merged = 0;
  for (const d of docs) {
    if (!d.hardNegative) continue;
    const s = story.get(d.file);
    if (s === undefined) continue;
    if (docs.some((o) => o.family === d.family && o.event !== d.event && story.get(o.file) === s)) merged++;
  }
  return merged;
}

const goldKind = (r: FamilyPair['relation']) => (r === 'spin' ? 'copy' : r);

/** Is the direction of this relation stated (not merely the order of arrival)? */
export function directionKnown(r: Relation): boolean {
  if (r.direction) return r.direction !== 'unknown';
  return !r.evidence.some((e) => /ordered by arrival/.test(e));
}

export function scoreFamilies(docs: FamilyDoc[], pairs: FamilyPair[], run: FamilyRun): FamilyScores {
  const pred = new Map<string, string>();
  const gold = new Map<string, string>();
  for (const d of docs) {
    gold.set(d.file, d.event);
    const s = run.story.get(d.file);
    if (s !== undefined) pred.set(d.file, s);
  }
  const q = clusterScores(pred, gold);
  const confusion = new Map<string, Map<string, number>>();
  let agree = 0;
  let shared = 0;
  let sharedRight = 0;
  const direction = { right: 0, wrong: 0, unknown: 0 };
  for (const p of pairs) {
    const r = run.relations.get(pairKey(p));
    const g = goldKind(p.relation);
    const e = r ? r.kind : 'two stories';
    const row = confusion.get(g) ?? new Map<string, number>();
    row.set(e, (row.get(e) ?? 0) + 1);
    confusion.set(g, row);
    if (e === g) agree++;
    if (g === 'shared-source') {
      shared++;
      if (e === g) sharedRight++;
    }
    if (p.direction && r && r.kind === 'copy') {
      if (!directionKnown(r)) direction.unknown++;
      else if (r.from === run.idOf.get(p.a)) direction.right++;
      else direction.wrong++;
    }
  }
  return {
    pairwise: q.pairwise,
    bcubed: q.bcubed,
    hardNegatives: docs.filter((d) => d.hardNegative).length,
    hardNegativesMerged: hardNegativesMerged(docs, run.story),
    confusion,
    relationAgreement: pairs.length ? agree / pairs.length : 0,
    sharedSourceRecall: shared ? sharedRight / shared : 0,
    direction,
  };
}

/**
 * Of `these` articles, how many share a story with every other article of their event and with none of another
 * event, as "k of n".
 */
function acrossLanguages(docs: FamilyDoc[], these: FamilyDoc[], story: Map<string, string>): string {
  const right = these.filter((d) =>
    docs.every((o) => o === d || (story.get(o.file) === story.get(d.file)) === (o.event === d.event)),
  );
  return `${right.length} of ${these.length}`;
}

/** The page text without its `url:` / `outlet:` / `date` header lines: what the baseline reads. */
export function bodyOf(content: string): string {
  return content.replace(/^(?:(?:url|outlet):[^\n]*|date \d{4}-\d\d-\d\d)\n/gm, '');
}

const f3 = (x: number) => x.toFixed(3);

/**
 * Leave-one-family-out: for each family, a pair scorer fitted on every labelled pair except those touching that
 * family (`npm run train`'s data and fit), and the engine run on all the texts with it; the held-out family's articles
 * are scored in that run only. BCubed per held-out article against the whole run's stories (a false merge with
 * another family counts); pairwise over every pair with a held-out end, counted once (in the run of the first of its
 * two families); hard negatives, relations and per-fold figures from the run that held their family out.
 */
async function crossValidate(docs: FamilyDoc[], pairs: FamilyPair[], shared: string): Promise<void> {
  const { buildTrainingPairs } = await import('../train/train.js');
  const { trainPairModel } = await import('../train/fit.js');
  const t0 = performance.now();
  const corpora = await buildTrainingPairs(shared);
  console.log(
    `training pairs built in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${corpora.map((c) => `${c.name} ${c.pairs.length}`).join(', ')}`,
  );
  const families = [...new Set(docs.map((d) => d.family))].sort();
  const order = new Map(families.map((f, k) => [f, k]));
  let bp = 0;
  let br = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let merged = 0;
  const relations = new Map<string, Relation | undefined>();
  const story = new Map<string, string>();
  const idOf = new Map<string, string>();
  const folds: Array<{ family: string; f1: number; bcubed: number }> = [];
  const language = new Map<string, string>();
  let otherLanguage = 0;
  let otherJoined = 0;
  for (const fam of families) {
    const model = trainPairModel(
      corpora,
      { corpus: 'families', groups: new Set([fam]) },
      { boosted: process.argv.includes('--boosted') },
    );
    const run = await runFamilies(docs, pairs, { assign: { model } });
    const held = docs.filter((d) => d.family === fam);
    const heldOther = held.filter((d) => run.language.get(d.file) !== 'eng');
    otherLanguage += heldOther.length;
    otherJoined += Number(acrossLanguages(docs, heldOther, run.story).split(' ')[0]);
    for (const d of held) language.set(d.file, run.language.get(d.file) ?? 'und');
    let fb = 0;
    let ftp = 0;
    let ffp = 0;
    let ffn = 0;
    for (const d of held) {
      const s = run.story.get(d.file);
      const cluster = docs.filter((o) => s !== undefined && run.story.get(o.file) === s);
      const both = cluster.filter((o) => o.event === d.event).length || 1;
      const p = both / Math.max(1, cluster.length);
      const r = both / docs.filter((o) => o.event === d.event).length;
      bp += p;
      br += r;
      fb += (2 * p * r) / (p + r);
      story.set(d.file, `${fam}\u0000${s}`);
      if (run.idOf.has(d.url)) idOf.set(d.url, run.idOf.get(d.url)!);
    }
    for (let i = 0; i < docs.length; i++)
      for (let j = i + 1; j < docs.length; j++) {
        const [a, b] = [docs[i], docs[j]];
        const first = Math.min(order.get(a.family)!, order.get(b.family)!);
        if (first !== order.get(fam)) continue;
        const same = a.event === b.event;
        const s = run.story.get(a.file);
        const together = s !== undefined && s === run.story.get(b.file);
        if (together && same) tp++;
        else if (together) fp++;
        else if (same) fn++;
        if (a.family === fam && b.family === fam) {
          if (together && same) ftp++;
          else if (together) ffp++;
          else if (same) ffn++;
        }
      }
    for (const d of held)
      if (d.hardNegative) {
        const s = run.story.get(d.file);
        if (s !== undefined && docs.some((o) => o.family === fam && o.event !== d.event && run.story.get(o.file) === s))
          merged++;
      }
    for (const p of pairs)
      if (held.some((d) => d.url === p.a)) relations.set(pairKey(p), run.relations.get(pairKey(p)));
    folds.push({
      family: fam,
      f1: ftp ? (2 * ftp) / (2 * ftp + ffp + ffn) : ffp + ffn ? 0 : 1,
      bcubed: fb / held.length,
    });
  }
  const P = tp / Math.max(1, tp + fp);
  const R = tp / Math.max(1, tp + fn);
  const BP = bp / docs.length;
  const BR = br / docs.length;
  const s = scoreFamilies(docs, pairs, { story, relations, idOf, language });
  const f1s = folds.map((f) => f.f1);
  console.log(`\nleave-one-family-out (${families.length} folds, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log('| method | pairwise P | R | F1 | BCubed P | R | F1 | hard negatives merged |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| engine, cross-validated | ${f3(P)} | ${f3(R)} | ${f3((2 * P * R) / (P + R))} | ${f3(BP)} | ${f3(BR)} | ${f3((2 * BP * BR) / (BP + BR))} | ${merged} of ${s.hardNegatives} |`,
  );
  console.log(
    `per held-out family, pairwise F1 within it: mean ${f3(f1s.reduce((a, b) => a + b, 0) / f1s.length)}, min ${f3(Math.min(...f1s))}, max ${f3(Math.max(...f1s))}; ` +
      folds.map((f) => `${f.family} ${f3(f.f1)}`).join(', '),
  );
  console.log(
    `articles not in English, each from the run that held its family out: ${otherJoined} of ${otherLanguage} in the story of their event with no other event's article`,
  );
  console.log(
    `relations (each pair from the run that held its family out): agreement ${f3(s.relationAgreement)}, shared-source recall ${f3(s.sharedSourceRecall)}`,
  );
}

export default async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--corpus');
  const root = resolve(i >= 0 ? args[i + 1] : '../shared/families');
  const fam = loadFamilies(root);
  if (!fam) {
    console.log(`no families at ${root}: pass --corpus PATH (../shared/families)`);
    return;
  }
  const { docs, pairs } = fam;
  const j = args.indexOf('--join');
  const t0 = performance.now();
  const run = await runFamilies(docs, pairs, j >= 0 ? { assign: { joinProbability: Number(args[j + 1]) } } : {});
  const sec = (performance.now() - t0) / 1000;
  const s = scoreFamilies(docs, pairs, run);
  const families = new Set(docs.map((d) => d.family)).size;
  console.log(
    `families ${root}: ${docs.length} articles, ${families} families, ${new Set(docs.map((d) => d.event)).size} events, ${pairs.length} labelled pairs; engine ${sec.toFixed(1)} s`,
  );
  console.log('| method | pairwise P | R | F1 | BCubed P | R | F1 | hard negatives merged |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| engine | ${f3(s.pairwise.precision)} | ${f3(s.pairwise.recall)} | ${f3(s.pairwise.f1)} | ${f3(s.bcubed.precision)} | ${f3(s.bcubed.recall)} | ${f3(s.bcubed.f1)} | ${s.hardNegativesMerged} of ${s.hardNegatives} |`,
  );
  const thresholds = [0.2, 0.3, 0.4, 0.5];
  const base = tfidfAverageLink(
    docs.map((d) => bodyOf(d.doc.content)),
    thresholds,
  );
  let baselineBest = 0;
  const gold = docs.map((d) => d.event);
  const otherLanguage = docs.filter((d) => run.language.get(d.file) !== 'eng');
  const joined: string[] = [`engine ${acrossLanguages(docs, otherLanguage, run.story)}`];
  base.forEach((labels, k) => {
    const b = clusterScores(labels, gold);
    const story = new Map(docs.map((d, j) => [d.file, labels[j]]));
    baselineBest = Math.max(baselineBest, b.pairwise.f1);
    joined.push(`TF-IDF ${thresholds[k]} ${acrossLanguages(docs, otherLanguage, story)}`);
    console.log(
      `| TF-IDF average link ${thresholds[k]} | ${f3(b.pairwise.precision)} | ${f3(b.pairwise.recall)} | ${f3(b.pairwise.f1)} | ${f3(b.bcubed.precision)} | ${f3(b.bcubed.recall)} | ${f3(b.bcubed.f1)} | ${hardNegativesMerged(docs, story)} of ${s.hardNegatives} |`,
    );
  });
  console.log(
    `\narticles not in English: ${otherLanguage.length} (${otherLanguage.map((d) => d.file).join(', ')}); in the story of their event with no other event's article: ${joined.join('; ')}`,
  );
  const kinds = ['copy', 'shared-source', 'same-event', 'two stories'];
  console.log(`\nrelations of the ${pairs.length} labelled pairs (rows: label, columns: engine)`);
  console.log(`| label | ${kinds.join(' | ')} |\n|---|${kinds.map(() => '---|').join('')}`);
  for (const g of ['copy', 'shared-source', 'same-event'])
    console.log(`| ${g} | ${kinds.map((k) => s.confusion.get(g)?.get(k) ?? 0).join(' | ')} |`);
  console.log(
    `relation agreement ${f3(s.relationAgreement)}; shared-source recall ${f3(s.sharedSourceRecall)}; direction of labelled copies: right ${s.direction.right}, wrong ${s.direction.wrong}, unknown ${s.direction.unknown}`,
  );
  if (args.includes('--cv')) await crossValidate(docs, pairs, resolve(root, '..'));
  console.log(
    JSON.stringify({
      articles: docs.length,
      pairwiseF1: s.pairwise.f1,
      pairwiseP: s.pairwise.precision,
      pairwiseR: s.pairwise.recall,
      bcubedF1: s.bcubed.f1,
      hardNegativesMerged: s.hardNegativesMerged,
      hardNegatives: s.hardNegatives,
      relationAgreement: s.relationAgreement,
      sharedSourceRecall: s.sharedSourceRecall,
      directionRight: s.direction.right,
      directionWrong: s.direction.wrong,
      directionUnknown: s.direction.unknown,
      baselineBestPairwiseF1: baselineBest,
    }),
  );
}
