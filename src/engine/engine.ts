import { align } from '../match/align.js';
import { bandKeys } from '../match/lsh.js';
import { overlap } from '../match/verify.js';
import type { Alignment, IngestItem, Overlap, RawDoc, RecordError, Relation } from '../model/index.js';
import {
  assign,
  neighbourhoodOf,
  type Assignment,
  scoreMembers,
  touchedStories,
  ASSIGN_DEFAULTS,
  type AssignOptions,
  type Member,
  type NewArticle,
} from '../stories/assign.js';
import { membershipOf } from '../stories/membership.js';
import { neighbourCosines } from '../stories/terms.js';
import {
  classifyPair,
  dayReferences,
  translationRelation,
  type DayReferences,
  type PairSide as ProvenanceSide,
} from '../stories/provenance.js';
import { crossLingual } from '../stories/pair-features.js';
import { translationOf } from '../stories/translation.js';
import { inferredSources, type InferredSource } from '../stories/sources.js';
import { reuseMatches } from '../stories/boilerplate.js';
import { nameNorm, postingTerms, weigh } from '../stories/terms.js';
import { RecentCache } from '../store/cache.js';
import type { PhaseClock } from './clock.js';
import type { AlignableArticle, ArticleSketch, Store, StoredArticle, StoryCues } from '../store/types.js';
import { type Prepared } from './prepare.js';
import { PreparePool } from './prepare-pool.js';
import { safePrepare } from './prepare-safe.js';
import { asNewVersion } from './versions.js';
import { storyIdOf } from './ids.js';
import { lookUpReport, type LookUp } from './lookup.js';

export { safePrepare };

/** Articles prepared and written per store transaction: large enough to amortise commits, small enough to lose little. */
export const BATCH_SIZE = 256;
/** Salient terms kept per article for same-event matching (100 beat 48 on the ECB+ dev topics: F1 .856 vs .845). */
export const KEEP_TERMS = 100;
/** Terms per article put in the inverted index and used to look up neighbours. */
export const POSTING_TERMS = 16;
/** Neighbours fetched by shared salient terms. */
export const TERM_CANDIDATES = 64;
/** Relations computed for a new article: to its closest members of the story. */
export const MAX_RELATIONS = 3;
/**
 * Articles this engine stored that it keeps whole for aligning later ones with them: a new article's closest story
 * members are mostly recent, and reading them back (JSON of sentences, facts, spans) was 5% of an ingest. About 20 KB
 * each: some 80 MB at most. One of a rolled-back batch may stay here; it is read only once the store names it as a
 * neighbour again, that is once it is stored again, and an article's id and contents follow from its input.
 */
const RECENT_ARTICLES = 4096;

export interface AddProgress {
  read: number;
  added: number;
  skipped: number;
  errors: number;
}

export interface AddResult extends AddProgress {
  errorList: RecordError[];
  /** Ids of the articles this run added, in the order they were stored. */
  addedIds: string[];
  /** Ids of the records already stored, matched by stable id. */
  skippedIds: string[];
}

type Item = IngestItem | RawDoc;

function asItem(x: Item): IngestItem {
  return 'ok' in x ? x : { ok: true, doc: x };
}

export interface EngineOptions {
  /** Records per store transaction (default BATCH_SIZE). Workers and the single process must use the same value. */
  batchSize?: number;
  /**
   * Worker threads for the per-article stages (default 0: the main thread prepares). With 1 or more, the next batch
   * is prepared while the current one is committed, and the threads align the passages of the pairs the engine
   * relates (their relations are written at the end of the batch); the stories and relations are the same either way.
   */
  threads?: number;
  /** Same-story assignment settings (stories/assign.ts ASSIGN_DEFAULTS), for evaluations that vary them. */
  assign?: Partial<AssignOptions>;
  /** Times the phases of the engine's work (clock.ts), for benchmarks. */
  clock?: PhaseClock;
  /**
   * Threads that align the pairs the engine relates while its main thread goes on (a worker's prepare threads);
   * `add` with `threads` uses its own. The relations are the same: alignment is a pure function of the two texts.
   */
  alignOn?: PreparePool;
}

