import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RawDoc } from '../../src/model/index.js';

/**
 * The records of a JSONL corpus of `{id, text}` (the peer kit's generated corpora) as plain-text raw documents, read
 * one line at a time so that a corpus of any size streams through the engine without being held in memory.
 */
export async function* jsonlDocs(file: string, limit = Infinity): AsyncIterable<RawDoc> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    if (!line) continue;
    if (n++ >= limit) break;
    const o = JSON.parse(line) as { id: string; text: string };
    yield { source: o.id, format: 'text', content: o.text, meta: { id: o.id } };
  }
  rl.close();
}

/** The value of `--name` in an argument list. */
export function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
