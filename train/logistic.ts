/**
 * Logistic regression fitted by Newton's method (iteratively reweighted least squares) with an L2 penalty on the
 * weights (not the intercept), on standardised features. Small and exact: the pair scorer has about fifteen
 * features and tens of thousands of pairs, which Newton's method fits in a dozen steps.
 */
export interface Logistic {
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / (row[i] || 1e-12));
}

export interface FitOptions {
  /** L2 penalty on the standardised weights. */
  l2?: number;
  /** Weight of each example (default 1). */
  sampleWeights?: number[];
  maxIterations?: number;
}

export function fitLogistic(X: ArrayLike<number>[], y: number[], o: FitOptions = {}): Logistic {
  const l2 = o.l2 ?? 1;
  const n = X.length;
  const d = X[0].length;
  const w = o.sampleWeights ?? new Array<number>(n).fill(1);
  const total = w.reduce((a, b) => a + b, 0);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += (w[i] * X[i][j]) / total;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (w[i] * (X[i][j] - mean[j]) ** 2) / total;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  const Z = X.map((x) => {
    const z = new Float64Array(d + 1);
    z[0] = 1;
    for (let j = 0; j < d; j++) z[j + 1] = (x[j] - mean[j]) / scale[j];
    return z;
  });
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (o.maxIterations ?? 100); it++) {
    const g = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const z = Z[i];
      let eta = 0;
      for (let j = 0; j <= d; j++) eta += z[j] * beta[j];
      const p = 1 / (1 + Math.exp(-eta));
      const r = (y[i] - p) * w[i];
      const q = p * (1 - p) * w[i];
      for (let j = 0; j <= d; j++) {
        g[j] += r * z[j];
        const qz = q * z[j];
        for (let k = j; k <= d; k++) H[j][k] += qz * z[k];
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) H[j][k] = H[k][j];
    for (let j = 1; j <= d; j++) {
      g[j] -= l2 * beta[j];
      H[j][j] += l2;
    }
    const step = solve(H, g);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { mean, scale, intercept: beta[0], weights: beta.slice(1) };
}

export function predictLogistic(m: Logistic, x: ArrayLike<number>): number {
  let z = m.intercept;
  for (let j = 0; j < m.weights.length; j++) z += (m.weights[j] * (x[j] - m.mean[j])) / m.scale[j];
  return 1 / (1 + Math.exp(-z));
}

/** Area under the ROC curve (Mann-Whitney U), ties counted half. */
export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let sum = 0;
  labels.forEach((l, i) => {
    if (l) {
      pos++;
      sum += ranks[i];
    }
  });
  const neg = labels.length - pos;
  return pos === 0 || neg === 0 ? 0.5 : (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}
