import { parseCues } from './cues.js';
import type { NamingRow } from './naming.js';
import type { ArticleSketch, StoredArticle } from './types.js';

/** Column conversions both stores share: typed arrays to and from blobs, nulls, and an article's sketch. */

export function u32(buf: Buffer): Uint32Array {
  // Copy: the Buffer may be a view into a pooled slab with an unaligned offset.
  const out = new Uint32Array(buf.byteLength >>> 2);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function f32(buf: Buffer): Float32Array {
  const out = new Float32Array(buf.byteLength >>> 2);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function blob(a: Uint32Array | Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export const orNull = (v: string | undefined): string | null => (v === undefined ? null : v);

export const orUndef = (v: string | null): string | undefined => (v === null ? undefined : v);

/** The columns of an article a candidate's sketch is read from. */
export interface SketchRow {
  id: string;
  /** A number in SQLite, a decimal string (bigint) in PostgreSQL. */
  seq: number | string;
  story_id: string;
  origin_story: string | null;
  published_at: string | null;
  shingles: Buffer;
  terms: Buffer;
  weights: Buffer;
  cues: string | null;
}

export function rowToSketch(r: SketchRow): ArticleSketch {
  return {
    id: r.id,
    seq: Number(r.seq),
    storyId: r.story_id,
    originStoryId: r.origin_story ?? r.story_id,
    publishedAt: orUndef(r.published_at),
    shingles: u32(r.shingles),
    terms: u32(r.terms),
    weights: f32(r.weights),
    cues: parseCues(r.cues),
  };
}

/** The sketch of an article just stored (in the story it was first put in), as a store caches it. */
export function sketchOf(a: StoredArticle): ArticleSketch {
  return {
    id: a.id,
    seq: a.seq,
    storyId: a.storyId,
    originStoryId: a.storyId,
    publishedAt: a.publishedAt,
    shingles: a.shingles,
    terms: a.terms,
    weights: a.weights,
    cues: a.cues,
  };
}

/** What a story's name is made from (model/naming.ts) of an article just stored, as a store caches it. */
export function namingRowOf(a: StoredArticle): NamingRow {
  return {
    seq: a.seq,
    title: orNull(a.title),
    url: orNull(a.url),
    published_at: orNull(a.publishedAt),
    terms: a.terms,
    weights: a.weights,
  };
}
