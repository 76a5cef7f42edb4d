import { Worker } from 'node:worker_threads';
import type { AlignSide } from '../match/align.js';
import type { Alignment, RawDoc } from '../model/index.js';
import type { prepare } from './prepare.js';

type Result = ReturnType<typeof prepare> | Alignment | string;

/**
 * Runs the per-article stages on worker threads, so that on a machine with more than one core the next batch is
 * prepared while the main thread commits the current one to the store (the per-article stages are half of the
 * pipeline's time, see BENCHMARKS.md). The threads also align the passages of the pairs the engine relates, which
 * would otherwise be the main thread's. Jobs go round-robin to the threads; each answer comes back to the promise of
 * its job, so the caller sees results in its own order and the stories do not depend on thread timing.
 */
export class PreparePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(threads: number) {
    // Run from the TypeScript sources (tests, bench scripts), the thread needs the same loader as this process.
    const fromSource = import.meta.url.endsWith('.ts');
    const url = new URL(fromSource ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url);
    const start = () =>
      fromSource
        ? new Worker(
            `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
            { eval: true },
          )
        : new Worker(url);
    this.workers = Array.from({ length: threads }, () => {
      const w = start();
      w.on('message', (m: { n: number; result: Result }) => {
        const p = this.waiting.get(m.n);
        this.waiting.delete(m.n);
        p?.resolve(m.result);
      });
      w.on('error', (e: unknown) => this.failAll(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`a prepare thread stopped with code ${code}`));
      });
      // Not unref'd: while the engine awaits a prepared record, the threads are what keep the process running;
      // `close()` ends them.
      return w;
    });
  }

  prepare(doc: RawDoc): Promise<ReturnType<typeof prepare>> {
    return this.post({ doc }) as Promise<ReturnType<typeof prepare>>;
  }

  /** `queuedOutcome(doc)` of serialize.ts, on a thread: the JSON the workers' queue stores for the record. */
  queued(doc: RawDoc): Promise<string> {
    return this.post({ queued: doc }) as Promise<string>;
  }

  /** `align(a, b)` of match/align.ts, on a thread. */
  align(a: AlignSide, b: AlignSide): Promise<Alignment> {
    // Only what alignment reads is copied to the thread.
    const side = (x: AlignSide): AlignSide => ({ body: x.body, sentences: x.sentences });
    return this.post({ align: [side(a), side(b)] }) as Promise<Alignment>;
  }

  private post(job: object): Promise<Result> {
    const n = this.next++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(n, { resolve, reject });
      this.workers[n % this.workers.length].postMessage({ n, ...job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private failAll(e: Error): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }
}
