/**
 * Average-link agglomerative clustering (UPGMA; Sokal & Michener 1958) of a symmetric similarity matrix: the two
 * clusters whose members' mean pairwise similarity is highest are merged, while that mean reaches `threshold`.
 * Cluster-to-cluster means are kept current by the Lance-Williams update for average linkage. Unlike single link,
 * one close pair does not join two groups: a story is joined by what its members say together. With `cannotLink`,
 * two clusters holding such a pair are never merged. O(n³) on n items;
 * the engine runs it on a few dozen at a time. Returns a label per item: the smallest index of its cluster.
 */
export function averageLink(
  sim: ArrayLike<number>[],
  threshold: number,
  cannotLink?: (i: number, j: number) => boolean,
): number[] {
  const n = sim.length;
  const s = sim.map((row) => Float64Array.from(row));
  // Clusters that hold a pair which must not be linked are never merged, whatever their mean (constrained
  // agglomeration: Wagstaff et al. 2001's cannot-link): set to -Infinity, which no later mean lifts.
  if (cannotLink)
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (cannotLink(i, j)) s[i][j] = s[j][i] = -Infinity;
  const size = new Array<number>(n).fill(1);
  const alive = new Array<boolean>(n).fill(true);
  const label = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = threshold;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const row = s[i];
      for (let j = i + 1; j < n; j++) {
        if (alive[j] && row[j] >= best && (bi < 0 || row[j] > best)) {
          best = row[j];
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi || k === bj) continue;
      const v = (size[bi] * s[bi][k] + size[bj] * s[bj][k]) / (size[bi] + size[bj]);
      s[bi][k] = v;
      s[k][bi] = v;
    }
    size[bi] += size[bj];
    alive[bj] = false;
    for (let k = 0; k < n; k++) if (label[k] === bj) label[k] = bi;
  }
  return label;
}
