import { readFileSync } from 'node:fs';
import type { Fact, LoadedTermValue, Span } from '../../../src/model/index.js';
import { matchesOf } from '../../../src/text/matches.js';
import lexiconJson from './lexicon.json' with { type: 'json' };

/**
 * Loaded wording: evaluative or emotive words that a neutral report would not use in its own voice. The lexicon
 * (`lexicon.json`: category → terms) is documented and can be extended with a user file of the same shape named by
 * the NEWSTRACE_LEXICON environment variable. Terms match as whole words with their common inflections
 * ("massacre", "massacres", "massacred"). A category's `except` lists phrases in which its words are the neutral
 * wording of a report ("claimed responsibility", "criminal charges"); a term inside a run of capitalised words is part
 * of a name ("International Criminal Court") and is not counted either.
 */

type Lexicon = Record<string, { description: string; terms: string[]; except?: string[] }>;

function loadLexicon(): Lexicon {
  const base = lexiconJson as Lexicon;
  const extra = process.env.NEWSTRACE_LEXICON;
  if (!extra) return base;
  const user = JSON.parse(readFileSync(extra, 'utf8')) as Lexicon;
  const merged: Lexicon = structuredClone(base);
  for (const [cat, entry] of Object.entries(user)) {
    merged[cat] = {
      description: entry.description ?? merged[cat]?.description ?? cat,
      terms: [...(merged[cat]?.terms ?? []), ...(entry.terms ?? [])],
      except: [...(merged[cat]?.except ?? []), ...(entry.except ?? [])],
    };
  }
  return merged;
}

let compiled: { re: RegExp; lookup: Map<string, { term: string; category: string }>; except: string[] } | undefined;

/** Drops the compiled lexicon, so that a changed NEWSTRACE_LEXICON is read again (tests). */
export function resetLexicon(): void {
  compiled = undefined;
}

function compile() {
  const lookup = new Map<string, { term: string; category: string }>();
  const except: string[] = [];
  for (const [category, { terms, except: ex }] of Object.entries(loadLexicon())) {
    for (const term of terms) lookup.set(term.toLowerCase(), { term: term.toLowerCase(), category });
    for (const e of ex ?? []) except.push(e.toLowerCase());
  }
  const alts = [...lookup.keys()]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}-])(${alts.join('|')})(s|es|d|ed|ing)?(?![\\p{L}])`, 'giu');
  return { re, lookup, except };
}

/** Whether `phrase` occurs in `text` covering [a, b). */
function inside(text: string, phrase: string, a: number, b: number): boolean {
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
    if (i <= a && b <= i + phrase.length) return true;
  }
  return false;
}

export function loadedTerms(body: string, sentences: Span[]): Fact[] {
  compiled ??= compile();
  const { re, lookup, except } = compiled;
  const out: Fact[] = [];
  sentences.forEach(([s0, s1], si) => {
    const s = body.slice(s0, s1);
    for (const m of matchesOf(re, s)) {
      const hit = lookup.get(m[1].toLowerCase().replace(/\s+/g, ' '));
      if (!hit) continue;
      const at = m.index;
      const endAt = at + m[0].length;
      if (/^\p{Lu}/u.test(m[0]) && /\p{Lu}[\p{L}.-]*\s+$/u.test(s.slice(Math.max(0, at - 30), at))) continue;
      if (/^\p{Lu}/u.test(m[0]) && /^\s+\p{Lu}/u.test(s.slice(endAt)) && at > 0) continue;
      const around = s.slice(Math.max(0, at - 40), endAt + 40).toLowerCase();
      const off = Math.min(40, at);
      if (except.some((e) => inside(around, e, off, off + m[0].length))) continue;
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
