import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEcbPlus } from '../bench/corpora/ecbplus.js';
import { loadFamilies } from '../bench/corpora/families.js';
import { loadMeter } from '../bench/corpora/meter.js';
import type { LabelledDoc } from './dataset.js';

/**
 * The labelled real news the scorer learns from, as documents with a group (the unit held out together in
 * cross-validation) and a gold story:
 * - `families`: real web pages of story families; group the family, story the event (hard negatives included);
 * - `ecbplus`: ECB+ development topics; group the topic, story the topic's event (ecb or ecbplus);
 * - `meter`: METER courts: Press Association copy and the newspaper reports of it; group the day, story the
 *   day's catchline (court case).
 */
export function trainingCorpora(shared = resolve('../shared')): Record<string, LabelledDoc[]> {
  const out: Record<string, LabelledDoc[]> = {};
  const fam = loadFamilies(resolve(shared, 'families'));
  if (fam) out.families = fam.docs.map((d) => ({ key: d.file, group: d.family, gold: d.event, raw: d.doc }));
  const ecb = resolve(shared, 'corpora/ecbplus-dev');
  if (existsSync(ecb))
    out.ecbplus = loadEcbPlus(ecb).map((d) => ({
      key: d.id,
      group: d.gold.replace(/-[^-]*$/, ''),
      gold: d.gold,
      raw: d.doc,
    }));
  const meter = resolve(shared, 'corpora/meter-courts');
  if (existsSync(meter))
    out.meter = loadMeter(meter).map((d) => ({ key: d.id, group: d.key.split('/')[0], gold: d.key, raw: d.doc }));
  return out;
}