/** What `Engine.decide` read and decided for one prepared article. */
interface Decided {
  /** The seq the article is stored under (the store's next). */
  seq: number;
  terms: Uint32Array;
  weights: Float32Array;
  keys: ReturnType<typeof bandKeys>;
  posting: Uint32Array;
  cues: StoryCues;
  decision: Assignment;
  /** The story the article goes to once merges are settled (a new story's id when it founds one). */
  storyId: string;
  /** The stories that merge into `storyId`. */
  merge: string[];
}

export class Engine {
  private readonly recent = new RecentCache<string, StoredArticle>(RECENT_ARTICLES);
  /** The threads of `addThreaded` while it runs: they also align the pairs the engine relates. */
  private pool?: PreparePool;
  /**
   * The batch's relations whose alignment a thread is computing, written at the end of the batch's transaction, in
   * the order they were made, into the story their new article is in by then (the batch's later merges may have
   * moved it; written at once, the merge would have moved the relation with it).
   */
  private deferred: Array<{ articleId: string; ends: [string, string]; relation: Promise<Relation> }> = [];

  private readonly assign: AssignOptions;

  constructor(
    readonly store: Store,
    readonly options: EngineOptions = {},
  ) {
    this.assign = { ...ASSIGN_DEFAULTS, ...options.assign };
    this.pool = options.alignOn;
  }

  get batchSize(): number {
    return this.options.batchSize ?? BATCH_SIZE;
  }

  /**
   * Adds records in arrival order; bad records become errors and the run goes on. Every `batchSize` records read make
   * one batch, committed in one transaction — the same cut the queue of the scale-out workers makes, so both give the
   * same stories.
   */
  async add(items: AsyncIterable<Item> | Iterable<Item>, onProgress?: (p: AddProgress) => void): Promise<AddResult> {
    if (this.options.threads) return this.addThreaded(items, this.options.threads, onProgress);
    const result: AddResult = { read: 0, added: 0, skipped: 0, errors: 0, errorList: [], addedIds: [], skippedIds: [] };
    let batch: Prepared[] = [];
    let batchErrors: RecordError[] = [];
    const flush = async () => {
      const done = await this.commitBatch(batch, batchErrors);
      batch = [];
      batchErrors = [];
      result.added += done.added.length;
      result.addedIds.push(...done.added);
      result.skipped += done.skipped.length;
      result.skippedIds.push(...done.skipped);
      onProgress?.({ read: result.read, added: result.added, skipped: result.skipped, errors: result.errors });
    };
    for await (const x of items) {
      const item = asItem(x);
      result.read++;
      const r = item.ok ? safePrepare(item.doc) : item;
      if (!r.ok) {
        batchErrors.push(r.error);
        result.errors++;
        result.errorList.push(r.error);
      } else batch.push(r.value);
      if (result.read % this.batchSize === 0) await flush();
    }
    if (batch.length + batchErrors.length > 0) await flush();
    return result;
  }

  /**
   * `add` with the per-article stages on worker threads: a batch's records are handed to the threads as they are
   * read, and a batch is committed once all its records are prepared, after the batch before it — the same batches,
   * in the same order, with the same contents as `add` on the main thread, so the results are the same.
   */
  private async addThreaded(
    items: AsyncIterable<Item> | Iterable<Item>,
    threads: number,
    onProgress?: (p: AddProgress) => void,
  ): Promise<AddResult> {
    const result: AddResult = { read: 0, added: 0, skipped: 0, errors: 0, errorList: [], addedIds: [], skippedIds: [] };
    const pool = new PreparePool(threads);
    this.pool = pool;
    type Outcome = ReturnType<typeof safePrepare>;
    let pending: Array<Promise<Outcome>> = [];
    let committed: Promise<void> = Promise.resolve();
    let readCommitted = 0;
    const commitNext = (outcomes: Array<Promise<Outcome>>, prev: Promise<void>) =>
      (async () => {
        const rs = await Promise.all(outcomes);
        await prev;
        const batch: Prepared[] = [];
        const errors: RecordError[] = [];
        for (const r of rs) {
          if (r.ok) batch.push(r.value);
          else {
            errors.push(r.error);
            result.errors++;
            result.errorList.push(r.error);
          }
        }
        const done = await this.commitBatch(batch, errors);
        readCommitted += rs.length;
        result.added += done.added.length;
        result.addedIds.push(...done.added);
        result.skipped += done.skipped.length;
        result.skippedIds.push(...done.skipped);
        onProgress?.({ read: readCommitted, added: result.added, skipped: result.skipped, errors: result.errors });
      })();
    try {
      for await (const x of items) {
        const item = asItem(x);
        result.read++;
        pending.push(item.ok ? pool.prepare(item.doc) : Promise.resolve(item));
        if (result.read % this.batchSize === 0) {
          // At most two batches in flight: the one being committed and the one being prepared.
          const prev = committed;
          committed = commitNext(pending, prev);
          pending = [];
          await prev;
        }
      }
      if (pending.length > 0) committed = commitNext(pending, committed);
      await committed;
    } finally {
      this.pool = this.options.alignOn;
      await pool.close();
    }
    return result;
  }

