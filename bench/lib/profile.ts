import { Session } from 'node:inspector/promises';

/** Self time of one group of code in a CPU profile. */
export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by pipeline stage (`src/<stage>/`), package (`node_modules/<name>`) or runtime part. */
  byGroup: ProfileRow[];
  /** Self time by function (`name file:line`). */
  byFunction: ProfileRow[];
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: the pipeline stage for the project's own code, the package for dependencies. */
export function groupOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : 'native';
  const src = /\/src\/([^/]+)\//.exec(url) ?? /\/src\/([^/]+)\.ts/.exec(url);
  if (src && !url.includes('node_modules')) return `src/${src[1]}`;
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  if (url.startsWith('node:')) return 'node runtime';
  if (url.includes('/bench/')) return 'bench';
  return url;
}

/**
 * Runs `fn` under the V8 sampling profiler of this process (what `node --cpu-prof` records, for one part of a run)
 * and sums self time by group and by function.
 */
export async function profiled<T>(fn: () => Promise<T>): Promise<{ result: T; profile: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms sampling: fine enough for runs of seconds, coarse enough to cost little.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  let profile: CpuProfile;
  let result: T;
  try {
    result = await fn();
  } finally {
    profile = ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
    session.disconnect();
  }
  return { result, profile: summarise(profile) };
}

export function summarise(p: CpuProfile): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Native code (SQLite statements, regular expressions, JSON) is charged to the JavaScript that called it.
  const caller = (n: CpuNode): CpuNode | undefined => {
    let id = parent.get(n.id);
    while (id !== undefined) {
      const q = byId.get(id)!;
      if (q.callFrame.url) return q;
      id = parent.get(id);
    }
    return undefined;
  };
  const group = new Map<string, number>();
  const func = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    if (!n || n.callFrame.functionName === '(idle)') continue;
    total += dt;
    const { functionName, url, lineNumber } = n.callFrame;
    const from = !url && !functionName.startsWith('(') ? caller(n) : undefined;
    // The profiler's own work when it stops is not the pipeline's.
    if (from?.callFrame.url === 'node:inspector') continue;
    const g = from
      ? `${groupOf(from.callFrame.url, from.callFrame.functionName)} (native calls)`
      : groupOf(url, functionName);
    group.set(g, (group.get(g) ?? 0) + dt);
    const where = (c: CpuNode['callFrame']) =>
      `${c.functionName || '(anonymous)'} ${c.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}`;
    const f = from ? `${functionName} ← ${where(from.callFrame)}` : `${where(n.callFrame)}:${lineNumber + 1}`;
    func.set(f, (func.get(f) ?? 0) + dt);
  }
  const rows = (m: Map<string, number>) =>
    [...m].map(([name, ms]) => ({ name, ms, share: total ? ms / total : 0 })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total, byGroup: rows(group), byFunction: rows(func) };
}

/** A markdown table of the heaviest rows. */
export function profileTable(title: string, rows: ProfileRow[], top: number): string {
  const lines = [`| ${title} | self ms | share |`, '|---|---|---|'];
  for (const r of rows.slice(0, top))
    lines.push(`| ${r.name} | ${Math.round(r.ms)} | ${(100 * r.share).toFixed(1)}% |`);
  return lines.join('\n');
}
