import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawDoc } from '../../src/model/index.js';

/**
 * Every story fixture's articles (`test/fixtures/stories/<case>/articles.jsonl`), in one stream, plus a record per
 * case that fails (an empty text), so that batches hold errors too. Shared by the engine tests that run the whole
 * stream through the engine more than one way and compare the results.
 */
export function storyRecords(): RawDoc[] {
  const root = 'test/fixtures/stories';
  const out: RawDoc[] = [];
  for (const name of readdirSync(root).sort()) {
    for (const line of readFileSync(join(root, name, 'articles.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)) {
      const r = JSON.parse(line) as Record<string, string>;
      out.push({
        source: `${name}/${r.id}`,
        format: 'text',
        content: r.text,
        meta: { id: r.id, url: r.url, outlet: r.outlet, title: r.title, published: r.published },
      });
    }
    out.push({ source: `${name}/empty`, format: 'text', content: '   ', meta: {} });
  }
  return out;
}
