/**
 * Clustering and classification scores against gold labels. BCubed after Bagga & Baldwin (1998) as recommended by
 * Amigó et al. (2009): per item, precision is the share of its predicted cluster that shares its gold class, recall
 * the share of its gold class in its predicted cluster, both averaged over items. Pairwise scores count the pairs of
 * items put together.
 *
 * Every clustering score takes either two parallel arrays (`pred[i]` and `gold[i]` label item i) or two maps from
 * item id to label. With maps, the gold map decides which items are scored: an item the prediction left out counts
 * as a cluster of its own (an unclustered document is a singleton, not a free pass), and predicted items without a
 * gold label are ignored.
 */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** Cluster or class labels: parallel arrays by item position, or maps by item id. */
export type Labels = string[] | ReadonlyMap<string, string>;

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** A character no id or label contains, to key (cluster, class) cells. */
const SEP = '\u0000';

/** Both labellings as parallel arrays over the scored items. */
function aligned(pred: Labels, gold: Labels): { pred: string[]; gold: string[] } {
  if (Array.isArray(pred) && Array.isArray(gold)) {
    if (pred.length !== gold.length) throw new Error(`pred has ${pred.length} items, gold ${gold.length}`);
    return { pred, gold };
  }
  if (Array.isArray(pred) || Array.isArray(gold)) throw new Error('pred and gold must both be arrays or both maps');
  const p = pred as ReadonlyMap<string, string>;
  const g = gold as ReadonlyMap<string, string>;
  const out = { pred: [] as string[], gold: [] as string[] };
  for (const [id, cls] of g) {
    // The separator keeps a left-out item's own cluster apart from every real cluster label.
    out.pred.push(p.get(id) ?? `${SEP}unclustered${SEP}${id}`);
    out.gold.push(cls);
  }
  return out;
}

/** How many times each label occurs. */
export function count(labels: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function cells(pred: string[], gold: string[]): Map<string, number> {
  return count(pred.map((p, i) => `${p}${SEP}${gold[i]}`));
}

function groups(labels: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = out.get(l);
    if (g) g.push(i);
    else out.set(l, [i]);
  });
  return out;
}

/** BCubed precision, recall and F1 (F1 of the averaged precision and recall, as Amigó et al. define it). */
export function bcubed(predLabels: Labels, goldLabels: Labels): PRF {
  const { pred, gold } = aligned(predLabels, goldLabels);
  const n = pred.length;
  if (n === 0) return { precision: 0, recall: 0, f1: 0 };
  const cell = cells(pred, gold);
  const predSize = count(pred);
  const goldSize = count(gold);
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const both = cell.get(`${pred[i]}${SEP}${gold[i]}`)!;
    p += both / predSize.get(pred[i])!;
    r += both / goldSize.get(gold[i])!;
  }
  return { precision: p / n, recall: r / n, f1: f1(p / n, r / n) };
}

/**
 * Pairwise: a pair is positive when both items share a cluster (predicted) or a class (gold). With no predicted
 * pairs precision is 1 (nothing was wrongly joined); with no gold pairs recall is 1 (nothing was missed).
 */
export function pairwise(predLabels: Labels, goldLabels: Labels): PRF {
  const { pred, gold } = aligned(predLabels, goldLabels);
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const tp = pairs(cells(pred, gold));
  const predPairs = pairs(count(pred));
  const goldPairs = pairs(count(gold));
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}

/** The ECB+ topic of a gold story key `${topic}-ecb` / `${topic}-ecbplus`: the part before the last dash. */
export const ecbTopic = (goldClass: string): string => goldClass.replace(/-[^-]*$/, '');

/** Gold groups (e.g. ECB+ topics) with members of two or more gold classes in one predicted cluster. */
export function mergedGroups(
  predLabels: Labels,
  goldLabels: Labels,
  groupOf: (goldClass: string) => string = ecbTopic,
): number {
  const { pred, gold } = aligned(predLabels, goldLabels);
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

/**
 * BCubed and pairwise scores, and how many gold groups had two of their classes merged into one predicted cluster
 * (by default gold keys are read as ECB+ stories, so this counts topics whose two similar events were joined).
 */
export function clusterScores(
  pred: Labels,
  gold: Labels,
  groupOf: (goldClass: string) => string = ecbTopic,
): { bcubed: PRF; pairwise: PRF; mergedGroups: number } {
  return {
    bcubed: bcubed(pred, gold),
    pairwise: pairwise(pred, gold),
    mergedGroups: mergedGroups(pred, gold, groupOf),
  };
}

/**
 * Macro-averaged F1 over the gold classes of a labelling, with per-class scores. A class that is only ever
 * predicted, never gold, is not averaged (its F1 would be 0 by construction) but the items put in it still
 * count against the recall of their gold classes.
 */
export function macroF1(pairs: Array<{ gold: string; pred: string }>): {
  macroF1: number;
  perClass: Record<string, PRF>;
} {
  const classes = [...new Set(pairs.map((p) => p.gold))].sort();
  const perClass: Record<string, PRF> = {};
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of pairs) {
      if (p.pred === c && p.gold === c) tp++;
      else if (p.pred === c) fp++;
      else if (p.gold === c) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    perClass[c] = { precision, recall, f1: f1(precision, recall) };
  }
  const macro = classes.reduce((s, c) => s + perClass[c].f1, 0) / (classes.length || 1);
  return { macroF1: macro, perClass };
}
