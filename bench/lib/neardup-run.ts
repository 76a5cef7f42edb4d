import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { minhash, SIGNATURE_SIZE } from '../../src/fingerprint/minhash.js';
import { shingleSet } from '../../src/fingerprint/shingles.js';
import { bandKeys } from '../../src/match/lsh.js';
import { BandIndex, jaccardAtLeast, layoutFor } from './lsh-index.js';

/**
 * The near-duplicate stage alone, as the peers run it: read a JSONL corpus of {id, text}, shingle, sign, index by
 * LSH bands, verify every candidate pair exactly on the shingle sets, write pairs with J ≥ threshold as TSV.
 * usage: node --import tsx bench/lib/neardup-run.ts CORPUS OUT [THRESHOLD]
 * Prints one JSON line of phase times. Apostrophes are read as word breaks here, as in the peers' shared document
 * model (lib/shingle.mjs), so that the exact pairs of the peers' ground truth are the target.
 */
const [input, out, thr] = process.argv.slice(2);
const threshold = Number(thr ?? 0.5);
/** Recall aimed at for a pair exactly at the threshold; the layout is derived from it (see lsh.ts layoutFor). */
const TARGET_RECALL = 0.99;
const { rows, bands } = layoutFor(threshold, TARGET_RECALL, SIGNATURE_SIZE);

const t0 = performance.now();
const ids: string[] = [];
const sets: Uint32Array[] = [];
const index = new BandIndex(bands, 1 << 16);
const sig = new Uint32Array(SIGNATURE_SIZE);
const keys = new Uint32Array(bands);
let tRead = 0;
let tSign = 0;
const rl = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
let tLine = performance.now();
for await (const line of rl) {
  if (!line) continue;
  const rec = JSON.parse(line) as { id: string; text: string };
  const t1 = performance.now();
  tRead += t1 - tLine;
  ids.push(rec.id);
  const set = shingleSet(rec.text.replace(/['’]/g, ' '));
  sets.push(set);
  minhash(set, sig);
  bandKeys(sig, rows, keys);
  index.add(keys);
  tLine = performance.now();
  tSign += tLine - t1;
}
const t2 = performance.now();
// Candidate pairs, each once.
const n = ids.length;
const pairs: string[] = [];
const candidates = index.forEachCandidate((a, b) => {
  const jaccard = jaccardAtLeast(sets[a], sets[b], threshold);
  if (jaccard >= threshold) {
    const [x, y] = ids[a] < ids[b] ? [ids[a], ids[b]] : [ids[b], ids[a]];
    pairs.push(`${x}\t${y}\t${jaccard.toFixed(4)}`);
  }
});
const t3 = performance.now();
writeFileSync(out, pairs.join('\n') + (pairs.length ? '\n' : ''));
console.log(
  JSON.stringify({
    docs: n,
    rows,
    bands,
    read_s: +(tRead / 1000).toFixed(3),
    shingle_sign_index_s: +(tSign / 1000).toFixed(3),
    candidates_verify_s: +((t3 - t2) / 1000).toFixed(3),
    total_s: +((t3 - t0) / 1000).toFixed(3),
    candidates,
    pairs: pairs.length,
  }),
);
