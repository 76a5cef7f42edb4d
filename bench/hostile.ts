import os from 'node:os';
import { hostileDoc, KINDS, timePrepare, type Kind } from './lib/hostile.js';

/**
 * `npm run bench -- hostile [--sizes 1,4,16] [--kinds normal,unpunctuated,…]`: seconds per MB of every per-article
 * stage (extract, clean, analyze, fingerprint) on inputs built to be slow — one line without sentence punctuation, one
 * word repeated, deeply nested HTML, random bytes — beside normal text of the same size in the same run. The figure
 * to watch is the ratio to normal text per MB: time linear in the input keeps it flat as the size grows.
 */
const MB = 1 << 20;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export default async function main(args: string[]): Promise<void> {
  const sizes = (arg(args, 'sizes') ?? '1,4,16').split(',').map(Number);
  const kinds = (arg(args, 'kinds')?.split(',') ?? [...KINDS]) as Kind[];
  if (!kinds.includes('normal')) kinds.unshift('normal');
  // Warm-up: the first run compiles every stage's code and loads its data.
  timePrepare(hostileDoc('normal', 64 * 1024));
  const rows: Array<{ kind: Kind; mb: number; seconds: number; sPerMb: number; ratio: number; ok: boolean }> = [];
  console.log(
    `per-article stages on one record each, one process; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log('kind             MB   seconds     s/MB   × normal   stored');
  for (const mb of sizes) {
    let normalPerMb = 0;
    for (const kind of kinds) {
      const doc = hostileDoc(kind, Math.round(mb * MB));
      const r = timePrepare(doc);
      const sPerMb = r.seconds / mb;
      if (kind === 'normal') normalPerMb = sPerMb;
      const row = {
        kind,
        mb,
        seconds: +r.seconds.toFixed(3),
        sPerMb: +sPerMb.toFixed(3),
        ratio: +(sPerMb / normalPerMb).toFixed(2),
        ok: r.ok,
      };
      rows.push(row);
      console.log(
        `${kind.padEnd(14)} ${String(mb).padStart(4)} ${r.seconds.toFixed(2).padStart(9)} ${sPerMb.toFixed(3).padStart(8)} ${row.ratio.toFixed(2).padStart(10)}   ${r.ok ? 'yes' : `no: ${r.reason}`}`,
      );
    }
  }
  const worst = rows.filter((r) => r.kind !== 'normal').reduce((m, r) => Math.max(m, r.ratio), 0);
  console.log(JSON.stringify({ rows, worstRatio: worst }));
}
