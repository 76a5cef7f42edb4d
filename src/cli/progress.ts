import cliProgress from 'cli-progress';
import type { AddProgress } from '../engine/engine.js';

/** A live counter on stderr for long runs; silent when stderr is not a terminal (pipes, CI, files). */
export function progressReporter(stream: NodeJS.WriteStream): { update: (p: AddProgress) => void; stop: () => void } {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{read} read · {added} added · {skipped} already stored · {errors} rejected · {rate} articles/s',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = Date.now();
  bar.start(0, 0, { read: 0, added: 0, skipped: 0, errors: 0, rate: 0 });
  return {
    update: (p) => bar.update(p.read, { ...p, rate: Math.round((p.read / Math.max(1, Date.now() - t0)) * 1000) }),
    stop: () => bar.stop(),
  };
}
