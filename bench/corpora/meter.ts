import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/raw.js';

/**
 * METER (Gaizauskas, Clough et al. 2001): Press Association wire copy (`PA/annotated/<domain>/<dd.mm.yy>/<catchline>/`)
 * and the newspaper articles written from it (`newspapers/annotated/…`), SGML with `date`, `catchline`, `newspaper`
 * and, for newspapers, `classification` (wholly-derived, partially-derived, non-derived). PA copy carries its filing
 * time ("03:03 27/01/00"), which becomes the record's timestamp; newspapers only their day.
 */
export type MeterLabel = 'wholly-derived' | 'partially-derived' | 'non-derived';

export interface MeterDoc {
  id: string;
  kind: 'pa' | 'newspaper';
  catchline: string;
  /** `<dd.mm.yy>/<catchline>`: what links a newspaper article to its PA copy. */
  key: string;
  label?: MeterLabel;
  doc: RawDoc;
}

function attr(sgml: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(sgml)?.[1];
}

function bodyText(sgml: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(sgml)?.[1] ?? '';
  return body
    .replace(/<\s*$/gm, '\n') // PA copy ends each paragraph with "<"
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/^\s*-{20,}\s*$/gm, '')
    .replace(/^\s*\d\d:\d\d \d\d\/\d\d\/\d\d:.*$/gm, '')
    .replace(/<$/gm, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.sgml')) out.push(p);
  }
  return out;
}

function isoDay(ddmmyy: string): string {
  const [d, m, y] = ddmmyy.split('.');
  return `${Number(y) > 50 ? '19' : '20'}${y}-${m}-${d}`;
}

/** Gold labels of every courts newspaper article from `file_index/courts/<label>_derived.txt`, by `courts/<day>/<catchline>/<name>`. */
function indexLabels(root: string): Map<string, MeterLabel> {
  const out = new Map<string, MeterLabel>();
  for (const label of ['wholly', 'partially', 'non'] as const) {
    const file = join(root, 'file_index', 'courts', `${label}_derived.txt`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'latin1').split('\n')) {
      const key = /rawtexts\/(.+)\.txt\s*$/.exec(line)?.[1];
      if (key) out.set(key, `${label}-derived`);
    }
  }
  return out;
}

/**
 * Every PA story and newspaper article of a METER courts folder. The annotated SGML is read where it exists; the 28
 * newspaper articles that were never annotated (the whole of 21.06.00, one of 02.11.99) come from their raw text,
 * labelled from the file index, so that all 770 labelled articles are scored.
 */
export function loadMeter(root: string): MeterDoc[] {
  const out: MeterDoc[] = [];
  const labels = indexLabels(root);
  const annotated = new Set<string>();
  for (const [kind, sub] of [
    ['pa', 'PA/annotated'],
    ['newspaper', 'newspapers/annotated'],
  ] as const) {
    for (const file of walk(join(root, sub))) {
      const sgml = readFileSync(file, 'latin1');
      const date = attr(sgml, 'date') ?? '';
      const catchline = attr(sgml, 'catchline') ?? '';
      const text = bodyText(sgml);
      if (!text) continue;
      const time = /(\d\d):(\d\d) (\d\d)\/(\d\d)\/(\d\d)/.exec(sgml);
      const published =
        kind === 'pa' && time
          ? `${isoDay(`${time[3]}.${time[4]}.${time[5]}`)}T${time[1]}:${time[2]}:00Z`
          : date
            ? isoDay(date)
            : undefined;
      const id = file.slice(root.length + 1);
      if (kind === 'newspaper') annotated.add(id.replace(/^newspapers\/annotated\//, '').replace(/\.sgml$/, ''));
      const label = attr(sgml, 'classification') as MeterLabel | undefined;
      out.push({
        id,
        kind,
        catchline,
        key: `${date}/${catchline}`,
        ...(kind === 'newspaper' && label ? { label } : {}),
        doc: {
          source: id,
          format: 'text',
          content: text,
          meta: { id, outlet: kind === 'pa' ? 'PA' : attr(sgml, 'newspaper'), published },
        },
      });
    }
  }
  for (const [key, label] of labels) {
    if (annotated.has(key)) continue;
    const file = join(root, 'newspapers', 'rawtexts', `${key}.txt`);
    if (!existsSync(file)) continue;
    // `courts/<dd.mm.yy>/<catchline>/<catchline><number>_<newspaper>`: the path carries what the SGML header would.
    const [, date, catchline, name] = key.split('/');
    const text = readFileSync(file, 'latin1')
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n\n');
    if (!text) continue;
    const id = `newspapers/rawtexts/${key}.txt`;
    out.push({
      id,
      kind: 'newspaper',
      catchline,
      key: `${date}/${catchline}`,
      label,
      doc: {
        source: id,
        format: 'text',
        content: text,
        meta: { id, outlet: /_([a-z]+)$/.exec(name)?.[1], published: isoDay(date) },
      },
    });
  }
  return out;
}
