import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordError } from '../model/index.js';
import { readInputs } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'nt-links-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('folders with symbolic links', () => {
  it('a link back to an enclosing folder and a second link to a folder read already are each reported once', async () => {
    const news = join(root, 'news');
    mkdirSync(join(news, 'sub'), { recursive: true });
    copyFileSync('test/fixtures/stories/copy-trimmed/articles.jsonl', join(news, 'a.jsonl'));
    copyFileSync('test/fixtures/stories/siblings/articles.jsonl', join(news, 'sub', 'b.jsonl'));
    symlinkSync('..', join(news, 'sub', 'loop'));
    symlinkSync('sub', join(news, 'again'));
    let records = 0;
    const errors: RecordError[] = [];
    for await (const it of readInputs([news])) {
      if (it.ok) records++;
      else errors.push(it.error);
    }
    expect(records).toBe(4);
    // 'again' comes first in name order: sub is read through it, then named again (read already), and the link to
    // the enclosing folder inside it is a loop.
    expect(errors).toHaveLength(2);
    expect(errors.filter((e) => /enclosing folder .* \(a loop\): not followed/.test(e.reason))).toHaveLength(1);
    expect(errors.filter((e) => /read already: not followed/.test(e.reason))).toHaveLength(1);
  });
});
