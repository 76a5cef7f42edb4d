import { isStopword } from '../../src/text/stopwords.js';
import { averageLink } from '../../src/stories/linkage.js';

/**
 * A plain same-story baseline, for side-by-side runs with the engine's story clustering: online single-pass clustering
 * of TF-IDF vectors against story centroids. Each document, in arrival order, is weighed with the document
 * frequencies of the documents before it (sub-linear term frequency, IDF `ln((n + IDF_PRIOR) / (df + 1))`, as the
 * engine weighs its terms), words lower-cased, stop words out, not stemmed; it joins the story whose centroid (the
 * normalised sum of its members' unit vectors) is most like it by cosine, if that reaches `threshold`, else starts a
 * story. No names, figures, reuse or time: what words alone give.
 */
export const IDF_PRIOR = 20;

type Vec = Map<string, number>;

function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]/gu))
    if (!isStopword(m[0])) out.push(m[0]);
  return out;
}

/** Story labels (`c0`, `c1`, …) of the texts, clustered online in the order given, at each threshold. */
export function onlineCentroids(texts: string[], thresholds: number[]): string[][] {
  const df = new Map<string, number>();
  const vectors: Vec[] = [];
  texts.forEach((text, n) => {
    const tf = new Map<string, number>();
    for (const w of words(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: Vec = new Map();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = (1 + Math.log(c)) * Math.log((n + IDF_PRIOR) / ((df.get(w) ?? 0) + 1));
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    vectors.push(v);
  });
  return thresholds.map((threshold) => {
    const sums: Array<{ sum: Vec; norm: number }> = [];
    return vectors.map((v) => {
      let best = -1;
      let bestScore = threshold;
      sums.forEach((s, i) => {
        let dot = 0;
        for (const [w, x] of v) dot += x * (s.sum.get(w) ?? 0);
        const score = dot / (s.norm || 1);
        if (score >= bestScore) {
          best = i;
          bestScore = score;
        }
      });
      if (best < 0) sums.push({ sum: new Map(), norm: 0 });
      const s = sums[best < 0 ? sums.length - 1 : best];
      for (const [w, x] of v) s.sum.set(w, (s.sum.get(w) ?? 0) + x);
      let norm = 0;
      for (const x of s.sum.values()) norm += x * x;
      s.norm = Math.sqrt(norm);
      return `c${best < 0 ? sums.length - 1 : best}`;
    });
  });
}

/** Unit TF-IDF vectors of the texts, all at once: sub-linear term frequency, IDF `ln(n / df)` over the texts given. */
export function tfidfVectors(texts: string[]): Vec[] {
  const tfs = texts.map((text) => {
    const tf = new Map<string, number>();
    for (const w of words(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of tfs) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return tfs.map((tf) => {
    const v: Vec = new Map();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = (1 + Math.log(c)) * Math.log(n / df.get(w)!);
      if (x <= 0) continue;
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

/** Dot product of two sparse vectors: their cosine when both are unit vectors (`tfidfVectors`). */
export function dot(a: Vec, b: Vec): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [w, x] of a) s += x * (b.get(w) ?? 0);
  return s;
}

/** Average-link clustering: the engine's own (src/stories/linkage.ts), so that the baseline differs only in its input. */
export { averageLink };

/**
 * Story labels of the texts by a plain batch method: TF-IDF vectors of all texts (`tfidfVectors`), cosine, average
 * link (`averageLink`) cut at each threshold. No names, figures, reuse or time.
 */
export function tfidfAverageLink(texts: string[], thresholds: number[]): string[][] {
  const v = tfidfVectors(texts);
  const sim = v.map((a) => Float64Array.from(v, (b) => dot(a, b)));
  return thresholds.map((t) => averageLink(sim, t).map((l) => `c${l}`));
}
