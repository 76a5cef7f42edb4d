import type { RawDoc, RecordError } from '../model/index.js';
import type { Prepared } from './prepare.js';
import { safePrepare } from './prepare-safe.js';

/**
 * A prepared article as JSON and back, exactly: typed arrays travel as base64 of their bytes, so a worker that
 * prepares an article and the one that inserts it see the same values bit for bit.
 */
type Wire = Omit<Prepared, 'shingles' | 'signature' | 'vector' | 'titleTerms' | 'figureTerms'> & {
  shingles: string;
  signature: string;
  titleTerms: string;
  figureTerms: string;
  vector: { terms: string; tf: string };
};

const b64 = (a: Uint32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function u32(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const out = new Uint32Array(b.byteLength >>> 2);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function f32(s: string): Float32Array {
  const b = Buffer.from(s, 'base64');
  const out = new Float32Array(b.byteLength >>> 2);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function serializePrepared(p: Prepared): string {
  const wire: Wire = {
    ...p,
    shingles: b64(p.shingles),
    signature: b64(p.signature),
    titleTerms: b64(p.titleTerms),
    figureTerms: b64(p.figureTerms),
    vector: { terms: b64(p.vector.terms), tf: b64(p.vector.tf) },
  };
  return JSON.stringify(wire);
}

export function deserializePrepared(s: string): Prepared {
  const w = JSON.parse(s) as Wire;
  return {
    ...w,
    shingles: u32(w.shingles),
    signature: u32(w.signature),
    titleTerms: u32(w.titleTerms),
    figureTerms: u32(w.figureTerms),
    vector: { terms: u32(w.vector.terms), tf: f32(w.vector.tf) },
  };
}

/** A queued record as the workers store it once prepared: the prepared article, or why it was refused. */
export type QueuedOutcome = { ok: true; value: string } | { ok: false; error: RecordError };

/** Prepares a record and gives the JSON the queue stores for it (`QueuedOutcome`). */
export function queuedOutcome(doc: RawDoc): string {
  const r = safePrepare(doc);
  const out: QueuedOutcome = r.ok ? { ok: true, value: serializePrepared(r.value) } : { ok: false, error: r.error };
  return JSON.stringify(out);
}
