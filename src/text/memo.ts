/**
 * Memoisation of pure functions of a word or a name, in bounded maps. News vocabulary repeats from article to article,
 * so the work per word (stemming, normalising) is done once per distinct word, not once per occurrence.
 */

/**
 * Shortest slice that V8 keeps as a pointer into its parent string instead of a copy. A memo key or value sliced from
 * an article body would keep the whole body alive for as long as the memo holds it.
 */
const SLICE_MIN = 13;

/** `s` with memory of its own: not a view into a longer string it was sliced from (a body, a sentence). */
export function detached(s: string): string {
  // Concatenation then slicing flattens into a new string; V8 copies anything shorter than SLICE_MIN anyway.
  return s.length >= SLICE_MIN ? (' ' + s).slice(1) : s;
}

/**
 * `f` memoised in a map of at most `size` entries; when full, the map starts again empty (the words of the next
 * articles fill it back within a few hundred articles), so memory stays bounded on runs of any length. `f` must be
 * pure and its results treated as read-only.
 */
export function memoise<V>(f: (s: string) => V, size: number): (s: string) => V {
  const memo = new Map<string, V>();
  return (s: string): V => {
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      v = f(s);
      if (memo.size >= size) memo.clear();
      memo.set(detached(s), v);
    }
    return v as V;
  };
}