  /**
   * Commits one batch in one transaction: its errors recorded, its articles inserted online in time order (earlier
   * publications first, unknown dates last, ties by arrival), those already stored skipped by their stable id.
   */
  async commitBatch(prepared: Prepared[], errors: RecordError[]): Promise<{ added: string[]; skipped: string[] }> {
    const added: string[] = [];
    const skipped: string[] = [];
    this.deferred = [];
    await this.store.transaction(async () => {
      const at = new Date().toISOString();
      for (const e of errors) await this.store.putError({ ...e, at });
      const ordered = prepared
        .map((p, i) => ({ p, i }))
        .sort((x, y) => cmpDate(x.p.extracted.publishedAt, y.p.extracted.publishedAt) || x.i - y.i)
        .map((x) => x.p);
      for (const q of ordered) {
        // Stored already: skipped when unchanged, else stored as its next version (versions.ts).
        const p = await asNewVersion(this.store, q);
        if (!p) {
          skipped.push(q.id);
          continue;
        }
        await this.insert(p);
        added.push(p.id);
      }
      this.options.clock?.start();
      await this.putDeferred();
      this.options.clock?.lap('relations');
    });
    this.options.clock?.lap('commit');
    return { added, skipped };
  }

  /**
   * Where a prepared article would go, read from the store without writing anything: its weights and index keys, its
   * scored candidates and the assignment (stories/assign.ts). `insert` writes what this decides; `lookUp` reports it.
   */
  private async decide(p: Prepared): Promise<Decided> {
    const store = this.store;
    const clock = this.options.clock;
    clock?.start();
    // Articles stored so far, for IDF; max(seq) is an index look-up where count(*) would scan.
    const seq = await store.nextSeq();
    const n = seq - 1;
    const df = await store.documentFrequencies(p.vector.terms);
    const { terms, weights } = weigh(p.vector, df, n, KEEP_TERMS);
    const keys = bandKeys(p.signature);
    const posting = postingTerms(terms, weights, POSTING_TERMS, p.language);
    clock?.lap('weigh');
    const candIds = new Set(await store.bandCandidates(keys));
    for (const id of await store.termCandidates(posting, TERM_CANDIDATES)) candIds.add(id);
    // An article looked up again is not its own candidate (a new one is never among them).
    candIds.delete(p.id);
    clock?.lap('look-up');
    const sketches = await store.getSketches([...candIds]);
    clock?.lap('sketches');
    const cues: StoryCues = { figures: p.figureTerms, eventTime: p.eventTime, language: p.language };
    const me: NewArticle = {
      id: p.id,
      terms,
      weights,
      shingles: p.shingles,
      figures: cues.figures,
      eventTime: cues.eventTime,
      language: p.language,
    };
    const { overlaps } = reuseMatches(p.shingles, sketches);
    const bNames = nameNorm(terms, weights);
    const cos = new Float64Array(2);
    const member = (s: ArticleSketch, o: Overlap): Member => {
      neighbourCosines(s.terms, s.weights, terms, weights, bNames, cos);
      return {
        id: s.id,
        seq: s.seq,
        storyId: s.storyId,
        publishedAt: s.publishedAt,
        shingles: s.shingles,
        terms: s.terms,
        weights: s.weights,
        figures: s.cues.figures,
        eventTime: s.cues.eventTime,
        language: s.cues.language,
        overlap: o,
        cos: cos[0],
        names: cos[1],
      };
    };
    const members = sketches.map((s, c) => member(s, overlaps[c]));
    clock?.lap('overlap');
    const hood = neighbourhoodOf(me, members, this.assign.neighbourhoodSize);
    let scored = scoreMembers(me, members, hood, this.assign.model);
    // The small stories the article is close to are scored whole, so that they can be clustered again.
    const complete = new Set<string>();
    // A larger story is scored on its earliest members too (`storyAnchors`): the look-up finds the members most like
    // the article, and a mean over those alone would let a story grow by a chain of look-alikes.
    for (const id of touchedStories(scored, this.assign)) {
      const size = await store.storySize(id);
      const large = size > this.assign.reclusterMax;
      if (!large) {
        complete.add(id);
        // All of its members among the candidates already: nothing to read.
        if (members.reduce((n, m) => n + (m.storyId === id ? 1 : 0), 0) === size) continue;
      }
      const limit = large ? this.assign.storyAnchors : this.assign.reclusterMax;
      const missing = (await store.storyArticleIds(id, limit)).filter((m) => !candIds.has(m) && m !== p.id);
      const extra = (await store.getSketches(missing)).filter((s) => s.storyId === id);
      scored = [
        ...scored,
        ...scoreMembers(
          me,
          extra.map((s) => member(s, overlap(p.shingles, s.shingles))),
          hood,
          this.assign.model,
        ),
      ];
    }
    scored.sort((a, b) => b.p - a.p || a.member.seq - b.member.seq);
    const decision = assign(me, scored, complete, hood, this.assign);
    // Of the stories the article joins and merges, the largest keeps its id and the others move into it: a merge
    // costs the size of the story that moves, and a story that keeps growing would otherwise move again and again.
    let storyId = decision.storyId ?? storyIdOf(p.id);
    let merge = decision.merge;
    if (merge.length > 0) {
      const all = [storyId, ...merge];
      const sizes = await Promise.all(all.map((id) => store.storySize(id)));
      let best = 0;
      for (let i = 1; i < all.length; i++) if (sizes[i] > sizes[best]) best = i;
      storyId = all[best];
      merge = all.filter((_, i) => i !== best);
    }
    clock?.lap('decide');
    return { seq, terms, weights, keys, posting, cues, decision, storyId, merge };
  }

