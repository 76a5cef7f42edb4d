/**
 * Clustering and classification scores against gold labels. BCubed after Bagga & Baldwin (1998) as recommended by
 * Amigó et al. (2009): per item, precision is the share of its predicted cluster that shares its gold class, recall
 * the share of its gold class in its predicted cluster, both averaged over items. Pairwise scores count the pairs of
 * items put together.
 */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function groups(labels: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = out.get(l);
    if (g) g.push(i);
    else out.set(l, [i]);
  });
  return out;
}

/** `pred[i]` and `gold[i]` are the predicted cluster and gold class of item i. */
export function bcubed(pred: string[], gold: string[]): PRF {
  const n = pred.length;
  if (n === 0) return { precision: 0, recall: 0, f1: 0 };
  // Count of items per (pred, gold) cell, and per cluster and class.
  const cell = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = `${pred[i]}\u0000${gold[i]}`;
    cell.set(k, (cell.get(k) ?? 0) + 1);
    predSize.set(pred[i], (predSize.get(pred[i]) ?? 0) + 1);
    goldSize.set(gold[i], (goldSize.get(gold[i]) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const both = cell.get(`${pred[i]}\u0000${gold[i]}`)!;
    p += both / predSize.get(pred[i])!;
    r += both / goldSize.get(gold[i])!;
  }
  return { precision: p / n, recall: r / n, f1: f1(p / n, r / n) };
}

/** Pairwise: a pair is positive when both items share a cluster (predicted) or a class (gold). */
export function pairwise(pred: string[], gold: string[]): PRF {
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const count = (labels: string[]) => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const both = new Map<string, number>();
  pred.forEach((p, i) => both.set(`${p}\u0000${gold[i]}`, (both.get(`${p}\u0000${gold[i]}`) ?? 0) + 1));
  const tp = pairs(both);
  const predPairs = pairs(count(pred));
  const goldPairs = pairs(count(gold));
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}

export function clusterScores(pred: string[], gold: string[]): { bcubed: PRF; pairwise: PRF } {
  return { bcubed: bcubed(pred, gold), pairwise: pairwise(pred, gold) };
}

/** Gold groups (e.g. ECB+ topics) with members of two or more gold classes in one predicted cluster. */
export function mergedGroups(pred: string[], gold: string[], groupOf: (goldClass: string) => string): number {
  const merged = new Set<string>();
  for (const members of groups(pred).values()) {
    const byGroup = new Map<string, Set<string>>();
    for (const i of members) {
      const g = groupOf(gold[i]);
      const s = byGroup.get(g) ?? new Set<string>();
      s.add(gold[i]);
      byGroup.set(g, s);
    }
    for (const [g, classes] of byGroup) if (classes.size > 1) merged.add(g);
  }
  return merged.size;
}

/** Macro-averaged F1 over the gold classes of a labelling, with per-class scores. */
export function macroF1(pairs: Array<{ gold: string; pred: string }>): {
  macroF1: number;
  perClass: Record<string, PRF>;
} {
  const classes = [...new Set(pairs.map((p) => p.gold))].sort();
  const perClass: Record<string, PRF> = {};
  for (const c of classes) {
    const tp = pairs.filter((p) => p.gold === c && p.pred === c).length;
    const fp = pairs.filter((p) => p.gold !== c && p.pred === c).length;
    const fn = pairs.filter((p) => p.gold === c && p.pred !== c).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    perClass[c] = { precision, recall, f1: f1(precision, recall) };
  }
  const macro = classes.reduce((s, c) => s + perClass[c].f1, 0) / (classes.length || 1);
  return { macroF1: macro, perClass };
}
