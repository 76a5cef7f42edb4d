import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimsJson } from '../../src/report/claims.js';
import type { ReportJson } from '../../src/report/json.js';

/** `newstrace claims` on the bundled example (the seeds' story), through the built CLI. */
const BIN = 'dist/cli/bin.js';
const dir = mkdtempSync(join(tmpdir(), 'nt-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'claims.db');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('claims on examples/raqqa', () => {
  const report = JSON.parse(run(['analyze', 'examples/raqqa', '--json']).out) as ReportJson;
  const id = report.stories[0].id;

  it('--json: 240 by U.S. official sources and 774 by NGOs are two claims about one count', () => {
    const r = run(['claims', id, '--json']);
    expect(r.code, r.err).toBe(0);
    const records = JSON.parse(r.out) as ClaimsJson;
    const casualties = records.find((x) => x.subject === 'casualties')!;
    expect(casualties.claims.map((c) => [c.value, c.sourceDisplay])).toEqual([
      [240, 'U.S. official sources'],
      [774, 'NGOs'],
    ]);
    expect(casualties.disputes).toHaveLength(2);
  });

  it('--csv: one row per claim and article; the text view names both sources', () => {
    const csv = run(['claims', id, '--csv']).out.split('\r\n');
    expect(csv[0]).toBe(
      'kind,subject,value,max,approximate,source,low,high,conservative,disputed,article,outlet,published,text',
    );
    expect(csv.filter((l) => l.startsWith('figure,casualties,'))).toHaveLength(2);
    const text = run(['claims', id]).out;
    expect(text).toMatch(/casualties, range 240–774, conservative 240/);
    expect(text).toMatch(/disputed: US official sources 240 vs ngos 774/);
  });

  it('fails with a clear message for an unknown story', () => {
    const r = run(['claims', 's0000000000']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/s0000000000/);
  });
});