  /**
   * What a record is, read against the store without storing it: the story it tells, the closest stored version and
   * what it changes against it, where it comes from (`lookup.ts`). A record that cannot be read gives its error.
   */
  async lookUp(doc: RawDoc): Promise<{ ok: true; value: LookUp } | { ok: false; error: RecordError }> {
    const r = safePrepare(doc);
    if (!r.ok) return r;
    const p = r.value;
    const stored = await this.store.hasArticle(p.id);
    const d = await this.decide(p);
    const isNew = founds(d.decision);
    const article = storedArticleOf(p, d, this.membership(d.decision));
    // The story it joins under the id it keeps after merges; a group re-clustered out of other stories, by its members'.
    const storyId = isNew
      ? undefined
      : d.decision.storyId !== undefined
        ? d.storyId
        : d.decision.members[0]?.member.storyId;
    const value = await lookUpReport(
      this.store,
      article,
      { decision: d.decision, storyId, merge: storyId === undefined ? [] : d.merge, stored },
      relate,
    );
    return { ok: true, value };
  }

  /** Why a decided article is in its story, or why it founds one. */
  private membership(decision: Assignment): StoredArticle['membership'] {
    return membershipOf(
      founds(decision) ? 'founded' : 'joined',
      decision.score,
      decision.members,
      decision.scored,
      this.assign.joinProbability,
    );
  }

