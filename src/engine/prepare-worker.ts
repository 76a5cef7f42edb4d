import { parentPort } from 'node:worker_threads';
import { align, type AlignSide } from '../match/align.js';
import type { RawDoc } from '../model/index.js';
import { safePrepare } from './prepare-safe.js';
import { queuedOutcome } from './serialize.js';

/**
 * A thread of `PreparePool`: it runs the per-article stages (extract, clean, analyze, fingerprint, terms) on
 * `{n, doc}` (or on `{n, queued}`, answering the JSON the workers' queue stores: engine/serialize.ts) and the passage
 * alignment of two stored articles on `{n, align}`, and answers `{n, result}`; all plain data and typed arrays, copied
 * by structured clone.
 */
parentPort!.on('message', (m: { n: number; doc?: RawDoc; queued?: RawDoc; align?: [AlignSide, AlignSide] }) => {
  const result = m.align ? align(m.align[0], m.align[1]) : m.queued ? queuedOutcome(m.queued) : safePrepare(m.doc!);
  parentPort!.postMessage({ n: m.n, result });
});
