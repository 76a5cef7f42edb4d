import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import type { StoredArticle } from '../model/index.js';
import {
  articleColumnNames,
  factDiffText,
  factTableCsv,
  factTableJson,
  factTableText,
  storyFactTable,
  versionDiffs,
} from './facts.js';
import { makeStyle } from './style.js';

/** A stored article whose text is its clean body (nothing removed), as the report functions read it. */
function stored(id: string, body: string, seq: number, meta: Partial<StoredArticle> = {}): StoredArticle {
  const { sentences, facts } = analyze(body);
  return {
    ...meta,
    id,
    seq,
    source: `${id}.txt`,
    raw: { source: `${id}.txt`, format: 'text', content: body, meta: {} },
    text: body,
    body,
    kept: [[0, body.length]],
    removed: [],
    sentences,
    facts,
    shingles: new Uint32Array(),
    signature: new Uint32Array(),
    terms: new Uint32Array(),
    weights: new Float32Array(),
    cues: { figures: new Uint32Array(), eventTime: { basis: 'none', confidence: 0, years: [], evidence: [] } },
    storyId: 's1',
  };
}

/** RFC 4180 reader, to check that what the writer quotes comes back whole. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

const a = stored(
  'a1',
  '"We will rebuild, street by street," the minister said. The strikes killed 240 civilians in Raqqa.',
  1,
  { outlet: 'Reuters', publishedAt: '2022-04-19T08:00:00Z' },
);
const b = stored('b1', 'The strikes killed 774 civilians in Raqqa, a heinous massacre, the ministry said.', 2);
const plain = makeStyle(false);

describe('fact reports', () => {
  const table = storyFactTable([a, b]);

  it('writes the fact table as RFC 4180 CSV that reads back cell for cell', () => {
    const csv = factTableCsv(table, [a, b]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'kind',
      'fact',
      'key',
      'Reuters 2022-04-19 status',
      'Reuters 2022-04-19 text',
      'Reuters 2022-04-19 attributed to',
      'b1.txt undated status',
      'b1.txt undated text',
      'b1.txt undated attributed to',
    ]);
    for (const r of rows) expect(r).toHaveLength(9);
    const quote = rows.find((r) => r[0] === 'quote')!;
    expect(quote[4]).toBe('"We will rebuild, street by street,"');
    expect(quote[6]).toBe('omitted');
    const figure = rows.find((r) => r[2] === 'quantity|civilian|240')!;
    expect(figure.slice(3, 9)).toEqual([
      'carried',
      '240 civilians',
      '', // the figure's sentence credits no one
      'conflicting',
      '774 civilians',
      'ministry',
    ]);
  });

  it('names each CSV column by outlet and date, numbering names two articles share', () => {
    const c = stored('c1', 'The strikes killed 240 civilians in Raqqa.', 3, {
      outlet: 'Reuters',
      publishedAt: '2022-04-19',
    });
    expect(articleColumnNames(['a1', 'b1', 'c1'], [a, b, c])).toEqual([
      'Reuters 2022-04-19',
      'b1.txt undated',
      'Reuters 2022-04-19 #2',
    ]);
  });

  it('gives JSON spans into each article’s text', () => {
    const json = factTableJson(table, [a, b]);
    for (const r of json.rows) {
      for (const [id, c] of Object.entries(r.cells)) {
        if (!c.span) continue;
        const art = id === 'a1' ? a : b;
        expect(art.text.slice(c.span[0], c.span[1])).toBe(c.text);
      }
    }
  });

  it('prints the table with one mark per article and the diff line by line', () => {
    const text = factTableText(table, plain);
    expect(text).toMatch(/quantity +240 civilian.* ● +≠/);
    expect(text).toMatch(/quote .* ● +·/);
    const [{ diff }] = versionDiffs([a, b]);
    const d = factDiffText(diff, plain);
    expect(d).toMatch(/≠ changed +quantity +240 civilian.* → 774 civilian/);
    expect(d).toMatch(/- dropped quote/);
    expect(d).toMatch(/\+ wording loaded-term +heinous/);
    expect(d).toMatch(/\+ wording loaded-term +massacre/);
    expect(factDiffText(versionDiffs([a, a])[0].diff, plain)).toBe('  (no fact-level change)\n');
  });
});
