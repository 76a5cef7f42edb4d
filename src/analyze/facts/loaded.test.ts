import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedTermValue } from '../../model/index.js';
import { splitSentences } from '../../text/sentences.js';
import { loadedTerms, resetLexicon } from './loaded.js';

const run = (body: string) =>
  loadedTerms(body, splitSentences(body)).map((f) => {
    expect(body.slice(f.span[0], f.span[1])).toBe(f.text);
    return [f.text, (f.value as LoadedTermValue).term, (f.value as LoadedTermValue).category];
  });

afterEach(() => {
  delete process.env.NEWSTRACE_LEXICON;
  resetLexicon();
});

describe('loaded terms', () => {
  it('finds lexicon words with their inflections and categories', () => {
    expect(run('The heinous massacres amount to extermination by the so-called coalition.')).toEqual([
      ['heinous', 'heinous', 'emotive'],
      ['massacres', 'massacre', 'atrocity'],
      ['extermination', 'extermination', 'atrocity'],
      ['so-called', 'so-called', 'delegitimising'],
    ]);
  });

  it('skips names and the neutral phrases a category lists as exceptions', () => {
    expect(run('The International Criminal Court opened a case.')).toEqual([]);
    expect(run('The group claimed responsibility for the attack and faces criminal charges.')).toEqual([]);
    expect(run('His claimed degree was criminal.').map((t) => t[1])).toEqual(['claimed', 'criminal']);
  });

  it('adds the words of a user lexicon named by NEWSTRACE_LEXICON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-lex-'));
    try {
      const file = join(dir, 'lexicon.json');
      writeFileSync(
        file,
        JSON.stringify({ euphemism: { description: 'Softening words', terms: ['collateral damage'] } }),
      );
      process.env.NEWSTRACE_LEXICON = file;
      resetLexicon();
      expect(run('Officials called the deaths collateral damage in a brutal war.')).toEqual([
        ['collateral damage', 'collateral damage', 'euphemism'],
        ['brutal', 'brutal', 'emotive'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the lexicon file', () => {
  it('documents each category and gives each term one category', async () => {
    const lexicon = (await import('./lexicon.json', { with: { type: 'json' } })).default as Record<
      string,
      { description: string; terms: string[] }
    >;
    const seen = new Map<string, string>();
    for (const [category, { description, terms }] of Object.entries(lexicon)) {
      expect(description.length, category).toBeGreaterThan(10);
      for (const t of terms) {
        expect(seen.get(t), `${t} in ${category} and ${seen.get(t)}`).toBeUndefined();
        seen.set(t, category);
      }
    }
  });
});
