import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import ecbplus from '../ecbplus.js';
import { loadEcbPlus } from './ecbplus.js';
import { loadMeter } from './meter.js';

/** Smoke runs on a few files of each real corpus; skipped with the reason where `../shared/corpora` is absent. */
const root = resolve('../shared/corpora');
const has = existsSync(join(root, 'ecbplus-dev')) && existsSync(join(root, 'meter-courts'));
if (!has) console.warn(`corpus smoke tests skipped: ${root} is absent (real corpora are not shipped with the project)`);
const tmp = mkdtempSync(join(tmpdir(), 'nt-corpora-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!has)('real corpora', () => {
  it('ECB+ loader rebuilds text, takes the outlet URL out, labels the two events of a topic', () => {
    const docs = loadEcbPlus(join(root, 'ecbplus-dev')).filter((d) => d.gold.startsWith('1-'));
    expect(docs.length).toBeGreaterThan(10);
    expect(new Set(docs.map((d) => d.gold))).toEqual(new Set(['1-ecb', '1-ecbplus']));
    for (const d of docs) {
      expect(d.doc.content).not.toMatch(/ [,.] /);
      expect(d.doc.content).not.toMatch(/^https?:/);
    }
  });
  it('METER loader: PA copy with filing times, newspaper articles with labels', () => {
    const docs = loadMeter(join(root, 'meter-courts'));
    const pa = docs.filter((d) => d.kind === 'pa');
    const news = docs.filter((d) => d.kind === 'newspaper');
    expect(pa.length).toBeGreaterThan(100);
    expect(pa.every((d) => /T\d\d:\d\d/.test(d.doc.meta.published ?? ''))).toBe(true);
    expect(new Set(news.map((d) => d.label))).toEqual(new Set(['wholly-derived', 'partially-derived', 'non-derived']));
    expect(pa[0].doc.content).not.toMatch(/<\w/);
  });
  it('the ecbplus bench runs on one topic, with the baseline beside it, and ends with its JSON line', async () => {
    symlinkSync(join(root, 'ecbplus-dev', '1'), join(tmp, '1'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await ecbplus(['--corpus', tmp, '--baseline']);
    const last = JSON.parse(String(log.mock.calls.at(-1)![0])) as { bcubedF1: number; topics: number };
    const printed = log.mock.calls.map((c) => String(c[0]));
    log.mockRestore();
    expect(printed.filter((l) => /^\| 0\.\d+ \| [01]\.\d{3} \|/.test(l))).toHaveLength(4);
    expect(last.topics).toBe(1);
    expect(last.bcubedF1).toBeGreaterThan(0.5);
  });
});
