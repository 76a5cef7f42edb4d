/**
 * Gradient-boosted shallow trees on the logistic loss (Friedman 2001; the second-order leaf values of XGBoost, Chen &
 * Guestrin 2016), on features cut into quantile bins so that each split search is one pass over the examples. Small
 * and exact enough for a pair scorer of about a dozen features and a hundred thousand pairs; the trees it returns
 * hold real-valued thresholds, so scoring needs no bins.
 */
import type { Tree } from '../src/stories/scorer.js';

export interface BoostOptions {
  rounds?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty on leaf values (XGBoost's lambda), in units of the mean example weight. */
  lambda?: number;
  /** Fewest examples a split may leave on either side. */
  minLeaf?: number;
  /** Quantile bins per feature. */
  bins?: number;
  sampleWeights?: number[];
  /**
   * Per feature: +1 where the prediction may only rise with it, -1 only fall, 0 free (XGBoost's monotone constraints:
   * a split on a constrained feature keeps its two sides' values in order, and bounds the values below them).
   */
  monotone?: number[];
}

export interface Boosted {
  base: number;
  learningRate: number;
  trees: Tree[];
}

/** Cut points of each feature at its quantiles (distinct, ascending). */
export function quantileEdges(X: ArrayLike<number>[], bins: number): number[][] {
  const d = X[0].length;
  const edges: number[][] = [];
  for (let f = 0; f < d; f++) {
    const v = X.map((x) => x[f]).sort((a, b) => a - b);
    const e: number[] = [];
    for (let b = 1; b < bins; b++) {
      const q = v[Math.floor((b / bins) * (v.length - 1))];
      if (e.length === 0 || q > e[e.length - 1]) e.push(q);
    }
    edges.push(e);
  }
  return edges;
}

/** The bin of a value: how many cut points lie below it (so `value <= edges[b]` exactly when its bin is at most b). */
function binOf(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > edges[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function evalTree(t: Tree, x: ArrayLike<number>): number {
  let n = t;
  while (typeof n !== 'number') n = x[n.feature] <= n.threshold ? n.left : n.right;
  return n;
}

export function fitBoosted(X: ArrayLike<number>[], y: number[], o: BoostOptions = {}): Boosted {
  const rounds = o.rounds ?? 100;
  const depth = o.depth ?? 2;
  const lr = o.learningRate ?? 0.1;
  const minLeaf = o.minLeaf ?? 20;
  const bins = o.bins ?? 32;
  const n = y.length;
  const d = X[0].length;
  const raw = o.sampleWeights ?? new Array<number>(n).fill(1);
  const meanW = raw.reduce((a, b) => a + b, 0) / n;
  const w = raw.map((x) => x / meanW);
  const lambda = o.lambda ?? 1;
  const edges = quantileEdges(X, bins);
  const B = X.map((x) => Uint8Array.from({ length: d }, (_, f) => binOf(edges[f], x[f])));
  const totalW = w.reduce((a, b) => a + b, 0);
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, y.reduce((s, v, i) => s + v * w[i], 0) / totalW));
  const base = Math.log(p0 / (1 - p0));
  const F = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const monotone = o.monotone ?? new Array<number>(d).fill(0);
  const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const build = (idx: number[], dep: number, lo: number, hi: number): Tree => {
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i];
      H += h[i];
    }
    const leaf = clip(G / (H + lambda), lo, hi);
    if (dep === 0 || idx.length < 2 * minLeaf) return leaf;
    let best = { gain: 1e-12, f: -1, b: 0, wl: 0, wr: 0 };
    const gs = new Float64Array(bins);
    const hs = new Float64Array(bins);
    const cs = new Int32Array(bins);
    for (let f = 0; f < d; f++) {
      gs.fill(0);
      hs.fill(0);
      cs.fill(0);
      for (const i of idx) {
        const b = B[i][f];
        gs[b] += g[i];
        hs[b] += h[i];
        cs[b]++;
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < edges[f].length; b++) {
        gl += gs[b];
        hl += hs[b];
        cl += cs[b];
        if (cl < minLeaf || idx.length - cl < minLeaf) continue;
        const wl = clip(gl / (hl + lambda), lo, hi);
        const wr = clip((G - gl) / (H - hl + lambda), lo, hi);
        if (monotone[f] * (wr - wl) < 0) continue;
        const gain = (gl * gl) / (hl + lambda) + (G - gl) ** 2 / (H - hl + lambda) - (G * G) / (H + lambda);
        if (gain > best.gain) best = { gain, f, b, wl, wr };
      }
    }
    if (best.f < 0) return leaf;
    const L = idx.filter((i) => B[i][best.f] <= best.b);
    const R = idx.filter((i) => B[i][best.f] > best.b);
    // Below a constrained split, each side stays on its side of the middle of the two values.
    const mid = (best.wl + best.wr) / 2;
    const m = monotone[best.f];
    return {
      feature: best.f,
      threshold: edges[best.f][best.b],
      left: build(L, dep - 1, m < 0 ? Math.max(lo, mid) : lo, m > 0 ? Math.min(hi, mid) : hi),
      right: build(R, dep - 1, m > 0 ? Math.max(lo, mid) : lo, m < 0 ? Math.min(hi, mid) : hi),
    };
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const trees: Tree[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-F[i]));
      g[i] = (y[i] - p) * w[i];
      h[i] = p * (1 - p) * w[i];
    }
    const t = build(all, depth, -Infinity, Infinity);
    trees.push(t);
    for (let i = 0; i < n; i++) F[i] += lr * evalTree(t, X[i]);
  }
  return { base, learningRate: lr, trees };
}

export function predictBoosted(m: Boosted, x: ArrayLike<number>): number {
  let s = m.base;
  for (const t of m.trees) s += m.learningRate * evalTree(t, x);
  return 1 / (1 + Math.exp(-s));
}
