import os from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evalPairs, peersDir, runPeer, timed } from './lib/peers.js';

/**
 * `npm run bench -- neardup [10k|50k|--size NAME] [--peers go,npm-minhash,bloom-filters,probe] [--corpus FILE]`: the
 * near-duplicate stage (shingle, sign, LSH, exact verification) on the peers' generated corpus, side by side in one
 * run with the Go minhash-lsh peer, the npm MinHash peers and the Node hash floor (the kit's probe), each run by the
 * kit's own runner pinned to one core under /usr/bin/time. Quality against the exact J ≥ 0.5 pairs by the kit's own
 * evaluator. Last line: JSON.
 */
export default async function main(args: string[]): Promise<void> {
  // The kit names corpora by size (data/corpus-SIZE.jsonl): 10k, 50k, or any other the kit's data folder holds.
  const size =
    args[args.indexOf('--size') + 1] && args.includes('--size')
      ? args[args.indexOf('--size') + 1]
      : (args.find((a) => /^\d+k$/.test(a)) ?? '50k');
  const peersArg = args[args.indexOf('--peers') + 1];
  // Every MinHash peer the kit runs without its vendored Python sources, and the probe for the hash floor.
  const peers =
    args.includes('--peers') && peersArg ? peersArg.split(',') : ['go', 'npm-minhash', 'bloom-filters', 'probe'];
  const dir = peersDir();
  if (!dir) {
    console.log('peer kit not found: copy ../shared/peers to .tmp/peers and run its setup.sh (or set NEWSTRACE_PEERS)');
    return;
  }
  const corpus = join(dir, 'data', `corpus-${size}.jsonl`);
  if (!existsSync(join(dir, 'results', `pairs-exact-${size}.tsv`))) runPeer(dir, 'exact', size);
  const minePairs = join(dir, 'results', `pairs-newstrace-${size}.tsv`);
  const mine = timed(process.execPath, ['--import', 'tsx', resolve('bench/lib/neardup-run.ts'), corpus, minePairs]);
  const phases = JSON.parse(mine.stdout.trim().split('\n').pop()!) as Record<string, number>;
  const rows: Array<{ name: string; wall_s: number; cpu_s: number; maxrss_mb: number }> = [
    { name: 'newstrace', wall_s: mine.wall_s, cpu_s: mine.cpu_s, maxrss_mb: mine.maxrss_mb },
  ];
  const pairFiles: Record<string, string> = { newstrace: minePairs };
  let floor: number | undefined;
  let classic: number | undefined;
  for (const p of peers) {
    const r = runPeer(dir, p, size);
    rows.push({ name: p, wall_s: r.wall_s, cpu_s: r.cpu_s, maxrss_mb: r.maxrss_mb });
    if (p === 'probe') {
      // The floor: reading the corpus plus one rolling 32-bit hash per 5-shingle (the probe's "read" + "scan-roll").
      const modes = (Array.isArray(r.driver) ? r.driver : [r.driver]) as Array<{ mode: string; s: number }>;
      const at = (m: string) => modes.find((x) => x.mode === m)?.s ?? 0;
      floor = +(at('read') + at('scan-roll')).toFixed(3);
      classic = +(at('read') + at('mh128')).toFixed(3);
      rows.pop();
    } else pairFiles[p] = join(dir, 'results', `pairs-${p}-${size}.tsv`);
  }
  const quality = evalPairs(dir, size, pairFiles);
  const go = rows.find((r) => r.name === 'go');
  console.log(
    `near-duplicate stage on corpus-${size} (${phases.docs} docs), one core each, same run; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'name            wall s    CPU s   peak MB   pairs        P        R       F1   R@.5-.6   wall ÷ newstrace   CPU ÷ newstrace   memory ÷ newstrace',
  );
  for (const r of rows) {
    const q = quality[r.name];
    console.log(
      `${r.name.padEnd(14)} ${r.wall_s.toFixed(2).padStart(8)} ${r.cpu_s.toFixed(2).padStart(8)} ${String(r.maxrss_mb).padStart(9)} ${q ? String(q.pairs).padStart(7) : '      -'} ${q ? q.p.toFixed(4).padStart(8) : '       -'} ${q ? q.r.toFixed(4).padStart(8) : '       -'} ${q ? q.f1.toFixed(4).padStart(8) : '       -'} ${q ? q.r56.toFixed(3).padStart(9) : '        -'}   ${(r.wall_s / mine.wall_s).toFixed(2).padStart(15)}×   ${(r.cpu_s / mine.cpu_s).toFixed(2).padStart(14)}×   ${(r.maxrss_mb / mine.maxrss_mb).toFixed(2).padStart(17)}×`,
    );
  }
  console.log(`phases (newstrace): ${JSON.stringify(phases)}`);
  if (floor) {
    console.log(
      `hash floor (read + one rolling hash per shingle, in-process): ${floor} s; with classic 128-permutation MinHash: ${classic} s; newstrace in-process total ${phases.total_s} s = ${(phases.total_s / floor).toFixed(2)}× the floor`,
    );
  }
  console.log(
    JSON.stringify({
      size,
      newstrace: { ...rows[0], ...quality.newstrace, phases },
      peers: Object.fromEntries(rows.slice(1).map((r) => [r.name, { ...r, ...quality[r.name] }])),
      floor_s: floor,
      speedupVsGo: go ? +(go.wall_s / mine.wall_s).toFixed(2) : undefined,
      // CPU time is the fairer ratio on a machine shared with other work: waiting for a core is not counted.
      cpuSpeedupVsGo: go ? +(go.cpu_s / mine.cpu_s).toFixed(2) : undefined,
      memoryVsGo: go ? +(mine.maxrss_mb / go.maxrss_mb).toFixed(2) : undefined,
      classic_s: classic,
      timesFloor: floor ? +(phases.total_s / floor).toFixed(2) : undefined,
    }),
  );
}
