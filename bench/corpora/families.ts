import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/raw.js';

/**
 * Real story families (`../shared/families`, see its README): web pages as archived, each labelled with the event it
 * reports, a family being one main event plus hard negatives (same topic, another event); and labelled pairs
 * (copy, spin, shared-source, same-event) with a direction where it is known.
 */
export interface FamilyDoc {
  /** The text file's path under the folder (`texts/<family>/<nn>.txt`): the record's source. */
  file: string;
  family: string;
  event: string;
  url: string;
  outlet: string;
  title: string | null;
  /** As the page shows it: `YYYY-MM-DD`, `YYYY-MM`, or null. */
  date: string | null;
  hardNegative: boolean;
  doc: RawDoc;
}

export type FamilyRelation = 'copy' | 'spin' | 'shared-source' | 'same-event';

export interface FamilyPair {
  family: string;
  a: string;
  b: string;
  relation: FamilyRelation;
  /** `a->b` when A is known to be first, else null. */
  direction: 'a->b' | null;
  evidence: string;
}

export interface Families {
  docs: FamilyDoc[];
  pairs: FamilyPair[];
}

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The families folder's articles (in file order) and labelled pairs; undefined when the folder is not there. */
export function loadFamilies(root: string): Families | undefined {
  if (!existsSync(join(root, 'families.jsonl'))) return undefined;
  type Row = Omit<FamilyDoc, 'doc' | 'hardNegative'> & { notes: string | null };
  const docs = jsonl<Row>(join(root, 'families.jsonl'))
    .sort((x, y) => x.file.localeCompare(y.file))
    .map((r): FamilyDoc => ({
      file: r.file,
      family: r.family,
      event: r.event,
      url: r.url,
      outlet: r.outlet,
      title: r.title,
      date: r.date,
      hardNegative: /HARD NEGATIVE/.test(r.notes ?? ''),
      doc: { source: r.file, format: 'text', content: readFileSync(join(root, r.file), 'utf8'), meta: {} },
    }));
  type PairRow = { family: string; a_url: string; b_url: string } & Pick<
    FamilyPair,
    'relation' | 'direction' | 'evidence'
  >;
  const pairs = jsonl<PairRow>(join(root, 'relations.jsonl')).map((r): FamilyPair => ({
    family: r.family,
    a: r.a_url,
    b: r.b_url,
    relation: r.relation,
    direction: r.direction,
    evidence: r.evidence,
  }));
  return { docs, pairs };
}
