/**
 * A bounded cache that keeps what was used recently, in two generations: entries go into the young map; when it
 * holds `capacity / 2`, it becomes the old map and the oldest generation is dropped; a hit in the old map moves the
 * entry back to the young one. At least the `capacity / 2` most recently used entries are always kept, at most
 * `capacity` are held, and a hit costs one or two look-ups — an exact LRU on a Map (delete and set again on every
 * hit) cost the SQLite store 2% of an ingest.
 */
export class RecentCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.set(key, o);
    }
    return o;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= Math.max(1, this.capacity >> 1)) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
