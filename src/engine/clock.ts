/**
 * The parts of the engine's work on one batch, in the order they happen: per article, its weights from the stored
 * document frequencies (`weigh`), the candidate look-up (`look-up`), their sketches (`sketches`), reuse overlaps and
 * term cosines against them (`overlap`), the story decision (`decide`), the article's rows (`write`), story merges
 * (`merge`), reads of the partners it is aligned with (`align-read`), its relations written or handed to a thread
 * (`relate`) and its story's summary (`story`); per batch, the relations the threads aligned, waited for and written
 * (`relations`), and the transaction's commit (`commit`).
 */
export const PHASES = [
  'weigh',
  'look-up',
  'sketches',
  'overlap',
  'decide',
  'write',
  'merge',
  'align-read',
  'relate',
  'story',
  'relations',
  'commit',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Wall time the engine spends in each phase (`PHASES`), summed over a run: what `bench scale --phases` reports per
 * window, to say which part of the cost per article grows with the store. A lap is one `performance.now()`; an engine
 * without a clock takes none.
 */
export class PhaseClock {
  private readonly sums = new Float64Array(PHASES.length);
  private at = 0;

  /** Starts timing the next phase from now. */
  start(): void {
    this.at = performance.now();
  }

  /** Adds the time since the last lap (or start) to `phase`. */
  lap(phase: Phase): void {
    const t = performance.now();
    this.sums[PHASES.indexOf(phase)] += t - this.at;
    this.at = t;
  }

  /** Milliseconds per phase since the last `take`, and starts them again from zero. */
  take(): Record<Phase, number> {
    const out = Object.fromEntries(PHASES.map((p, i) => [p, this.sums[i]])) as Record<Phase, number>;
    this.sums.fill(0);
    return out;
  }
}
