import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The peer kit of `../shared/peers` (copied somewhere writable and set up with its `setup.sh`): where it is, and how
 * to run a command the way it runs its peers (pinned to one core under /usr/bin/time -v) so figures compare.
 */
export function peersDir(): string | undefined {
  const candidates = [
    process.env.NEWSTRACE_PEERS,
    resolve('.tmp/peers'),
    '/tmp/peers',
    resolve('../shared/peers'),
  ].filter(Boolean) as string[];
  return candidates.find((d) => existsSync(join(d, 'data', 'corpus-10k.jsonl')));
}

/**
 * The labelled corpus a bench reads: `--corpus FILE --truth FILE`, or the kit's `data/corpus-SIZE.jsonl` and
 * `data/truth-SIZE.jsonl` (`--size`, default 10k). Undefined, with the reason printed, when neither is there.
 */
export function labelledCorpus(
  opt: (name: string) => string | undefined,
): { corpus: string; truth: string } | undefined {
  const size = opt('size') ?? '10k';
  const dir = peersDir();
  const corpus = opt('corpus');
  if (!corpus && !dir) {
    console.log(
      'peer kit not found: copy ../shared/peers to .tmp/peers and run its setup.sh, or pass --corpus and --truth',
    );
    return undefined;
  }
  return {
    corpus: corpus ?? join(dir!, 'data', `corpus-${size}.jsonl`),
    truth: opt('truth') ?? join(dir!, 'data', `truth-${size}.jsonl`),
  };
}

export interface Timed {
  wall_s: number;
  cpu_s: number;
  maxrss_mb: number;
  stdout: string;
}

/** Runs `cmd args` pinned to `core` under GNU time, as the peers' run_peer.sh does. */
export function timed(cmd: string, args: string[], opts: { cwd?: string; core?: number } = {}): Timed {
  const tv = join(tmpdir(), `newstrace-time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-v', '-o', tv, 'taskset', '-c', String(opts.core ?? 1), cmd, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const t = readFileSync(tv, 'utf8');
  const field = (re: RegExp) => (re.exec(t)?.[1] ?? '0').trim();
  const wallParts = field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/)
    .split(':')
    .map(Number);
  const wall =
    wallParts.length === 3 ? wallParts[0] * 3600 + wallParts[1] * 60 + wallParts[2] : wallParts[0] * 60 + wallParts[1];
  return {
    wall_s: +wall.toFixed(2),
    cpu_s: +(Number(field(/User time \(seconds\): (.*)/)) + Number(field(/System time \(seconds\): (.*)/))).toFixed(2),
    maxrss_mb: Math.round(Number(field(/Maximum resident set size \(kbytes\): (.*)/)) / 1024),
    stdout: r.stdout,
  };
}

/** Runs one of the kit's peers with its own runner; returns its row from results/runs-SIZE.jsonl. */
export function runPeer(
  dir: string,
  peer: string,
  size: string,
): { name: string; wall_s: number; cpu_s: number; maxrss_mb: number; driver: unknown } {
  execFileSync('./run_peer.sh', [peer, size], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  const lines = readFileSync(join(dir, 'results', `runs-${size}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  return JSON.parse(lines[lines.length - 1]) as ReturnType<typeof runPeer>;
}

/** Scores pair files against the exact pairs with the kit's own evaluator; returns {name → {P, R, F1, R@.5-.6}}. */
export function evalPairs(
  dir: string,
  size: string,
  files: Record<string, string>,
): Record<string, { p: number; r: number; f1: number; r56: number; pairs: number }> {
  const out = execFileSync(
    'node',
    [
      'eval/eval.mjs',
      '--exact',
      `results/pairs-exact-${size}.tsv`,
      '--labels',
      `data/truth-${size}.jsonl`,
      '--corpus',
      `data/corpus-${size}.jsonl`,
      ...Object.entries(files).map(([k, v]) => `${k}=${v}`),
    ],
    { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const res: ReturnType<typeof evalPairs> = {};
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(line);
    if (m && m[1] in files) res[m[1]] = { pairs: +m[2], p: +m[3], r: +m[4], f1: +m[5], r56: +m[6] };
  }
  return res;
}