  private async insert(p: Prepared): Promise<void> {
    const store = this.store;
    const clock = this.options.clock;
    const d = await this.decide(p);
    const { seq, keys, posting, decision, storyId, merge } = d;
    const at = new Date().toISOString();
    const article = storedArticleOf(p, d, this.membership(decision));
    await store.putArticle(article, keys, posting);
    clock?.lap('write');
    for (const other of merge) {
      await store.mergeStories(other, storyId);
      await store.putStoryChange({
        at,
        kind: 'merged',
        articleId: p.id,
        from: other,
        to: storyId,
        cause: p.id,
        score: decision.score,
      });
    }
    // Members the local clustering sets apart from their story: to the article's story, or together to one of their own.
    const groups = new Map<string, string>();
    const moved: Array<{ id: string; to: string }> = [];
    for (const m of decision.moves) {
      let to = m.to === undefined ? storyId : m.to;
      if (to.startsWith('group:')) {
        let id = groups.get(to);
        if (!id) {
          id = this.splitStoryId(m.id, seq);
          groups.set(to, id);
        }
        to = id;
      }
      const membership = membershipOf('moved', m.score, []);
      await store.moveArticle(m.id, to, membership);
      // A move drops the member's relations in the story it leaves; those not written yet go the same way.
      if (this.deferred.length > 0) this.deferred = this.deferred.filter((x) => !x.ends.includes(m.id));
      await store.putStoryChange({ at, kind: 'moved', articleId: m.id, from: m.from, to, cause: p.id, score: m.score });
      moved.push({ id: m.id, to });
    }
    clock?.lap('merge');
    this.recent.set(article.id, article);
    // Relations: the article with its closest members of its story, and each moved member with its closest member in
    // the story it went to (its relations in the story it left went with the move).
    const related = decision.members
      .slice(0, MAX_RELATIONS)
      .map((s) => ({ a: s.member.id, b: article.id, topical: s.member.cos }));
    for (const m of moved) {
      if (m.to !== storyId) continue;
      const s = decision.scored.find((x) => x.member.id === m.id);
      related.push({ a: m.id, b: article.id, topical: s?.member.cos ?? 0 });
    }
    if (related.length > 0) {
      // Alignment reads the texts, sentences, facts and shingles of both sides, never the story id (which a merge
      // may have changed since): the engine's own copy of a recent article serves.
      const byId = new Map<string, AlignableArticle>();
      const missing: string[] = [];
      for (const id of new Set(related.flatMap((r) => [r.a, r.b]))) {
        const a = this.recent.get(id);
        if (a) byId.set(a.id, a);
        else missing.push(id);
      }
      for (const a of await store.getAlignable(missing)) byId.set(a.id, a);
      clock?.lap('align-read');
      for (const r of related) {
        const a = byId.get(r.a);
        const b = byId.get(r.b);
        if (!a || !b) continue;
        const translated = translationBetween(a, b, r.topical);
        if (translated) await store.putRelation(storyId, translated);
        else if (this.pool) {
          const relation = this.pool.align(a, b).then((al) => relationOf(a, b, r.topical, al));
          // Awaited at the batch's end, where a failed alignment fails the batch; until then it is not unhandled.
          relation.catch(() => {});
          this.deferred.push({ articleId: r.b, ends: [r.a, r.b], relation });
        } else await store.putRelation(storyId, relate(a, b, r.topical));
      }
    }
    clock?.lap('relate');
    await store.refreshStory(storyId);
    clock?.lap('story');
  }

  /**
   * The id of a story split off by a re-clustering: its earliest member's and the seq of the article whose arrival
   * split it, so that no id is ever used twice (a story merged away keeps its old id in the stores' redirects).
   */
  private splitStoryId(memberId: string, seq: number): string {
    return `${storyIdOf(memberId)}-${seq}`;
  }

  /** Writes the batch's deferred relations, once their alignments are in, inside the batch's transaction. */
  private async putDeferred(): Promise<void> {
    const deferred = this.deferred;
    this.deferred = [];
    if (deferred.length === 0) return;
    const ids = [...new Set(deferred.map((d) => d.articleId))];
    const storyOf = new Map((await this.store.getSketches(ids)).map((s) => [s.id, s.storyId]));
    for (const d of deferred) await this.store.putRelation(storyOf.get(d.articleId)!, await d.relation);
  }

