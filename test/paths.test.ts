import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone must test what every other machine tests: no test, nor a helper under test/lib, names a path outside
 * the repository (scratch folders come from os.tmpdir() and are the test's own). The shared data is reached through
 * test/lib/shared.ts, which honours NEWSTRACE_SHARED so CI can hide it.
 */
const ROOTS = ['src', 'test', 'bench', 'train'];
/** A string literal that starts with an absolute path into the machine (not a URL path such as '/api/stories'). */
const OUTSIDE = /['"`](\/(?:tmp|home|root|work|var|opt|mnt|srv|usr\/local)\b[^'"`]*)['"`]/g;

function testFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) testFiles(p, out);
    else if (/\.test\.ts$/.test(name) || p.startsWith(join('test', 'lib'))) out.push(p);
  }
  return out;
}

describe('test inputs', () => {
  it('no test names a path outside the repository', () => {
    const found: string[] = [];
    for (const f of ROOTS.flatMap((r) => testFiles(r))) {
      for (const m of readFileSync(f, 'utf8').matchAll(OUTSIDE)) found.push(`${f}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });

  it('no test reads ../shared except through test/lib/shared.ts', () => {
    // The corpora tests of bench/corpora predate the helper and skip on their own where ../shared/corpora is absent.
    const found = ROOTS.flatMap((r) => testFiles(r))
      .filter((f) => !f.startsWith(join('bench', 'corpora')) && !f.startsWith(join('test', 'lib')))
      .filter((f) =>
        /(?:resolve|join|existsSync|readFileSync|readdirSync)\([^)]*['"`]\.\.\/shared/.test(readFileSync(f, 'utf8')),
      );
    expect(found).toEqual([]);
  });

  it('the README names what the skipping tests need', () => {
    const readme = readFileSync('README.md', 'utf8');
    // test/ui skips without Chromium, the PostgreSQL tests without a server, some without ../shared.
    for (const need of ['chromium', '/usr/bin/chromium', 'NEWSTRACE_TEST_PG', 'NEWSTRACE_SHARED', '.tmp/peers'])
      expect(readme).toContain(need);
  });
});
