/** Small measuring helpers shared by the bench scripts. */

/** The q-quantile (0–1) of a list of numbers, by the nearest-rank method. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Samples the process's resident set size every `ms` milliseconds; `stop()` returns the peak in MB. */
export function rssSampler(ms = 100): { peakMB: () => number; stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), ms);
  timer.unref();
  const peakMB = () => Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6);
  return {
    peakMB,
    stop: () => {
      clearInterval(timer);
      return peakMB();
    },
  };
}

/** Times `n` calls of an async function; returns the latencies in milliseconds. */
export async function latencies(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}
