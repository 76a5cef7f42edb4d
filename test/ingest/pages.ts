import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean } from '../../src/clean/index.js';
import { extract } from '../../src/extract/index.js';
import { readInputs } from '../../src/ingest/index.js';
import type { Extracted, RecordError } from '../../src/model/index.js';

/**
 * The real-world page fixtures, `test/fixtures/html/<case>/{page.html | feed.*, expected.json}`: what each article
 * read from the input must be (metadata, captions, the paragraphs of its body, snippets its clean text must not
 * hold). Shared by the fixture test and `bench/extraction.ts`.
 */

export const PAGES_DIR = 'test/fixtures/html';

export interface ExpectedArticle {
  title?: string;
  url?: string;
  outlet?: string;
  byline?: string;
  publishedAt?: string;
  /** The page is a teaser or a summary. */
  partial?: boolean;
  teaser?: boolean;
  captions: string[];
  /** The article's own paragraphs, in order: the gold text. */
  body: string[];
  mustNotContain?: string[];
}

export interface PageCase {
  name: string;
  input: string;
  /** One entry per article the input holds. */
  articles: ExpectedArticle[];
  /** Source suffixes of the records that must be errors. */
  errors: string[];
}

export interface PageResult {
  extracted: Extracted[];
  /** Clean text (after the clean stage) of each extracted article. */
  bodies: string[];
  errors: RecordError[];
}

export function loadCases(): PageCase[] {
  return readdirSync(PAGES_DIR)
    .sort()
    .map((name) => {
      const dir = join(PAGES_DIR, name);
      const input = readdirSync(dir).find((f) => f !== 'expected.json');
      if (!input) throw new Error(`${dir} has no input file`);
      const e = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedArticle & {
        items?: ExpectedArticle[];
        errors?: string[];
      };
      return { name, input: join(dir, input), articles: e.items ?? [e], errors: e.errors ?? [] };
    });
}

export async function runCase(c: PageCase): Promise<PageResult> {
  const out: PageResult = { extracted: [], bodies: [], errors: [] };
  for await (const item of readInputs([c.input])) {
    if (!item.ok) {
      out.errors.push(item.error);
      continue;
    }
    const x = extract(item.doc);
    if (!x.ok) {
      out.errors.push(x.error);
      continue;
    }
    out.extracted.push(x.value);
    out.bodies.push(clean({ text: x.value.text, title: x.value.title, captions: x.value.captions }).body);
  }
  return out;
}

/** Words of a text, lower-cased, punctuation dropped: the unit in which text kept and boilerplate removed are counted. */
export function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How many words of `part` occur in `whole`, as multisets (a word twice in `part` needs two in `whole`). */
export function multisetOverlap(part: string[], whole: string[]): number {
  const counts = new Map<string, number>();
  for (const w of whole) counts.set(w, (counts.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of part) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      n++;
      counts.set(w, c - 1);
    }
  }
  return n;
}
