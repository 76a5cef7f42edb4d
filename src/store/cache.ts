import { totalmem } from 'node:os';

/**
 * Article sketches a store keeps in memory (about 2 KB each: shingle hashes, salient terms and weights): at most this
 * many, and at least the half of them used last. A new article's neighbours are the other versions of its story and
 * the articles sharing its terms, of any age: with 250,000 (about 500 MB), reading the missed sketches from the SQLite
 * file was 18% of the main thread at 180,000 articles of corpus-1M and growing with the store. So up to 2 million
 * (a store of a million articles cached whole, about 2 GB), but no more than an eighth of the machine's memory.
 */
export const SKETCH_CACHE_SIZE = Math.max(250_000, Math.min(2_000_000, Math.floor(totalmem() / 8 / 2048)));

/** Articles whose naming columns a store keeps in memory (some 200 bytes each besides the sketch's vectors). */
export const NAMING_CACHE_SIZE = 65_536;

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
