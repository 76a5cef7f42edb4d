import type { RawDoc } from '../model/index.js';
import { prepare } from './prepare.js';

/** `prepare`, with a failure of any stage turned into an error record for that input instead of a crash. */
export function safePrepare(doc: RawDoc): ReturnType<typeof prepare> {
  try {
    return prepare(doc);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { source: doc.source, reason: `could not be processed (${msg}); please report this input` },
    };
  }
}
