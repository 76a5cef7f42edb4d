import { parentPort } from 'node:worker_threads';
import type { RawDoc } from '../model/index.js';
import { safePrepare } from './prepare-safe.js';

/**
 * A thread that runs the per-article stages (extract, clean, analyze, fingerprint, terms) for `PreparePool`: it
 * receives `{n, doc}` and answers `{n, result}`; the result is plain data and typed arrays, copied by structured clone.
 */
parentPort!.on('message', (m: { n: number; doc: RawDoc }) => {
  parentPort!.postMessage({ n: m.n, result: safePrepare(m.doc) });
});
