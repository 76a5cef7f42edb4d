import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/json.js';

/** Fact-level answers on the bundled example, through the built CLI. */
const BIN = 'dist/cli/bin.js';
const dir = mkdtempSync(join(tmpdir(), 'nt-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'facts.db');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('facts on examples/raqqa', () => {
  const report = JSON.parse(run(['analyze', 'examples/raqqa', '--json']).out) as ReportJson;
  const story = report.stories[0];
  const a000 = story.articles.find((a) => a.source.includes('000_'))!;
  const a001 = story.articles.find((a) => a.source.includes('001_'))!;
  const row = (pred: (r: (typeof story.facts.rows)[number]) => boolean) => story.facts.rows.find(pred);
  const qty = (value: number) => row((r) => r.kind === 'quantity' && r.key.includes(`|${value}`));

  it('000 carries the figures with what they count; 001 omits them', () => {
    const expected: Array<[number, RegExp]> = [
      [240, /civilian.*killing and injuring/],
      [38, /incident/],
      [774, /casualt/],
      [80, /resident/],
    ];
    for (const [value, label] of expected) {
      const r = qty(value);
      expect(r, `figure ${value}`).toBeDefined();
      expect(r!.label).toMatch(label);
      expect(r!.cells[a000.id].status).toBe('carried');
      expect(r!.cells[a001.id].status).toBe('omitted');
      const cell = r!.cells[a000.id];
      expect(a000.text.slice(cell.span![0], cell.span![1])).toBe(cell.text);
      expect(cell.text).toContain(String(value));
    }
    expect(qty(774)!.cells[a000.id].attributedTo).toBe('ngos');
  });

  it('the date 18 March 2019 and the places are in 000 only, except Raqqa', () => {
    const date = row((r) => r.key === 'date|2019-03-18');
    expect(date?.cells[a000.id].status).toBe('carried');
    expect(date?.cells[a001.id].status).toBe('omitted');
    for (const place of ['baghouz', 'deir ez zor', 'ayn al arab']) {
      const r = row((x) => x.kind === 'place' && x.key === `place|${place}`);
      expect(r, place).toBeDefined();
      expect(r!.cells[a000.id].status).toBe('carried');
      expect(r!.cells[a001.id].status).toBe('omitted');
    }
    const raqqa = row((x) => x.key === 'place|raqqa');
    expect(raqqa?.cells[a000.id].status).toBe('carried');
    expect(raqqa?.cells[a001.id].status).toBe('carried');
  });

  it('both attribute to the foreign ministry; "thousands of civilians" is in both; 001 adds loaded terms', () => {
    const ministry = row((r) => r.key === 'attribution|foreign ministry');
    expect(ministry?.cells[a000.id].status).toBe('carried');
    expect(ministry?.cells[a001.id].status).toBe('carried');
    const thousands = row((r) => r.kind === 'quantity' && /civilian/.test(r.label) && r.key.endsWith('~'));
    expect(thousands?.cells[a000.id].status).toBe('carried');
    expect(thousands?.cells[a001.id].status).toBe('carried');
    const v = story.versions.find((x) => x.article === a001.id)!;
    expect(v.changes.loadedAdded.map((f) => f.text.toLowerCase()).sort()).toEqual(['extermination', 'heinous']);
    expect(v.changes.dropped.map((f) => f.text)).toEqual(
      expect.arrayContaining(['240 civilians', '38 different incidents']),
    );
    for (const f of v.changes.loadedAdded) expect(a001.text.slice(f.span[0], f.span[1])).toBe(f.text);
  });

  it('prints the fact diff and exports the fact table as CSV', () => {
    const show = run(['show', story.id]);
    expect(show.out).toMatch(/- dropped quantity +240 civilian/);
    expect(show.out).toMatch(/\+ wording loaded-term +heinous/);
    const diff = run(['diff', a000.id, a001.id]);
    expect(diff.out).toMatch(/- dropped date +2019-03-18/);
    const csv = run(['facts', story.id, '--csv']);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\r\n');
    expect(lines[0]).toMatch(/^kind,fact,key,/);
    expect(lines.find((l) => l.startsWith('quantity,240 civilian'))).toMatch(/carried,240 civilians,.*omitted/);
  });
});