  /** Re-runs every stage on the stored raw input into `target` (a fresh store), in the original arrival order. */
  async reprocessInto(target: Store, onProgress?: (p: AddProgress) => void): Promise<AddResult> {
    const source = this.store;
    async function* raws(): AsyncIterable<RawDoc> {
      let after = 0;
      for (;;) {
        const page = await source.rawDocs(after, 1000);
        if (page.length === 0) return;
        for (const r of page) yield r.raw;
        after = page[page.length - 1].seq;
      }
    }
    return new Engine(target, this.options).add(raws(), onProgress);
  }
}

/** The article founds a story: no story named and no member to join (a re-clustered group has members). */
function founds(decision: Assignment): boolean {
  return decision.storyId === undefined && decision.members.length === 0;
}

/** What a decided article would be stored as. */
function storedArticleOf(p: Prepared, d: Decided, membership: StoredArticle['membership']): StoredArticle {
  const x = p.extracted;
  return {
    id: p.id,
    seq: d.seq,
    source: p.raw.source,
    outlet: x.outlet,
    url: x.url,
    title: x.title,
    publishedAt: x.publishedAt,
    byline: x.byline,
    dateline: p.cleaned.dateline?.text,
    raw: p.raw,
    text: x.text,
    body: p.cleaned.body,
    kept: p.cleaned.kept,
    removed: p.cleaned.removed,
    sentences: p.sentences,
    facts: p.facts,
    shingles: p.shingles,
    signature: p.signature,
    terms: d.terms,
    weights: d.weights,
    cues: d.cues,
    storyId: d.storyId,
    membership,
  };
}

/**
 * The relation between two stored articles, with passages aligned on their clean bodies; for two texts in two
 * languages, a translation where one renders the other sentence by sentence, else what `classifyPair` reads.
 */
export function relate(a: AlignableArticle, b: AlignableArticle, topical: number): Relation {
  return translationBetween(a, b, topical) ?? relationOf(a, b, topical, align(a, b));
}

/** The translation relation of two articles in two languages where one renders the other; else undefined. */
function translationBetween(a: AlignableArticle, b: AlignableArticle, topical: number): Relation | undefined {
  if (!crossLingual(a.cues, b.cues)) return undefined;
  const [la, lb] = [a.cues.language!, b.cues.language!];
  const t = translationOf(
    { body: a.body, sentences: a.sentences, language: la },
    { body: b.body, sentences: b.sentences, language: lb },
  );
  return t && translationRelation(sideOf(a), sideOf(b), [la, lb], t, topical);
}

/**
 * What the provenance reads of an article's text besides the alignment: its day references and inferred sources, per
 * article object (the engine's recent articles are related again and again as new ones join their stories; their
 * texts do not change).
 */
const textCues = new WeakMap<AlignableArticle, { dayRefs: DayReferences; sources: InferredSource[] }>();

function textCuesOf(a: AlignableArticle): { dayRefs: DayReferences; sources: InferredSource[] } {
  let c = textCues.get(a);
  if (!c) {
    c = { dayRefs: dayReferences(a.body), sources: inferredSources(a.body, a.outlet) };
    textCues.set(a, c);
  }
  return c;
}

/** The relation between two stored articles whose bodies `alignment` aligned (A with B). */
function relationOf(a: AlignableArticle, b: AlignableArticle, topical: number, alignment: Alignment): Relation {
  return classifyPair({
    a: sideOf(a),
    b: sideOf(b),
    overlap: overlap(a.shingles, b.shingles),
    alignment,
    topical,
  });
}

/** What the provenance reads of a stored article. */
function sideOf(a: AlignableArticle): ProvenanceSide {
  const c = textCuesOf(a);
  return {
    id: a.id,
    seq: a.seq,
    publishedAt: a.publishedAt,
    bodyLength: a.body.length,
    facts: a.facts,
    dayRefs: c.dayRefs,
    body: a.body,
    outlet: a.outlet,
    sources: c.sources,
  };
}

function cmpDate(a?: string, b?: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}

/** A crash inside a stage on one record must not stop the batch: it becomes that record's error. */
