import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/index.js';

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

export function loadMeter(root: string): MeterDoc[] {
  const out: MeterDoc[] = [];
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
  return out;
}
