import { readFileSync } from 'node:fs';
import type { Fact, LoadedTermValue, Span } from '../../model/index.js';
import lexiconJson from './lexicon.json' with { type: 'json' };

/**
 * Loaded wording: evaluative or emotive words that a neutral report would not use in its own voice. The lexicon
 * (`lexicon.json`: category → terms) is documented and can be extended with a user file of the same shape named by
 * the NEWSTRACE_LEXICON environment variable. Terms match as whole words with their common inflections
 * ("massacre", "massacres", "massacred").
 */

type Lexicon = Record<string, { description: string; terms: string[] }>;

function loadLexicon(): Lexicon {
  const base = lexiconJson as Lexicon;
  const extra = process.env.NEWSTRACE_LEXICON;
  if (!extra) return base;
  const user = JSON.parse(readFileSync(extra, 'utf8')) as Lexicon;
  const merged: Lexicon = structuredClone(base);
  for (const [cat, entry] of Object.entries(user)) {
    merged[cat] = {
      description: entry.description ?? merged[cat]?.description ?? cat,
      terms: [...(merged[cat]?.terms ?? []), ...entry.terms],
    };
  }
  return merged;
}

let compiled: { re: RegExp; lookup: Map<string, { term: string; category: string }> } | undefined;

function compile() {
  const lookup = new Map<string, { term: string; category: string }>();
  for (const [category, { terms }] of Object.entries(loadLexicon())) {
    for (const term of terms) lookup.set(term.toLowerCase(), { term: term.toLowerCase(), category });
  }
  const alts = [...lookup.keys()]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}-])(${alts.join('|')})(s|es|d|ed|ing)?(?![\\p{L}])`, 'giu');
  return { re, lookup };
}

export function loadedTerms(body: string, sentences: Span[]): Fact[] {
  compiled ??= compile();
  const { re, lookup } = compiled;
  const out: Fact[] = [];
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    for (const m of s.matchAll(re)) {
      const hit = lookup.get(m[1].toLowerCase().replace(/\s+/g, ' '));
      if (!hit) continue;
      const value: LoadedTermValue = { term: hit.term, category: hit.category };
      out.push({
        kind: 'loaded-term',
        span: [s0 + m.index, s0 + m.index + m[0].length],
        sentence: si,
        text: m[0],
        value,
      });
    }
  });
  return out;
}
