import { slugTitle } from '../extract/page.js';
import { type NamingMember, storyName, type StoryName } from '../model/naming.js';

/** A stored article's columns the story name is made from (both stores read these). */
export interface NamingRow {
  seq: number | string;
  title: string | null;
  url: string | null;
  published_at: string | null;
  /** As stored (a Buffer), or as a store holds them already (typed arrays, read only). */
  terms: Buffer | Uint32Array;
  weights: Buffer | Float32Array;
}

function view<T extends Uint32Array | Float32Array>(buf: Buffer | T, Ctor: new (b: ArrayBuffer) => T): T {
  if (!Buffer.isBuffer(buf)) return buf;
  // Copy: a Buffer from a driver may sit at any offset of a shared pool.
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return new Ctor(ab);
}

/**
 * The story's name (model/naming.ts) from its members' rows: the earliest and the latest sampled, duplicates dropped.
 * A title that is only the words of the article's URL slug (in any case: the extract stage recases them from the
 * text) is marked as such, so a headline the page printed is preferred to it.
 */
export function nameOfRows(rows: NamingRow[], ledeOf: (seq: number) => string | undefined): StoryName | undefined {
  const seen = new Set<number>();
  const members: NamingMember[] = [];
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seen.has(seq)) continue;
    seen.add(seq);
    const url = r.url ?? undefined;
    members.push({
      seq,
      title: r.title ?? undefined,
      titleFromUrl: r.title !== null && url !== undefined && slugTitle(url)?.toLowerCase() === r.title.toLowerCase(),
      publishedAt: r.published_at ?? undefined,
      terms: view(r.terms, Uint32Array),
      weights: view(r.weights, Float32Array),
    });
  }
  return storyName(members, ledeOf);
}
